#include <stdlib.h>
int main(void){ int *p = malloc(sizeof(int)); int s = *p; free(p); exit(s); }
