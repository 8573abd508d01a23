#include <pthread.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static void *worker(void *a){ (void)a; pthread_mutex_lock(&m); return 0; }
int main(void){ pthread_t t; pthread_create(&t,0,worker,0); pthread_join(t,0); return 0; }
