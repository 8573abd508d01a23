#include <stdio.h>
int rec(int n){ volatile char buf[1024]; buf[0]=n; return rec(n+1) + buf[0]; }
int main(void){ return rec(0); }
