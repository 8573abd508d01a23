#include <pthread.h>
#include <stdlib.h>
#include <string.h>
int main(void){ pthread_mutex_t *m = malloc(sizeof *m); memset(m, 0, sizeof *m); pthread_mutex_unlock(m); 
  pthread_cond_t c; pthread_cond_init(&c, 0); pthread_mutex_lock((pthread_mutex_t*)&c); free(m); return 0; }
