#include <stdio.h>
typedef void (*fn)(void);
int main(void){ fn f = (fn)0x8; f(); return 0; }
