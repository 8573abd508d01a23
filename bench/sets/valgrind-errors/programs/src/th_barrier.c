#include <pthread.h>
#include <string.h>
int main(void){ pthread_barrier_t b, u; memset(&u, 0, sizeof u);
  pthread_barrier_init(&b, 0, 0);
  pthread_barrier_init(&b, 0, 1); pthread_barrier_init(&b, 0, 1);
  pthread_barrier_wait(&u); pthread_barrier_destroy(&u); pthread_barrier_destroy(&b); return 0; }
