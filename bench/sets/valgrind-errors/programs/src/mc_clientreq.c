#include <stdlib.h>
#include <valgrind/memcheck.h>
int main(void){ char *p = malloc(16); VALGRIND_CHECK_MEM_IS_DEFINED(p, 16); VALGRIND_CHECK_MEM_IS_ADDRESSABLE(p, 32); free(p); return 0; }
