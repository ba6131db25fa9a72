"""Is the database reachable? Asked by the health endpoints and the error pages."""

from __future__ import annotations

from django.db import InterfaceError, OperationalError, connection

# The exceptions Django raises when it cannot reach or talk to the database server.
DATABASE_DOWN = (OperationalError, InterfaceError)


def database_available() -> bool:
    """One ``SELECT 1`` on the default connection; False when the server cannot be reached."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DATABASE_DOWN:
        return False
    return True


def is_database_outage(exc: BaseException | None) -> bool:
    """True when ``exc``, or an exception it was raised from, says the database is unreachable."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, DATABASE_DOWN):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False
