"""Per-environment overrides, loaded by name from legacy/settings.py."""
