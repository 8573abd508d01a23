#include <unistd.h>
#include <stdlib.h>
#include <string.h>
int main(void){ char *buf = malloc(8); memset(buf,'a',8); write(1, buf, 16); free(buf); return 0; }
