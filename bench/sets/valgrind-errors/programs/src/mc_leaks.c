#include <stdlib.h>
struct node { struct node *next; char payload[24]; };
void *still; void *interior;
int main(void){
  /* definitely lost root pointing to an indirectly lost child */
  struct node *a = malloc(sizeof *a); a->next = malloc(sizeof *a); a->next->next = 0;
  a = 0;
  still = malloc(100);                      /* still reachable */
  interior = (char*)malloc(200) + 16;       /* possibly lost (interior pointer) */
  return 0;
}
