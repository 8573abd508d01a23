#include <stdlib.h>
#include <string.h>
int main(void){ volatile long n = -3; void *q = calloc(n, 1); void *q2 = calloc(1, n); char d[8], s[8]; memset(s,0,8); memset(d, 0, n); free(q); free(q2); return 0; }
