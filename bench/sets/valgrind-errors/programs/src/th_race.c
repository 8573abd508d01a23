#include <pthread.h>
#include <stdio.h>
int counter;
static void *worker(void *a){ (void)a; for (int i=0;i<1000;i++) counter++; return 0; }
int main(void){ pthread_t t1, t2; pthread_create(&t1,0,worker,0); pthread_create(&t2,0,worker,0); pthread_join(t1,0); pthread_join(t2,0); printf("%d\n", counter); return 0; }
