#include <stdio.h>
#include <string.h>
int main(void){ volatile char big[4*1024*1024]; big[0]=1; big[sizeof big - 1]=2; printf("%d\n", big[0]); return 0; }
