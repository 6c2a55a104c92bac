"""The production site."""
NAME = "portal.example.com"
SECURE = True
