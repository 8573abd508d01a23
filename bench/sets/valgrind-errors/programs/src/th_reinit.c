#include <pthread.h>
int main(void){ pthread_mutex_t m; pthread_mutex_init(&m, 0); pthread_mutex_init(&m, 0); pthread_mutex_destroy(&m);
  pthread_cond_t c; pthread_cond_init(&c,0); pthread_cond_init(&c,0); pthread_cond_destroy(&c); return 0; }
