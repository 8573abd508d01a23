#include <thread>
#include <string>
std::string shared;
int main(){ std::thread t([]{ shared = "from thread"; }); shared = "from main"; t.join(); return 0; }
