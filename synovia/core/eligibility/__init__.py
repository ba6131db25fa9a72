"""Synovia core: eligibility."""
