"""The one error every measure raises for bad input.

A measure never guesses: a missing value, a value outside its range, a value of the wrong
kind or an input given in two units at once stops the computation with a
``MeasureInputError`` that names the field, the value received and what is allowed.
"""

from __future__ import annotations


class MeasureInputError(ValueError):
    """An input a measure cannot use.

    Attributes:
        field: the input's name, with its unit (``"tjc28"``, ``"crp_mg_l"``).
        value: the value received (``None`` when missing).
        allowed: the allowed values in words (``"0-28"``, ``"above 0 up to 200"``).
    """

    def __init__(self, field: str, value: object, allowed: str, message: str | None = None) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        if message is None:
            message = f"{field}={value!r} is outside the allowed range {allowed}"
        super().__init__(message)
