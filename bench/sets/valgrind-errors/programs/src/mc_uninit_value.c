#include <stdlib.h>
int main(void){ int a[4]; int *idx = malloc(sizeof(int)); volatile int v = a[*idx]; (void)v; free(idx); return 0; }
