#include <stdlib.h>
volatile int sink;
static void __attribute__((noinline)) f0(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f2(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f3(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f4(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f5(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f6(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f7(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f8(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f9(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f10(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f11(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f12(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f13(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f14(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f15(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f16(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f17(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f18(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f19(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f20(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f21(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f22(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f23(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f24(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f25(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f26(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f27(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f28(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f29(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f30(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f31(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f32(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f33(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f34(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f35(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f36(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f37(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f38(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f39(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f40(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f41(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f42(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f43(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f44(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f45(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f46(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f47(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f48(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f49(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f50(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f51(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f52(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f53(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f54(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f55(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f56(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f57(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f58(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f59(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f60(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f61(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f62(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f63(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f64(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f65(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f66(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f67(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f68(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f69(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f70(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f71(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f72(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f73(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f74(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f75(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f76(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f77(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f78(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f79(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f80(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f81(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f82(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f83(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f84(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f85(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f86(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f87(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f88(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f89(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f90(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f91(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f92(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f93(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f94(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f95(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f96(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f97(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f98(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f99(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f100(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f101(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f102(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f103(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f104(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f105(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f106(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f107(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f108(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f109(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f110(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f111(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f112(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f113(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f114(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f115(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f116(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f117(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f118(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f119(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f120(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f121(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f122(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f123(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f124(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f125(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f126(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f127(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f128(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f129(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f130(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f131(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f132(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f133(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f134(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f135(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f136(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f137(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f138(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f139(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f140(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f141(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f142(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f143(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f144(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f145(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f146(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f147(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f148(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f149(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f150(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f151(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f152(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f153(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f154(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f155(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f156(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f157(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f158(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f159(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f160(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f161(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f162(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f163(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f164(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f165(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f166(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f167(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f168(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f169(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f170(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f171(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f172(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f173(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f174(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f175(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f176(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f177(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f178(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f179(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f180(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f181(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f182(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f183(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f184(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f185(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f186(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f187(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f188(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f189(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f190(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f191(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f192(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f193(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f194(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f195(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f196(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f197(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f198(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f199(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f200(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f201(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f202(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f203(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f204(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f205(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f206(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f207(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f208(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f209(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f210(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f211(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f212(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f213(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f214(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f215(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f216(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f217(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f218(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f219(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f220(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f221(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f222(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f223(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f224(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f225(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f226(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f227(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f228(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f229(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f230(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f231(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f232(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f233(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f234(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f235(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f236(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f237(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f238(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f239(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f240(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f241(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f242(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f243(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f244(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f245(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f246(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f247(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f248(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f249(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f250(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f251(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f252(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f253(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f254(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f255(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f256(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f257(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f258(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f259(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f260(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f261(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f262(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f263(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f264(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f265(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f266(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f267(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f268(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f269(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f270(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f271(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f272(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f273(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f274(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f275(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f276(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f277(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f278(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f279(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f280(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f281(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f282(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f283(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f284(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f285(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f286(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f287(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f288(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f289(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f290(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f291(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f292(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f293(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f294(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f295(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f296(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f297(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f298(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f299(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f300(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f301(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f302(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f303(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f304(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f305(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f306(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f307(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f308(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f309(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f310(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f311(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f312(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f313(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f314(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f315(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f316(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f317(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f318(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f319(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f320(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f321(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f322(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f323(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f324(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f325(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f326(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f327(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f328(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f329(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f330(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f331(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f332(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f333(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f334(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f335(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f336(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f337(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f338(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f339(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f340(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f341(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f342(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f343(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f344(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f345(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f346(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f347(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f348(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f349(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f350(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f351(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f352(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f353(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f354(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f355(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f356(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f357(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f358(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f359(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f360(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f361(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f362(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f363(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f364(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f365(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f366(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f367(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f368(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f369(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f370(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f371(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f372(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f373(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f374(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f375(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f376(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f377(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f378(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f379(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f380(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f381(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f382(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f383(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f384(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f385(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f386(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f387(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f388(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f389(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f390(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f391(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f392(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f393(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f394(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f395(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f396(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f397(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f398(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f399(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f400(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f401(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f402(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f403(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f404(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f405(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f406(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f407(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f408(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f409(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f410(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f411(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f412(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f413(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f414(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f415(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f416(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f417(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f418(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f419(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f420(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f421(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f422(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f423(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f424(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f425(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f426(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f427(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f428(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f429(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f430(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f431(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f432(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f433(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f434(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f435(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f436(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f437(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f438(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f439(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f440(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f441(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f442(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f443(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f444(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f445(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f446(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f447(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f448(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f449(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f450(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f451(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f452(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f453(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f454(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f455(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f456(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f457(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f458(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f459(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f460(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f461(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f462(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f463(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f464(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f465(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f466(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f467(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f468(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f469(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f470(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f471(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f472(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f473(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f474(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f475(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f476(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f477(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f478(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f479(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f480(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f481(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f482(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f483(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f484(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f485(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f486(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f487(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f488(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f489(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f490(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f491(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f492(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f493(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f494(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f495(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f496(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f497(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f498(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f499(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f500(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f501(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f502(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f503(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f504(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f505(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f506(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f507(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f508(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f509(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f510(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f511(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f512(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f513(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f514(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f515(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f516(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f517(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f518(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f519(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f520(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f521(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f522(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f523(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f524(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f525(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f526(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f527(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f528(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f529(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f530(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f531(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f532(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f533(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f534(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f535(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f536(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f537(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f538(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f539(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f540(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f541(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f542(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f543(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f544(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f545(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f546(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f547(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f548(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f549(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f550(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f551(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f552(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f553(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f554(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f555(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f556(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f557(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f558(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f559(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f560(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f561(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f562(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f563(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f564(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f565(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f566(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f567(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f568(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f569(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f570(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f571(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f572(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f573(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f574(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f575(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f576(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f577(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f578(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f579(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f580(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f581(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f582(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f583(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f584(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f585(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f586(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f587(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f588(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f589(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f590(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f591(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f592(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f593(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f594(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f595(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f596(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f597(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f598(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f599(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f600(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f601(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f602(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f603(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f604(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f605(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f606(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f607(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f608(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f609(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f610(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f611(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f612(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f613(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f614(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f615(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f616(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f617(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f618(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f619(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f620(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f621(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f622(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f623(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f624(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f625(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f626(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f627(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f628(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f629(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f630(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f631(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f632(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f633(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f634(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f635(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f636(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f637(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f638(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f639(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f640(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f641(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f642(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f643(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f644(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f645(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f646(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f647(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f648(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f649(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f650(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f651(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f652(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f653(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f654(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f655(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f656(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f657(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f658(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f659(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f660(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f661(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f662(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f663(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f664(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f665(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f666(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f667(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f668(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f669(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f670(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f671(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f672(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f673(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f674(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f675(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f676(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f677(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f678(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f679(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f680(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f681(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f682(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f683(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f684(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f685(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f686(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f687(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f688(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f689(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f690(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f691(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f692(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f693(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f694(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f695(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f696(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f697(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f698(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f699(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f700(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f701(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f702(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f703(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f704(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f705(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f706(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f707(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f708(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f709(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f710(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f711(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f712(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f713(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f714(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f715(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f716(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f717(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f718(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f719(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f720(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f721(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f722(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f723(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f724(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f725(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f726(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f727(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f728(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f729(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f730(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f731(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f732(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f733(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f734(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f735(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f736(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f737(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f738(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f739(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f740(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f741(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f742(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f743(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f744(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f745(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f746(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f747(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f748(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f749(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f750(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f751(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f752(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f753(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f754(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f755(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f756(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f757(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f758(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f759(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f760(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f761(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f762(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f763(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f764(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f765(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f766(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f767(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f768(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f769(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f770(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f771(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f772(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f773(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f774(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f775(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f776(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f777(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f778(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f779(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f780(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f781(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f782(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f783(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f784(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f785(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f786(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f787(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f788(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f789(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f790(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f791(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f792(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f793(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f794(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f795(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f796(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f797(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f798(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f799(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f800(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f801(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f802(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f803(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f804(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f805(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f806(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f807(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f808(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f809(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f810(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f811(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f812(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f813(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f814(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f815(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f816(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f817(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f818(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f819(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f820(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f821(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f822(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f823(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f824(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f825(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f826(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f827(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f828(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f829(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f830(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f831(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f832(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f833(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f834(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f835(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f836(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f837(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f838(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f839(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f840(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f841(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f842(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f843(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f844(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f845(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f846(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f847(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f848(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f849(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f850(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f851(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f852(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f853(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f854(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f855(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f856(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f857(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f858(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f859(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f860(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f861(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f862(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f863(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f864(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f865(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f866(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f867(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f868(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f869(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f870(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f871(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f872(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f873(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f874(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f875(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f876(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f877(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f878(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f879(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f880(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f881(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f882(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f883(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f884(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f885(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f886(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f887(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f888(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f889(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f890(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f891(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f892(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f893(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f894(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f895(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f896(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f897(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f898(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f899(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f900(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f901(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f902(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f903(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f904(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f905(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f906(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f907(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f908(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f909(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f910(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f911(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f912(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f913(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f914(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f915(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f916(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f917(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f918(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f919(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f920(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f921(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f922(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f923(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f924(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f925(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f926(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f927(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f928(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f929(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f930(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f931(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f932(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f933(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f934(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f935(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f936(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f937(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f938(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f939(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f940(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f941(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f942(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f943(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f944(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f945(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f946(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f947(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f948(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f949(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f950(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f951(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f952(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f953(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f954(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f955(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f956(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f957(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f958(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f959(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f960(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f961(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f962(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f963(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f964(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f965(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f966(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f967(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f968(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f969(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f970(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f971(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f972(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f973(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f974(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f975(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f976(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f977(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f978(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f979(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f980(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f981(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f982(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f983(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f984(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f985(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f986(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f987(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f988(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f989(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f990(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f991(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f992(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f993(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f994(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f995(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f996(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f997(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f998(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f999(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1000(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1001(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1002(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1003(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1004(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1005(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1006(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1007(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1008(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1009(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1010(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1011(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1012(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1013(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1014(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1015(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1016(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1017(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1018(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1019(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1020(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1021(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1022(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1023(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1024(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1025(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1026(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1027(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1028(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1029(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1030(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1031(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1032(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1033(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1034(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1035(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1036(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1037(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1038(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1039(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1040(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1041(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1042(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1043(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1044(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1045(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1046(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1047(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1048(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1049(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1050(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1051(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1052(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1053(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1054(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1055(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1056(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1057(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1058(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1059(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1060(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1061(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1062(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1063(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1064(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1065(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1066(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1067(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1068(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1069(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1070(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1071(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1072(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1073(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1074(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1075(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1076(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1077(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1078(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1079(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1080(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1081(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1082(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1083(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1084(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1085(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1086(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1087(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1088(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1089(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1090(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1091(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1092(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1093(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1094(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1095(int *p){ if (p[3]) sink++; }
static void __attribute__((noinline)) f1096(int *p){ if (p[0]) sink++; }
static void __attribute__((noinline)) f1097(int *p){ if (p[1]) sink++; }
static void __attribute__((noinline)) f1098(int *p){ if (p[2]) sink++; }
static void __attribute__((noinline)) f1099(int *p){ if (p[3]) sink++; }
int main(void){ int *p = malloc(16);
  f0(p);
  f1(p);
  f2(p);
  f3(p);
  f4(p);
  f5(p);
  f6(p);
  f7(p);
  f8(p);
  f9(p);
  f10(p);
  f11(p);
  f12(p);
  f13(p);
  f14(p);
  f15(p);
  f16(p);
  f17(p);
  f18(p);
  f19(p);
  f20(p);
  f21(p);
  f22(p);
  f23(p);
  f24(p);
  f25(p);
  f26(p);
  f27(p);
  f28(p);
  f29(p);
  f30(p);
  f31(p);
  f32(p);
  f33(p);
  f34(p);
  f35(p);
  f36(p);
  f37(p);
  f38(p);
  f39(p);
  f40(p);
  f41(p);
  f42(p);
  f43(p);
  f44(p);
  f45(p);
  f46(p);
  f47(p);
  f48(p);
  f49(p);
  f50(p);
  f51(p);
  f52(p);
  f53(p);
  f54(p);
  f55(p);
  f56(p);
  f57(p);
  f58(p);
  f59(p);
  f60(p);
  f61(p);
  f62(p);
  f63(p);
  f64(p);
  f65(p);
  f66(p);
  f67(p);
  f68(p);
  f69(p);
  f70(p);
  f71(p);
  f72(p);
  f73(p);
  f74(p);
  f75(p);
  f76(p);
  f77(p);
  f78(p);
  f79(p);
  f80(p);
  f81(p);
  f82(p);
  f83(p);
  f84(p);
  f85(p);
  f86(p);
  f87(p);
  f88(p);
  f89(p);
  f90(p);
  f91(p);
  f92(p);
  f93(p);
  f94(p);
  f95(p);
  f96(p);
  f97(p);
  f98(p);
  f99(p);
  f100(p);
  f101(p);
  f102(p);
  f103(p);
  f104(p);
  f105(p);
  f106(p);
  f107(p);
  f108(p);
  f109(p);
  f110(p);
  f111(p);
  f112(p);
  f113(p);
  f114(p);
  f115(p);
  f116(p);
  f117(p);
  f118(p);
  f119(p);
  f120(p);
  f121(p);
  f122(p);
  f123(p);
  f124(p);
  f125(p);
  f126(p);
  f127(p);
  f128(p);
  f129(p);
  f130(p);
  f131(p);
  f132(p);
  f133(p);
  f134(p);
  f135(p);
  f136(p);
  f137(p);
  f138(p);
  f139(p);
  f140(p);
  f141(p);
  f142(p);
  f143(p);
  f144(p);
  f145(p);
  f146(p);
  f147(p);
  f148(p);
  f149(p);
  f150(p);
  f151(p);
  f152(p);
  f153(p);
  f154(p);
  f155(p);
  f156(p);
  f157(p);
  f158(p);
  f159(p);
  f160(p);
  f161(p);
  f162(p);
  f163(p);
  f164(p);
  f165(p);
  f166(p);
  f167(p);
  f168(p);
  f169(p);
  f170(p);
  f171(p);
  f172(p);
  f173(p);
  f174(p);
  f175(p);
  f176(p);
  f177(p);
  f178(p);
  f179(p);
  f180(p);
  f181(p);
  f182(p);
  f183(p);
  f184(p);
  f185(p);
  f186(p);
  f187(p);
  f188(p);
  f189(p);
  f190(p);
  f191(p);
  f192(p);
  f193(p);
  f194(p);
  f195(p);
  f196(p);
  f197(p);
  f198(p);
  f199(p);
  f200(p);
  f201(p);
  f202(p);
  f203(p);
  f204(p);
  f205(p);
  f206(p);
  f207(p);
  f208(p);
  f209(p);
  f210(p);
  f211(p);
  f212(p);
  f213(p);
  f214(p);
  f215(p);
  f216(p);
  f217(p);
  f218(p);
  f219(p);
  f220(p);
  f221(p);
  f222(p);
  f223(p);
  f224(p);
  f225(p);
  f226(p);
  f227(p);
  f228(p);
  f229(p);
  f230(p);
  f231(p);
  f232(p);
  f233(p);
  f234(p);
  f235(p);
  f236(p);
  f237(p);
  f238(p);
  f239(p);
  f240(p);
  f241(p);
  f242(p);
  f243(p);
  f244(p);
  f245(p);
  f246(p);
  f247(p);
  f248(p);
  f249(p);
  f250(p);
  f251(p);
  f252(p);
  f253(p);
  f254(p);
  f255(p);
  f256(p);
  f257(p);
  f258(p);
  f259(p);
  f260(p);
  f261(p);
  f262(p);
  f263(p);
  f264(p);
  f265(p);
  f266(p);
  f267(p);
  f268(p);
  f269(p);
  f270(p);
  f271(p);
  f272(p);
  f273(p);
  f274(p);
  f275(p);
  f276(p);
  f277(p);
  f278(p);
  f279(p);
  f280(p);
  f281(p);
  f282(p);
  f283(p);
  f284(p);
  f285(p);
  f286(p);
  f287(p);
  f288(p);
  f289(p);
  f290(p);
  f291(p);
  f292(p);
  f293(p);
  f294(p);
  f295(p);
  f296(p);
  f297(p);
  f298(p);
  f299(p);
  f300(p);
  f301(p);
  f302(p);
  f303(p);
  f304(p);
  f305(p);
  f306(p);
  f307(p);
  f308(p);
  f309(p);
  f310(p);
  f311(p);
  f312(p);
  f313(p);
  f314(p);
  f315(p);
  f316(p);
  f317(p);
  f318(p);
  f319(p);
  f320(p);
  f321(p);
  f322(p);
  f323(p);
  f324(p);
  f325(p);
  f326(p);
  f327(p);
  f328(p);
  f329(p);
  f330(p);
  f331(p);
  f332(p);
  f333(p);
  f334(p);
  f335(p);
  f336(p);
  f337(p);
  f338(p);
  f339(p);
  f340(p);
  f341(p);
  f342(p);
  f343(p);
  f344(p);
  f345(p);
  f346(p);
  f347(p);
  f348(p);
  f349(p);
  f350(p);
  f351(p);
  f352(p);
  f353(p);
  f354(p);
  f355(p);
  f356(p);
  f357(p);
  f358(p);
  f359(p);
  f360(p);
  f361(p);
  f362(p);
  f363(p);
  f364(p);
  f365(p);
  f366(p);
  f367(p);
  f368(p);
  f369(p);
  f370(p);
  f371(p);
  f372(p);
  f373(p);
  f374(p);
  f375(p);
  f376(p);
  f377(p);
  f378(p);
  f379(p);
  f380(p);
  f381(p);
  f382(p);
  f383(p);
  f384(p);
  f385(p);
  f386(p);
  f387(p);
  f388(p);
  f389(p);
  f390(p);
  f391(p);
  f392(p);
  f393(p);
  f394(p);
  f395(p);
  f396(p);
  f397(p);
  f398(p);
  f399(p);
  f400(p);
  f401(p);
  f402(p);
  f403(p);
  f404(p);
  f405(p);
  f406(p);
  f407(p);
  f408(p);
  f409(p);
  f410(p);
  f411(p);
  f412(p);
  f413(p);
  f414(p);
  f415(p);
  f416(p);
  f417(p);
  f418(p);
  f419(p);
  f420(p);
  f421(p);
  f422(p);
  f423(p);
  f424(p);
  f425(p);
  f426(p);
  f427(p);
  f428(p);
  f429(p);
  f430(p);
  f431(p);
  f432(p);
  f433(p);
  f434(p);
  f435(p);
  f436(p);
  f437(p);
  f438(p);
  f439(p);
  f440(p);
  f441(p);
  f442(p);
  f443(p);
  f444(p);
  f445(p);
  f446(p);
  f447(p);
  f448(p);
  f449(p);
  f450(p);
  f451(p);
  f452(p);
  f453(p);
  f454(p);
  f455(p);
  f456(p);
  f457(p);
  f458(p);
  f459(p);
  f460(p);
  f461(p);
  f462(p);
  f463(p);
  f464(p);
  f465(p);
  f466(p);
  f467(p);
  f468(p);
  f469(p);
  f470(p);
  f471(p);
  f472(p);
  f473(p);
  f474(p);
  f475(p);
  f476(p);
  f477(p);
  f478(p);
  f479(p);
  f480(p);
  f481(p);
  f482(p);
  f483(p);
  f484(p);
  f485(p);
  f486(p);
  f487(p);
  f488(p);
  f489(p);
  f490(p);
  f491(p);
  f492(p);
  f493(p);
  f494(p);
  f495(p);
  f496(p);
  f497(p);
  f498(p);
  f499(p);
  f500(p);
  f501(p);
  f502(p);
  f503(p);
  f504(p);
  f505(p);
  f506(p);
  f507(p);
  f508(p);
  f509(p);
  f510(p);
  f511(p);
  f512(p);
  f513(p);
  f514(p);
  f515(p);
  f516(p);
  f517(p);
  f518(p);
  f519(p);
  f520(p);
  f521(p);
  f522(p);
  f523(p);
  f524(p);
  f525(p);
  f526(p);
  f527(p);
  f528(p);
  f529(p);
  f530(p);
  f531(p);
  f532(p);
  f533(p);
  f534(p);
  f535(p);
  f536(p);
  f537(p);
  f538(p);
  f539(p);
  f540(p);
  f541(p);
  f542(p);
  f543(p);
  f544(p);
  f545(p);
  f546(p);
  f547(p);
  f548(p);
  f549(p);
  f550(p);
  f551(p);
  f552(p);
  f553(p);
  f554(p);
  f555(p);
  f556(p);
  f557(p);
  f558(p);
  f559(p);
  f560(p);
  f561(p);
  f562(p);
  f563(p);
  f564(p);
  f565(p);
  f566(p);
  f567(p);
  f568(p);
  f569(p);
  f570(p);
  f571(p);
  f572(p);
  f573(p);
  f574(p);
  f575(p);
  f576(p);
  f577(p);
  f578(p);
  f579(p);
  f580(p);
  f581(p);
  f582(p);
  f583(p);
  f584(p);
  f585(p);
  f586(p);
  f587(p);
  f588(p);
  f589(p);
  f590(p);
  f591(p);
  f592(p);
  f593(p);
  f594(p);
  f595(p);
  f596(p);
  f597(p);
  f598(p);
  f599(p);
  f600(p);
  f601(p);
  f602(p);
  f603(p);
  f604(p);
  f605(p);
  f606(p);
  f607(p);
  f608(p);
  f609(p);
  f610(p);
  f611(p);
  f612(p);
  f613(p);
  f614(p);
  f615(p);
  f616(p);
  f617(p);
  f618(p);
  f619(p);
  f620(p);
  f621(p);
  f622(p);
  f623(p);
  f624(p);
  f625(p);
  f626(p);
  f627(p);
  f628(p);
  f629(p);
  f630(p);
  f631(p);
  f632(p);
  f633(p);
  f634(p);
  f635(p);
  f636(p);
  f637(p);
  f638(p);
  f639(p);
  f640(p);
  f641(p);
  f642(p);
  f643(p);
  f644(p);
  f645(p);
  f646(p);
  f647(p);
  f648(p);
  f649(p);
  f650(p);
  f651(p);
  f652(p);
  f653(p);
  f654(p);
  f655(p);
  f656(p);
  f657(p);
  f658(p);
  f659(p);
  f660(p);
  f661(p);
  f662(p);
  f663(p);
  f664(p);
  f665(p);
  f666(p);
  f667(p);
  f668(p);
  f669(p);
  f670(p);
  f671(p);
  f672(p);
  f673(p);
  f674(p);
  f675(p);
  f676(p);
  f677(p);
  f678(p);
  f679(p);
  f680(p);
  f681(p);
  f682(p);
  f683(p);
  f684(p);
  f685(p);
  f686(p);
  f687(p);
  f688(p);
  f689(p);
  f690(p);
  f691(p);
  f692(p);
  f693(p);
  f694(p);
  f695(p);
  f696(p);
  f697(p);
  f698(p);
  f699(p);
  f700(p);
  f701(p);
  f702(p);
  f703(p);
  f704(p);
  f705(p);
  f706(p);
  f707(p);
  f708(p);
  f709(p);
  f710(p);
  f711(p);
  f712(p);
  f713(p);
  f714(p);
  f715(p);
  f716(p);
  f717(p);
  f718(p);
  f719(p);
  f720(p);
  f721(p);
  f722(p);
  f723(p);
  f724(p);
  f725(p);
  f726(p);
  f727(p);
  f728(p);
  f729(p);
  f730(p);
  f731(p);
  f732(p);
  f733(p);
  f734(p);
  f735(p);
  f736(p);
  f737(p);
  f738(p);
  f739(p);
  f740(p);
  f741(p);
  f742(p);
  f743(p);
  f744(p);
  f745(p);
  f746(p);
  f747(p);
  f748(p);
  f749(p);
  f750(p);
  f751(p);
  f752(p);
  f753(p);
  f754(p);
  f755(p);
  f756(p);
  f757(p);
  f758(p);
  f759(p);
  f760(p);
  f761(p);
  f762(p);
  f763(p);
  f764(p);
  f765(p);
  f766(p);
  f767(p);
  f768(p);
  f769(p);
  f770(p);
  f771(p);
  f772(p);
  f773(p);
  f774(p);
  f775(p);
  f776(p);
  f777(p);
  f778(p);
  f779(p);
  f780(p);
  f781(p);
  f782(p);
  f783(p);
  f784(p);
  f785(p);
  f786(p);
  f787(p);
  f788(p);
  f789(p);
  f790(p);
  f791(p);
  f792(p);
  f793(p);
  f794(p);
  f795(p);
  f796(p);
  f797(p);
  f798(p);
  f799(p);
  f800(p);
  f801(p);
  f802(p);
  f803(p);
  f804(p);
  f805(p);
  f806(p);
  f807(p);
  f808(p);
  f809(p);
  f810(p);
  f811(p);
  f812(p);
  f813(p);
  f814(p);
  f815(p);
  f816(p);
  f817(p);
  f818(p);
  f819(p);
  f820(p);
  f821(p);
  f822(p);
  f823(p);
  f824(p);
  f825(p);
  f826(p);
  f827(p);
  f828(p);
  f829(p);
  f830(p);
  f831(p);
  f832(p);
  f833(p);
  f834(p);
  f835(p);
  f836(p);
  f837(p);
  f838(p);
  f839(p);
  f840(p);
  f841(p);
  f842(p);
  f843(p);
  f844(p);
  f845(p);
  f846(p);
  f847(p);
  f848(p);
  f849(p);
  f850(p);
  f851(p);
  f852(p);
  f853(p);
  f854(p);
  f855(p);
  f856(p);
  f857(p);
  f858(p);
  f859(p);
  f860(p);
  f861(p);
  f862(p);
  f863(p);
  f864(p);
  f865(p);
  f866(p);
  f867(p);
  f868(p);
  f869(p);
  f870(p);
  f871(p);
  f872(p);
  f873(p);
  f874(p);
  f875(p);
  f876(p);
  f877(p);
  f878(p);
  f879(p);
  f880(p);
  f881(p);
  f882(p);
  f883(p);
  f884(p);
  f885(p);
  f886(p);
  f887(p);
  f888(p);
  f889(p);
  f890(p);
  f891(p);
  f892(p);
  f893(p);
  f894(p);
  f895(p);
  f896(p);
  f897(p);
  f898(p);
  f899(p);
  f900(p);
  f901(p);
  f902(p);
  f903(p);
  f904(p);
  f905(p);
  f906(p);
  f907(p);
  f908(p);
  f909(p);
  f910(p);
  f911(p);
  f912(p);
  f913(p);
  f914(p);
  f915(p);
  f916(p);
  f917(p);
  f918(p);
  f919(p);
  f920(p);
  f921(p);
  f922(p);
  f923(p);
  f924(p);
  f925(p);
  f926(p);
  f927(p);
  f928(p);
  f929(p);
  f930(p);
  f931(p);
  f932(p);
  f933(p);
  f934(p);
  f935(p);
  f936(p);
  f937(p);
  f938(p);
  f939(p);
  f940(p);
  f941(p);
  f942(p);
  f943(p);
  f944(p);
  f945(p);
  f946(p);
  f947(p);
  f948(p);
  f949(p);
  f950(p);
  f951(p);
  f952(p);
  f953(p);
  f954(p);
  f955(p);
  f956(p);
  f957(p);
  f958(p);
  f959(p);
  f960(p);
  f961(p);
  f962(p);
  f963(p);
  f964(p);
  f965(p);
  f966(p);
  f967(p);
  f968(p);
  f969(p);
  f970(p);
  f971(p);
  f972(p);
  f973(p);
  f974(p);
  f975(p);
  f976(p);
  f977(p);
  f978(p);
  f979(p);
  f980(p);
  f981(p);
  f982(p);
  f983(p);
  f984(p);
  f985(p);
  f986(p);
  f987(p);
  f988(p);
  f989(p);
  f990(p);
  f991(p);
  f992(p);
  f993(p);
  f994(p);
  f995(p);
  f996(p);
  f997(p);
  f998(p);
  f999(p);
  f1000(p);
  f1001(p);
  f1002(p);
  f1003(p);
  f1004(p);
  f1005(p);
  f1006(p);
  f1007(p);
  f1008(p);
  f1009(p);
  f1010(p);
  f1011(p);
  f1012(p);
  f1013(p);
  f1014(p);
  f1015(p);
  f1016(p);
  f1017(p);
  f1018(p);
  f1019(p);
  f1020(p);
  f1021(p);
  f1022(p);
  f1023(p);
  f1024(p);
  f1025(p);
  f1026(p);
  f1027(p);
  f1028(p);
  f1029(p);
  f1030(p);
  f1031(p);
  f1032(p);
  f1033(p);
  f1034(p);
  f1035(p);
  f1036(p);
  f1037(p);
  f1038(p);
  f1039(p);
  f1040(p);
  f1041(p);
  f1042(p);
  f1043(p);
  f1044(p);
  f1045(p);
  f1046(p);
  f1047(p);
  f1048(p);
  f1049(p);
  f1050(p);
  f1051(p);
  f1052(p);
  f1053(p);
  f1054(p);
  f1055(p);
  f1056(p);
  f1057(p);
  f1058(p);
  f1059(p);
  f1060(p);
  f1061(p);
  f1062(p);
  f1063(p);
  f1064(p);
  f1065(p);
  f1066(p);
  f1067(p);
  f1068(p);
  f1069(p);
  f1070(p);
  f1071(p);
  f1072(p);
  f1073(p);
  f1074(p);
  f1075(p);
  f1076(p);
  f1077(p);
  f1078(p);
  f1079(p);
  f1080(p);
  f1081(p);
  f1082(p);
  f1083(p);
  f1084(p);
  f1085(p);
  f1086(p);
  f1087(p);
  f1088(p);
  f1089(p);
  f1090(p);
  f1091(p);
  f1092(p);
  f1093(p);
  f1094(p);
  f1095(p);
  f1096(p);
  f1097(p);
  f1098(p);
  f1099(p);
  free(p); return 0; }
