#include <pthread.h>
#include <unistd.h>
#include <string.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER; pthread_cond_t c;
static void *waiter(void *a){ (void)a; pthread_mutex_lock(&m); pthread_cond_wait(&c,&m); pthread_mutex_unlock(&m); return 0; }
int main(void){ pthread_t t; pthread_cond_init(&c,0); pthread_create(&t,0,waiter,0); sleep(1);
  pthread_mutex_lock(&m); pthread_cond_destroy(&c); pthread_mutex_unlock(&m); _exit(0); }
