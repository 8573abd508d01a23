#include <string.h>
#include <stdio.h>
int main(void){ char b[64]; strcpy(b, "abcdefghijklmnopqrstuvwxyz"); memcpy(b+4, b, 20); strcpy(b, b+2); strncpy(b+1,b,10); printf("%s\n", b); return 0; }
