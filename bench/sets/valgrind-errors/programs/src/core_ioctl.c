#include <sys/ioctl.h>
int main(void){ ioctl(0, 0x12345678UL, 0); ioctl(0, 0x0000beef, 0); return 0; }
