#include <cstdlib>
int main(){ int *p = new int[10]; free(p); int *q = new int; delete[] q; return 0; }
