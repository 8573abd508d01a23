#include <signal.h>
#include <string.h>
#include <stdio.h>
static void h(int s){ (void)s; }
int main(void){ struct sigaction sa; memset(&sa,0,sizeof sa); sa.sa_handler = h;
  if (sigaction(SIGKILL, &sa, 0)) perror("sigaction SIGKILL");
  if (sigaction(SIGSTOP, &sa, 0)) perror("sigaction SIGSTOP");
  if (sigaction(200, &sa, 0)) perror("sigaction 200");
  return 0; }
