"""Settings grouped in classes, django-configurations style, set up by classmethods."""


class Base:
    NAME = 'studio'
    DEBUG = False
    APPS = ['django.contrib.auth', 'django.contrib.contenttypes', 'django.contrib.sessions']

    @classmethod
    def host(cls):
        return cls.NAME + '.example.com'

    @classmethod
    def hosts(cls, *extra):
        return [cls.host(), *extra]

    @classmethod
    def pre_setup(cls):
        cls.APPS = cls.APPS + ['studio']


class Development(Base):
    NAME = 'dev.studio'

    @classmethod
    def pre_setup(cls):
        cls.DEBUG = True
        cls.APPS = cls.APPS + ['debug_toolbar']


class Production(Base):
    NAME = 'www.studio'


class Testing(Base):
    NAME = 'test.studio'

    @classmethod
    def pre_setup(cls):
        super().pre_setup()
        cls.DEBUG = True


class Staging(Base):
    NAME = 'staging.studio'

    def enable_debug(self):
        self.turn_on()
        return self.DEBUG

    @classmethod
    def turn_on(cls):
        cls.DEBUG = True


def cache_prefix(site, version='v2'):
    def for_site():
        def key():
            return site + ':' + version

        return key

    return for_site()()


def session_prefix(site):
    separator = '-'

    def for_site():
        def key():
            return site + separator + 'sessions'

        return key

    return for_site()()
