#include <stdlib.h>
int main(void){ char *p = malloc(512UL*1024*1024); p[0]=1; free(p); return 0; }
