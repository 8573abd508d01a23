#include <unistd.h>
#include <stdio.h>
int main(void){ for (int i=0;i<100000;i++){ if (sbrk(1<<20) == (void*)-1) { printf("sbrk failed at %d\n", i); break; } } return 0; }
