from donations.settings.base import Base


class Staging(Base):
    ALLOWED_HOSTS = ["staging.donate.example.org"]
