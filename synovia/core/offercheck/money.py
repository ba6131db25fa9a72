"""Prices written the ways offers write them: $16K, USD 16,000, US$ 16.000, 15.000 €, 15 000 euros,
16 mil dolares, MXN 250,000, EUR 9.500,00. Patterns run on the folded text (``text.fold``)."""

from __future__ import annotations

import re

_AMOUNT = r"\d{1,3}(?:[., ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_SCALE = r"(?: ?(?:k|mil|thousand|million|millones|mm)\b)?"
_SYMBOL_FIRST = (
    r"(?<![a-z])(?:us ?\$|u\$s|usd ?\$?|mx ?\$|mxn ?\$?|\$|€|eur|£|gbp|cad|aud|ars|cop|clp|pen|brl|s/)"
)
_WORD_AFTER = (
    r"(?:usd|us dollars|dollars|dolares|euros?|eur|€|pesos(?: mexicanos| argentinos| colombianos| chilenos)?|"
    r"mxn|pounds|libras|gbp|£|\$|soles|reales)"
)

PRICE = re.compile(rf"{_SYMBOL_FIRST} ?(?:{_AMOUNT}){_SCALE}|\b(?:{_AMOUNT}){_SCALE} ?{_WORD_AFTER}(?![a-z])")
