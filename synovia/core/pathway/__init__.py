"""Synovia core: pathway."""
