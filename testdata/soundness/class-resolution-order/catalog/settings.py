"""Settings read from class attributes: Python looks a name up in the class's method
resolution order (C3), not depth first, and a class deriving from a library class may get any
name from it."""
from collections import OrderedDict

SECRET_KEY = 'test-only-not-deployed'
DEBUG = False
ALLOWED_HOSTS = ['catalog.example.com']


class Defaults:
    TIMEOUT = 10
    MODE = 'defaults'


class Caching(Defaults):
    pass


class Production(Defaults):
    TIMEOUT = 30


class Deployed(Caching, Production):
    pass


# C3: Deployed, Caching, Production, Defaults: 30, not Defaults' 10 (depth first).
CACHE_TIMEOUT = Deployed.TIMEOUT
CACHE_MODE = getattr(Deployed, 'MODE', 'none')
CACHE_BACKUP = getattr(Deployed, 'BACKUP', 'none')


class Ordered(OrderedDict):
    pass


# The library class defines fromkeys: the default is not what getattr returns.
HAS_FROMKEYS = getattr(Ordered, 'fromkeys', None) is not None


# A ladder of diamonds, 30 levels: each class derives from both classes of the level above.
class Top0:
    LEVEL = 0


class Side0:
    pass


class Top1(Top0, Side0):
    pass


class Side1(Top0, Side0):
    pass


class Top2(Top1, Side1):
    pass


class Side2(Top1, Side1):
    pass


class Top3(Top2, Side2):
    pass


class Side3(Top2, Side2):
    pass


class Top4(Top3, Side3):
    pass


class Side4(Top3, Side3):
    pass


class Top5(Top4, Side4):
    pass


class Side5(Top4, Side4):
    pass


class Top6(Top5, Side5):
    pass


class Side6(Top5, Side5):
    pass


class Top7(Top6, Side6):
    pass


class Side7(Top6, Side6):
    pass


class Top8(Top7, Side7):
    pass


class Side8(Top7, Side7):
    pass


class Top9(Top8, Side8):
    pass


class Side9(Top8, Side8):
    pass


class Top10(Top9, Side9):
    pass


class Side10(Top9, Side9):
    pass


class Top11(Top10, Side10):
    pass


class Side11(Top10, Side10):
    pass


class Top12(Top11, Side11):
    pass


class Side12(Top11, Side11):
    pass


class Top13(Top12, Side12):
    pass


class Side13(Top12, Side12):
    pass


class Top14(Top13, Side13):
    pass


class Side14(Top13, Side13):
    pass


class Top15(Top14, Side14):
    pass


class Side15(Top14, Side14):
    pass


class Top16(Top15, Side15):
    pass


class Side16(Top15, Side15):
    pass


class Top17(Top16, Side16):
    pass


class Side17(Top16, Side16):
    pass


class Top18(Top17, Side17):
    pass


class Side18(Top17, Side17):
    pass


class Top19(Top18, Side18):
    pass


class Side19(Top18, Side18):
    pass


class Top20(Top19, Side19):
    pass


class Side20(Top19, Side19):
    pass


class Top21(Top20, Side20):
    pass


class Side21(Top20, Side20):
    pass


class Top22(Top21, Side21):
    pass


class Side22(Top21, Side21):
    pass


class Top23(Top22, Side22):
    pass


class Side23(Top22, Side22):
    pass


class Top24(Top23, Side23):
    pass


class Side24(Top23, Side23):
    pass


class Top25(Top24, Side24):
    pass


class Side25(Top24, Side24):
    pass


class Top26(Top25, Side25):
    pass


class Side26(Top25, Side25):
    pass


class Top27(Top26, Side26):
    pass


class Side27(Top26, Side26):
    pass


class Top28(Top27, Side27):
    pass


class Side28(Top27, Side27):
    pass


class Top29(Top28, Side28):
    pass


class Side29(Top28, Side28):
    pass


class Top30(Top29, Side29):
    pass


class Side30(Top29, Side29):
    pass


LADDER_LEVEL = Top30.LEVEL
LADDER_MISSING = getattr(Side30, 'MISSING', 'absent')


# A chain 40 classes deep: beyond what djsafe follows, so the value is unknown.
class Chain0:
    DEPTH = 'root'


class Chain1(Chain0):
    pass


class Chain2(Chain1):
    pass


class Chain3(Chain2):
    pass


class Chain4(Chain3):
    pass


class Chain5(Chain4):
    pass


class Chain6(Chain5):
    pass


class Chain7(Chain6):
    pass


class Chain8(Chain7):
    pass


class Chain9(Chain8):
    pass


class Chain10(Chain9):
    pass


class Chain11(Chain10):
    pass


class Chain12(Chain11):
    pass


class Chain13(Chain12):
    pass


class Chain14(Chain13):
    pass


class Chain15(Chain14):
    pass


class Chain16(Chain15):
    pass


class Chain17(Chain16):
    pass


class Chain18(Chain17):
    pass


class Chain19(Chain18):
    pass


class Chain20(Chain19):
    pass


class Chain21(Chain20):
    pass


class Chain22(Chain21):
    pass


class Chain23(Chain22):
    pass


class Chain24(Chain23):
    pass


class Chain25(Chain24):
    pass


class Chain26(Chain25):
    pass


class Chain27(Chain26):
    pass


class Chain28(Chain27):
    pass


class Chain29(Chain28):
    pass


class Chain30(Chain29):
    pass


class Chain31(Chain30):
    pass


class Chain32(Chain31):
    pass


class Chain33(Chain32):
    pass


class Chain34(Chain33):
    pass


class Chain35(Chain34):
    pass


class Chain36(Chain35):
    pass


class Chain37(Chain36):
    pass


class Chain38(Chain37):
    pass


class Chain39(Chain38):
    pass


class Chain40(Chain39):
    pass


CHAIN_DEPTH = Chain40.DEPTH
