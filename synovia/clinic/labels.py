"""Names shown for the codes the core returns (score names, categories, inputs, lab tests),
in the reader's language. The core keeps plain codes; the pages show these labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from synovia.core.labs import LAB_TESTS

SCORES = {
    "das28_esr": "DAS28-ESR",
    "das28_crp": "DAS28-CRP",
    "cdai": "CDAI",
    "sdai": "SDAI",
    "haq_di": "HAQ-DI",
    "rapid3": "RAPID3",
}

CATEGORIES = {
    "remission": _("remission"),
    "near_remission": _("near remission"),
    "low": _("low activity"),
    "moderate": _("moderate activity"),
    "high": _("high activity"),
}

EULAR = {"good": _("good response"), "moderate": _("moderate response"), "none": _("no response")}
EULAR_SHORT = {"good": _("EULAR good"), "moderate": _("EULAR moderate"), "none": _("EULAR none")}

ACR = {
    "none": _("below ACR20"),
    "ACR20": _("ACR20 met"),
    "ACR50": _("ACR50 met"),
    "ACR70": _("ACR70 met"),
}

INPUTS = {
    "tjc28": _("tender joints"),
    "sjc28": _("swollen joints"),
    "esr_mm_h": _("ESR"),
    "crp": _("CRP"),
    "crp_mg_l": _("CRP"),
    "ptga": _("patient global"),
    "ptga_cm": _("patient global"),
    "ega_cm": _("evaluator global"),
    "pain_cm": _("pain"),
    "function_cm": _("function"),
}

LAB_NAMES = {
    "esr": _("ESR (Westergren)"),
    "crp": _("C-reactive protein"),
    "hgb": _("Haemoglobin"),
    "wbc": _("Leukocytes"),
    "plt": _("Platelets"),
    "alt": _("Alanine aminotransferase (ALT)"),
    "ast": _("Aspartate aminotransferase (AST)"),
    "creat": _("Creatinine"),
    "rf": _("Rheumatoid factor"),
    "accp": _("Anti-CCP antibodies"),
    "il6": _("Interleukin 6"),
    "tnfa": _("Tumour necrosis factor alpha"),
    "il10": _("Interleukin 10"),
    "il17": _("Interleukin 17A"),
    "ifng": _("Interferon gamma"),
    "il4": _("Interleukin 4"),
    "tgfb": _("TGF-beta 1"),
    "baff": _("BAFF (B-cell activating factor)"),
    "april": _("APRIL (a proliferation-inducing ligand)"),
    "treg": _("Regulatory T cells (CD4+ CD25+ FOXP3+)"),
    "th17": _("Th17 cells (CD4+ IL-17+)"),
}


def lab_name(key: str) -> str:
    """A lab test's name in the reader's language (the core's English name if unlisted)."""
    if key in LAB_NAMES:
        return str(LAB_NAMES[key])
    test = LAB_TESTS.get(key)
    return test.name if test else key


def label(table: dict[str, object], code: object) -> str:
    """The label of ``code`` in ``table``, or the code itself."""
    return str(table.get(str(code), code)) if code is not None else ""


VISIT_STATUS = {
    "upcoming": _("upcoming"),
    "due": _("due"),
    "overdue": _("overdue"),
    "done": _("done"),
    "out_of_window": _("done outside the window"),
}
