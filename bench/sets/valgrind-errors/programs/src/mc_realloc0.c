#include <stdlib.h>
#include <stdio.h>
int main(void){ char *p = malloc(10); char *q = realloc(p, 0); printf("%p\n", (void*)q); free(q); return 0; }
