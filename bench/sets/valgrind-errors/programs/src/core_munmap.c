#include <sys/mman.h>
#include <stdio.h>
int main(void){ int r = munmap((void*)0x58000000, 4096); printf("%d\n", r); return 0; }
