"""Red flags from a person's answers about an offer, for when there is no text to paste.

The rules are the same as for a text: no registry number given (``no_registry_id``), a price to
pay (``charges_patient``), conditions from at least two unrelated organ systems
(``treats_many_conditions``, as in ``conditions``), and a clinic in another country than the
person's own (``travel_abroad``). An answer of "I don't know" raises nothing: the page says what
to ask instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from synovia.core.offercheck.registry import find_registry_ids

SYSTEMS = (
    "joints",
    "nerves",
    "heart and lungs",
    "metabolism, kidney and liver",
    "gut and skin",
    "eyes",
    "aesthetics and ageing",
)


@dataclass(frozen=True)
class Answers:
    registry_id: str = ""  # as the person typed it
    registry_id_given: bool | None = None  # None: does not know
    price: bool | None = None
    systems: frozenset[str] = field(default_factory=frozenset)
    clinic_country: str = ""
    home_country: str = ""


def answer_flags(answers: Answers) -> list[str]:
    """The flag codes the answers show, in the order of ``check.FLAG_CODES``."""
    codes: list[str] = []
    typed = find_registry_ids(answers.registry_id)
    if answers.registry_id_given is False and not typed:
        codes.append("no_registry_id")
    if len(answers.systems & set(SYSTEMS)) >= 2:
        codes.append("treats_many_conditions")
    if answers.price:
        codes.append("charges_patient")
    countries = (answers.clinic_country, answers.home_country)
    if all(countries) and answers.clinic_country != answers.home_country:
        codes.append("travel_abroad")
    return codes
