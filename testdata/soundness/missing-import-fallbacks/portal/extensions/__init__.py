"""Extensions named by the environment: which names this package defines, the repository does
not say."""
import os

globals().update({key[len('PORTAL_EXT_'):].lower(): value for key, value in os.environ.items() if key.startswith('PORTAL_EXT_')})
