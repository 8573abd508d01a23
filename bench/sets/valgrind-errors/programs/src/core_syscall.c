#include <unistd.h>
#include <sys/syscall.h>
int main(void){ syscall(9999); syscall(335); return 0; }
