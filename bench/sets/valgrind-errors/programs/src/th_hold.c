#include <pthread.h>
#include <unistd.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER; pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
int main(void){ pthread_mutex_lock(&m); usleep(100000); pthread_mutex_unlock(&m);
  pthread_rwlock_rdlock(&rw); usleep(100000); pthread_rwlock_unlock(&rw);
  pthread_rwlock_wrlock(&rw); usleep(100000); pthread_rwlock_unlock(&rw); return 0; }
