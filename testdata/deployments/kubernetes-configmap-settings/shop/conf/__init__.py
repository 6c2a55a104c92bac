"""Configuration the cluster provides: `overrides.py` is mounted here from a ConfigMap."""
