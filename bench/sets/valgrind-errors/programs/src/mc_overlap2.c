#include <string.h>
#include <stdlib.h>
#include <stdio.h>
int main(void){ char *b = malloc(64); strcpy(b, "abcdefghijklmnopqrstuvwxyz"); volatile size_t n = 20; memcpy(b+4, b, n); strcat(b+1, b); printf("%s\n", b); free(b); return 0; }
