#include <stdlib.h>
#include <valgrind/memcheck.h>
int main(void){ char *p = malloc(16); VALGRIND_MAKE_MEM_NOACCESS(p, 16); VALGRIND_MAKE_MEM_UNDEFINED(p,16); free(p); return 0; }
