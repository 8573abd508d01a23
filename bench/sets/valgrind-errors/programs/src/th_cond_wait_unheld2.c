#include <pthread.h>
#include <time.h>
pthread_mutex_t m; pthread_cond_t c;
int main(void){ pthread_mutex_init(&m, 0); pthread_cond_init(&c, 0); pthread_mutex_lock(&m); pthread_mutex_unlock(&m);
  struct timespec ts; clock_gettime(CLOCK_REALTIME, &ts); ts.tv_nsec += 1000000; if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
  pthread_cond_timedwait(&c, &m, &ts); return 0; }
