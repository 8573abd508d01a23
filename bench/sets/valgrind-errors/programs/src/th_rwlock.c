#include <pthread.h>
pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
int main(void){ pthread_rwlock_unlock(&rw); pthread_rwlock_rdlock(&rw); pthread_rwlock_destroy(&rw); return 0; }
