#include <unistd.h>
#include <stdlib.h>
int main(void){ char *buf = malloc(8); write(1, buf, 8); free(buf); return 0; }
