from split_settings.tools import include, optional

include(
    "components/base.py",
    "components/database.py",
    "components/security.py",
    optional("local.py"),
)
