import os

# A typo: DJS010 was meant.
SECURE_CONTENT_TYPE_NOSNIFF = os.environ.get("NOSNIFF", "1") == "1"  # noqa: DJS0101
