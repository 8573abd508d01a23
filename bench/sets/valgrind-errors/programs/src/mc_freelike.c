#include <stdlib.h>
#include <valgrind/memcheck.h>
int main(void){ static char arena[256]; VALGRIND_MALLOCLIKE_BLOCK(arena+16, 32, 0, 0); VALGRIND_FREELIKE_BLOCK(arena+16, 0); VALGRIND_FREELIKE_BLOCK(arena+16, 0); VALGRIND_DESTROY_MEMPOOL(arena); return 0; }
