#include <pthread.h>
#include <time.h>
#include <unistd.h>
pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER, m2 = PTHREAD_MUTEX_INITIALIZER; pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static void tw(pthread_mutex_t *m){ struct timespec ts; clock_gettime(CLOCK_REALTIME, &ts); ts.tv_sec += 1; pthread_mutex_lock(m); pthread_cond_timedwait(&c, m, &ts); pthread_mutex_unlock(m); }
static void *w1(void *a){ (void)a; tw(&m1); return 0; }
static void *w2(void *a){ (void)a; usleep(100000); tw(&m2); return 0; }
int main(void){ pthread_t a,b; pthread_create(&a,0,w1,0); pthread_create(&b,0,w2,0); pthread_join(a,0); pthread_join(b,0); return 0; }
