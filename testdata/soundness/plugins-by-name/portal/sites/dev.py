"""The development site."""
NAME = "dev.portal.example.com"
SECURE = False
