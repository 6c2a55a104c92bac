# Executed by legacy/settings.py with exec(), in its namespace.
EMAIL_HOST = 'smtp.example.com'
EMAIL_PORT = 587
ADMINS = [('Ops', 'ops@example.com')]
