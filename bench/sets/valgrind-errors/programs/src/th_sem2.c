#include <semaphore.h>
#include <pthread.h>
sem_t s;
int main(void){ sem_init(&s, 0, 1); sem_wait(&s); sem_post(&s); sem_destroy(&s); sem_post(&s); return 0; }
