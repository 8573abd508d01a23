#include <stdio.h>
#include <stdlib.h>
int main(void){ int *p = malloc(sizeof(int)); if (*p > 3) printf("big\n"); free(p); return 0; }
