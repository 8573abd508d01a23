#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>
int main(void){ int fd = open("/etc/hostname", O_RDONLY); int p[2]; pipe(p); int s = socket(AF_INET, SOCK_STREAM, 0); (void)fd; (void)s; return 0; }
