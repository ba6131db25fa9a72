"""What each red flag means, what to ask, and where to report an offer (translated texts).

Regulators are listed with the page where each takes reports or publishes its rules; addresses
as published by each agency (checked 2026-12-02).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Guidance:
    title: Promise
    means: Promise
    ask: Promise


GUIDANCE: dict[str, Guidance] = {
    "no_registry_id": Guidance(
        _("No trial registry number"),
        _(
            "A real clinical trial is registered before it starts, and has a number you can look up "
            "(for example NCT01851070 on ClinicalTrials.gov). An offer without one is not a registered trial."
        ),
        _("What is the registry number of this study? Where can I read its registered protocol?"),
    ),
    "claims_no_risk": Guidance(
        _("Says there is no risk"),
        _(
            "Every treatment that acts on the body has risks. Unproven stem-cell treatments have caused "
            "infections, tumours and blindness. Cells from your own body are not safe because they are "
            "yours: they are collected, processed and injected, and each step can go wrong."
        ),
        _("What side effects have you recorded, in how many patients, and where are they published?"),
    ),
    "claims_cure_or_regeneration": Guidance(
        _("Promises a cure or regrown tissue"),
        _(
            "No study has shown that stem cells cure rheumatoid arthritis or regrow cartilage in people. "
            "Early trials measured safety and changes in disease activity in small groups."
        ),
        _("Which controlled, published study showed this, and in how many people?"),
    ),
    "treats_many_conditions": Guidance(
        _("The same cells for many unrelated diseases"),
        _(
            "Diseases of the joints, the brain, the lungs or the skin have different causes. A clinic that "
            "offers one cell product for all of them is selling a product, not treating a disease."
        ),
        _("What evidence do you have for my disease in particular?"),
    ),
    "testimonials_as_evidence": Guidance(
        _("Patient stories offered as proof"),
        _(
            "Stories, videos and star ratings are chosen by the clinic. They cannot show whether people "
            "improved because of the cells, or would have improved anyway, and they never show those harmed."
        ),
        _("Can I see the results of all your patients, including those who did not improve?"),
    ),
    "vague_success_claims": Guidance(
        _("Success claimed without a controlled study"),
        _(
            '"Most patients improve" or "90 percent success" means little without a comparison group that '
            "did not get the cells. Rheumatoid arthritis goes up and down on its own, and people often feel "
            "better after any treatment they hope will work."
        ),
        _("Improved compared with whom? Where is the study published, and was there a placebo group?"),
    ),
    "charges_patient": Guidance(
        _("You are asked to pay"),
        _(
            "Registered trials do not charge people to take part; many pay travel costs. Paying for an "
            "experimental treatment usually means it is sold outside a trial."
        ),
        _("Why am I paying for an experimental treatment? What exactly does the price include?"),
    ),
    "pressure_or_free_consult_funnel": Guidance(
        _("Pressure or a free assessment that leads to a sale"),
        _(
            'A free online assessment that almost always finds you a "good candidate", limited places or '
            "a deadline are sales techniques. A trial gives you time, a written consent form and the right "
            "to say no."
        ),
        _("May I take the documents home and discuss them with my rheumatologist first?"),
    ),
    "misrepresents_regulation": Guidance(
        _("Approval or certification that is not an approved treatment"),
        _(
            "A registered laboratory, an ISO or GMP certificate, or an ethics approval is not the approval "
            "of a treatment. No MSC product is approved for rheumatoid arthritis anywhere we know of. Your "
            "own cells are regulated too once they are processed and given back."
        ),
        _("Which agency approved this treatment for rheumatoid arthritis, and what is the approval number?"),
    ),
    "travel_abroad": Guidance(
        _("Treatment in another country"),
        _(
            "Abroad, your own country's regulator cannot inspect the clinic or the cells, and if something "
            "goes wrong after you return home, your doctors may not know what you received."
        ),
        _(
            "Who will look after me when I am back home, and will I get a full written record of what "
            "was injected?"
        ),
    ),
}


@dataclass(frozen=True)
class Regulator:
    country: Promise
    name: str | Promise
    url: str


REGULATORS: tuple[Regulator, ...] = (
    Regulator(
        _("United States"),
        "FDA MedWatch",
        "https://www.fda.gov/vaccines-blood-biologics/consumers-biologics/"
        "reporting-adverse-events-related-stem-cells-exosomes-or-other-products-marketed-regenerative",
    ),
    Regulator(_("Spain"), "AEMPS", "https://www.aemps.gob.es/"),
    Regulator(_("Mexico"), "COFEPRIS", "https://www.gob.mx/cofepris"),
    Regulator(_("Argentina"), "ANMAT", "https://www.argentina.gob.ar/anmat"),
    Regulator(_("Colombia"), "INVIMA", "https://www.invima.gov.co/"),
    Regulator(_("Peru"), "DIGEMID", "https://www.digemid.minsa.gob.pe/"),
    Regulator(_("Chile"), "ISP", "https://www.ispch.cl/"),
    Regulator(
        _("United Kingdom"),
        "MHRA (Yellow Card)",
        "https://yellowcard.mhra.gov.uk/",
    ),
    Regulator(
        _("European Union"),
        _("EMA and the national agencies"),
        "https://www.ema.europa.eu/en/partners-networks/eu-partners/eu-member-states/national-competent-authorities-human",
    ),
    Regulator(
        _("Canada"),
        "Health Canada (MedEffect)",
        "https://www.canada.ca/en/health-canada/services/drugs-health-products/medeffect-canada.html",
    ),
    Regulator(_("Australia"), "TGA", "https://www.tga.gov.au/reporting-problems"),
)

# The country a regulator listed above serves, by ISO 3166 code, for the "report" section.
REGULATOR_BY_COUNTRY = {
    "US": 0,
    "ES": 1,
    "MX": 2,
    "AR": 3,
    "CO": 4,
    "PE": 5,
    "CL": 6,
    "GB": 7,
    "CA": 9,
    "AU": 10,
}
EU = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"}
EU |= {"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "SE"}


def regulators_for(country: str) -> list[Regulator]:
    """Every regulator we list, the one for ``country`` (ISO code) first when there is one."""
    first = REGULATOR_BY_COUNTRY.get(country)
    if first is None and country in EU:
        first = 8
    ordered = list(REGULATORS)
    if first is not None:
        ordered.insert(0, ordered.pop(first))
    return ordered
