#include <string.h>
#include <stdio.h>
int main(void){ char b[32] = "0123456789"; strncat(b, b+2, 3); printf("%s\n", b); char c[32]="abcdef"; stpcpy(c, c+1); printf("%s\n", c); return 0; }
