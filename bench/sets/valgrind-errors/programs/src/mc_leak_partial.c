#include <stdlib.h>
int main(void){ for (int i=0;i<5;i++) malloc(10); return 0; }
