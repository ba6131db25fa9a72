"""Synovia core: outcomes."""
