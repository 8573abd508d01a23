#include <stdlib.h>
#include <malloc.h>
int main(void){ void *p=0; posix_memalign(&p, 3, 16); void *q = memalign(3, 16); void *r = aligned_alloc(3, 16); free(p); free(q); free(r); return 0; }
