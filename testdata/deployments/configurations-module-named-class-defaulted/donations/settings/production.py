from configurations import values

from donations.settings.base import Base


class Production(Base):
    SENTRY_DSN = values.Value(None)
