"""Synovia core: measures."""
