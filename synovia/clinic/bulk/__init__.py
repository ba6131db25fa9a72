"""Bulk loading of a synthetic cohort (``synovia demo-data``): column arrays from
``synovia.core.synthetic`` into the clinic tables.

``writer`` inserts rows with ids assigned up front (PostgreSQL ``COPY`` or SQLite
``executemany``) and resets the id sequences; ``people``, ``care`` and ``visits`` build the
rows of each table; ``scores`` scores all visits at once; ``loader`` runs them in one
transaction.

Bulk inserts bypass ``save()``, so no history rows are written for synthetic data: the
audit trail covers changes people make, not the generator. Every patient and clinic is
marked synthetic.
"""

from synovia.clinic.bulk.loader import Loader

__all__ = ["Loader"]
