#include <stdlib.h>
int main(void){ int *p = malloc(10*sizeof(int)); p[10] = 1; int x = p[11]; free(p); return x & 0; }
