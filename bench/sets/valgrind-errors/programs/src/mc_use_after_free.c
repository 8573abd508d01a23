#include <stdlib.h>
#include <string.h>
int main(void){ char *s = malloc(16); strcpy(s,"hello"); free(s); volatile char c = s[0]; (void)c; return 0; }
