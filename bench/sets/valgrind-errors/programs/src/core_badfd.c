#include <unistd.h>
int main(void){ close(5000); close(-1); return 0; }
