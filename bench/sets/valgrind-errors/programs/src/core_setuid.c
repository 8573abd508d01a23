#include <unistd.h>
#include <stdio.h>
int main(void){ execl("/usr/bin/passwd", "passwd", "--help", (char*)0); perror("execl"); return 0; }
