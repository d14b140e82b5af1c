"""Maintenance tools for developers (not used by the running shop)."""
