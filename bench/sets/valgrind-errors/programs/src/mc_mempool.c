#include <stdlib.h>
#include <valgrind/memcheck.h>
int main(void){ static char pool[1024]; char anchor; VALGRIND_MEMPOOL_ALLOC(&anchor, pool, 16); VALGRIND_MEMPOOL_FREE(&anchor, pool); return 0; }
