"""Pure clinical core of Synovia.

Nothing under this package may import Django or any Synovia app: it holds measures,
eligibility rules, care-pathway rules and outcome statistics as plain, typed Python,
NumPy and Polars, so it can be tested without a database and reused by any front end.
"""
