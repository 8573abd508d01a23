#include <semaphore.h>
#include <string.h>
int main(void){ sem_t s; sem_init(&s, 0, 0); sem_init(&s, 0, 0); sem_t u; memset(&u,0,sizeof u); sem_post(&u); sem_destroy(&s); return 0; }
