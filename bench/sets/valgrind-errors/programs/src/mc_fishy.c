#include <stdlib.h>
#include <string.h>
int main(void){ volatile long n = -3; void *p = malloc(n); void *q = calloc(n, 4); void *q2 = calloc(4, n); void *r = malloc(8); void *r2 = realloc(r, n); free(p); free(q); free(q2); free(r2); free(r); return 0; }
