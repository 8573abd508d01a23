#include <pthread.h>
pthread_rwlock_t rw;
static void *w(void *a){ (void)a; pthread_rwlock_unlock(&rw); return 0; }
int main(void){ pthread_t t; pthread_rwlock_init(&rw, 0); pthread_rwlock_rdlock(&rw); pthread_rwlock_unlock(&rw); pthread_rwlock_unlock(&rw);
  pthread_rwlock_wrlock(&rw); pthread_create(&t,0,w,0); pthread_join(t,0); return 0; }
