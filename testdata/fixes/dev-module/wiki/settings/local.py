"""Developer overrides (not deployed, but production picks them up when the file exists)."""
import os

SECRET_KEY = os.getenv('WIKI_SECRET_KEY', 'wiki-local-development-key-not-secret-at-all-1234')
