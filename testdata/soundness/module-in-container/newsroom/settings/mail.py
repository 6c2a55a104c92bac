"""Outgoing mail."""
EMAIL_HOST = "smtp.example.com"
EMAIL_USE_TLS = False
ADMINS = [("Desk", "desk@newsroom.example.com")]
