"""The parser's recognised phrases: each a regular expression and the rule it stands for.

Patterns run over normalised text (see :func:`synovia.core.eligibility.parsing.normalise`):
lower case, ``>= <= > <`` for symbols and worded comparisons before a number, number words
before a time unit as digits. Every threshold is converted to its fact's unit here:
g/dL x 10 -> g/L, mg/dL x 10 -> mg/L (CRP), mg/dL x 88.4 -> umol/L (creatinine),
/uL and /mm3 / 1000 -> 10^9/L, 10^3/uL = 10^9/L, weeks -> months x 7/30.4375.

Each pattern names the criterion kinds it may appear in: an infection, pregnancy or
malignancy phrase inside an inclusion criterion (where it would usually be negated in a way
the parser does not model) makes the whole criterion go to review, and so does consent or
a classification phrase inside an exclusion.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from synovia.core.eligibility.rules import (
    AllOf,
    AnyOf,
    Compare,
    Equals,
    Flag,
    InList,
    Not,
    Note,
    Op,
    Review,
    Rule,
)

BOTH = frozenset({"inclusion", "exclusion"})
INCLUSION = frozenset({"inclusion"})
EXCLUSION = frozenset({"exclusion"})

OP = r"(>=|<=|>|<)"
NUM = r"(\d+(?:\.\d+)?)"
TNF_INHIBITORS = (
    "adalimumab",
    "certolizumab",
    "etanercept",
    "golimumab",
    "infliximab",
    "humira",
    "cimzia",
    "enbrel",
    "simponi",
    "remicade",
)

Builder = Callable[[re.Match[str]], Rule | None]


@dataclass(frozen=True)
class Pattern:
    """A phrase, the rule it stands for (None: explains text, adds no condition), its kinds."""

    name: str
    regex: re.Pattern[str]
    build: Builder
    kinds: frozenset[str]


def _op(text: str) -> Op:
    if text not in ("<", "<=", ">", ">="):
        raise ValueError(f"not a comparison: {text!r}")
    return text  # type: ignore[return-value]


def _cmp(fact: str, op: str, value: float) -> Compare:
    return Compare(fact, _op(op), round(float(value), 4))


def _months(value: float, unit: str) -> float:
    if unit.startswith("week"):
        return value * 7 / 30.4375
    if unit.startswith("year"):
        return value * 12
    if unit.startswith("day"):
        return value / 30.4375
    return value


def _weeks(value: float, unit: str) -> float:
    if unit.startswith("day"):
        return value / 7
    if unit.startswith("month"):
        return value * 30.4375 / 7
    return value


def _age_range(m: re.Match[str]) -> Rule:
    low, high = (float(g) for g in m.groups() if g is not None)
    return AllOf((_cmp("age_years", ">=", low), _cmp("age_years", "<=", high)))


def _unit_scale(unit: str, table: dict[str, float]) -> float:
    compact = unit.replace(" ", "").replace("µ", "u").replace("^", "")
    for key, scale in table.items():
        if compact.startswith(key):
            return scale
    raise ValueError(f"unit not understood: {unit!r}")


_CELLS = {
    "x109/l": 1.0,
    "x103/ul": 1.0,
    "x103/mm3": 1.0,
    "/ul": 0.001,
    "/mm3": 0.001,
    "cells/ul": 0.001,
    "cells/mm3": 0.001,
}
_CELL_UNIT = r"(x ?10\^?9 ?/ ?l|x ?10\^?3 ?/ ?(?:ul|mm3)|(?:cells)? ?/ ?(?:ul|mm3))"


def _lab(fact: str, scales: dict[str, float]) -> Builder:
    def build(m: re.Match[str]) -> Rule:
        return _cmp(fact, m.group(1), float(m.group(2)) * _unit_scale(m.group(3), scales))

    return build


def _simple(fact: str) -> Builder:
    def build(m: re.Match[str]) -> Rule:
        return _cmp(fact, m.group(1), float(m.group(2)))

    return build


def _joint_count_28(m: re.Match[str]) -> Rule:
    name, op, value = (
        (m.group(1), m.group(2), m.group(3))
        if m.group(1)
        else ("tjc" if m.group(4) == "tender" else "sjc", m.group(5), m.group(6))
    )
    return _cmp(f"{name}28", op, float(value))


def _both_das28(m: re.Match[str]) -> Rule:
    op, value = m.group(1), float(m.group(2))
    return AnyOf((_cmp("das28_esr", op, value), _cmp("das28_crp", op, value)))


def _esr_by_sex(m: re.Match[str]) -> Rule:
    men = AllOf((Equals("sex", "male"), _cmp("esr_mm_h", m.group(1), float(m.group(2)))))
    women = AllOf((Equals("sex", "female"), _cmp("esr_mm_h", m.group(3), float(m.group(4)))))
    return AnyOf((men, women))


def _liver(m: re.Match[str]) -> Rule:
    names = m.group(1)
    op, value = m.group(2), float(m.group(3))
    parts = tuple(_cmp(f"{n}_x_uln", op, value) for n in ("alt", "ast") if n in names)
    if len(parts) == 1:
        return parts[0]
    return AllOf(parts) if " and " in names else AnyOf(parts)


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _class_range(fact: str, numerals: list[str], dash: bool) -> Rule | None:
    values = sorted({_ROMAN[n] for n in numerals})
    low, high = values[0], values[-1]
    if not dash and values != list(range(low, high + 1)):
        return None
    parts = [_cmp(fact, ">=", low)] if low > 1 else []
    parts += [_cmp(fact, "<=", high)] if high < 4 else []
    if not parts:
        return Note(f"any {fact.replace('_', ' ')}")
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


def _roman_builder(fact: str) -> Builder:
    def build(m: re.Match[str]) -> Rule | None:
        numerals = re.findall(r"iv|i{1,3}", m.group(1))
        return _class_range(fact, numerals, "-" in m.group(1))

    return build


_DRUG_CLASSES: tuple[tuple[str, Rule], ...] = (
    (r"csdmards?|conventional (?:synthetic )?dmards?", InList("failed_csdmards")),
    (
        r"tnf(?:a|-alpha)? inhibitors?|tnfi(?: bdmards?)?|anti-tnf(?: agents?)?",
        InList("failed_biologics", TNF_INHIBITORS),
    ),
    (r"biologics?(?: dmards?)?|bdmards?", InList("failed_biologics")),
    (r"methotrexate|mtx", InList("failed_csdmards", ("methotrexate", "mtx"))),
)
_DRUG = "|".join(f"(?:{regex})" for regex, _ in _DRUG_CLASSES)
_RESPONSE = (
    r"(?:(?:had )?(?:an )?inadequate response|(?:documented )?intoleran(?:ce|t)"
    r"|non[- ]?respon(?:se|sive)|poor response|failed)"
)


def _drug_class(item: str) -> Rule:
    for regex, rule in _DRUG_CLASSES:
        if re.fullmatch(regex, item):
            return rule
    raise ValueError(f"not a drug class: {item!r}")


def _drug_failure(m: re.Match[str]) -> Rule | None:
    listed = m.group(1)
    items = [i for i in re.split(r",? (?:and/or|and|or) |, ", listed) if i]
    rules = [_drug_class(item) for item in items]
    if len(rules) == 1:
        return rules[0]
    if " or " in listed and " and " not in listed:
        return AnyOf(tuple(rules))
    if " and " in listed and " or " not in listed:
        return AllOf(tuple(rules))
    return None


def _pregnancy(m: re.Match[str]) -> Rule:
    text = m.group(0)
    pregnant = "pregnan" in text
    lactating = any(w in text for w in ("nursing", "breast", "lactat"))
    if pregnant and lactating:
        return AnyOf((Flag("pregnant"), Flag("lactating")))
    return Flag("pregnant") if pregnant else Flag("lactating")


def _const(rule: Rule | None) -> Builder:
    return lambda _m: rule


def _p(name: str, regex: str, build: Builder, kinds: frozenset[str] = BOTH) -> Pattern:
    return Pattern(name, re.compile(regex), build, kinds)


_CONTRACEPTION = AnyOf(
    (Equals("sex", "male"), Not(Flag("childbearing_potential")), Flag("uses_contraception"))
)
_ESRD = AnyOf(
    (
        InList(
            "conditions", ("end stage renal failure", "end stage renal disease", "esrd", "kidney failure")
        ),
        Compare("egfr_ml_min", "<", 15.0),
    )
)

UNMODELLED = Review("")
"""Stands for a recognised conjunctive condition no fact models (a washout, a stable dose);
the parser replaces it by a review of the whole criterion text, joined with all of."""

_WHEN = r"(?:days?|weeks?|months?)"
_BEFORE = r"(?: prior to (?:screening|baseline|randomi[sz]ation))?"

PATTERNS: tuple[Pattern, ...] = (
    # Conditions no fact models: kept as a review part of an all-of (inclusions only).
    _p("washout", rf"with (?:the )?last dose >= \d+ {_WHEN}{_BEFORE}", _const(UNMODELLED), INCLUSION),
    _p(
        "stable dose",
        rf"with (?:the )?dose(?: and route of administration)? stable for >= \d+ "
        rf"{_WHEN}{_BEFORE}",
        _const(UNMODELLED),
        INCLUSION,
    ),
    _p("but without", r"but without [a-z -]+?(?: or [a-z -]+?)?(?=[.;]|$)", _const(UNMODELLED), INCLUSION),
    _p(
        "taking for",
        rf"(?:has been |must be )?taking (?:mtx|methotrexate) for >= \d+ {_WHEN}",
        _const(AllOf((InList("current_drugs", ("methotrexate", "mtx")), UNMODELLED))),
        INCLUSION,
    ),
    # Explanations that add no condition.
    _p("rationale", r"(?:may not participate )?due to the possibility of [^.;]*", _const(None)),
    _p(
        "pregnancy test procedure",
        r"women of child-?bearing potential must have a pregnancy "
        r"test performed within \d+ hours prior to initiation of treatment",
        _const(None),
    ),
    _p(
        "2010 points",
        r":? ?sum of scores? >= 6/10 in categories a-d including: a, joint "
        r"involvement; b, serology; c, acute-phase reactant; d, duration of symptoms",
        _const(None),
    ),
    _p("acr expansion", r"american rheumatism association-european league against rheumatism", _const(None)),
    _p(
        "consent wording",
        r"must be informed of the investigational nature of this study|in "
        r"accordance with the institutional and hospital guidelines|consent in writing to "
        r"participate in the study by signing and dating|understands and voluntarily sign|"
        r"freely given|give written",
        _const(None),
    ),
    _p(
        "moderate to severe",
        r"(?:who (?:has|have) )?moderate[- ]to[- ](?:severe|high) "
        r"disease activity",
        _const(None),
    ),
    _p("imaging", r"shown in high resolution ct", _const(None)),
    _p(
        "either sex",
        r"\b(?:adult )?(?:males?|men|man) (?:or|and) (?:females?|women|woman)"
        r"(?: patients)?|of either (?:gender|sex)|of both sex(?:es)?",
        _const(Note("either sex")),
    ),
    # Age.
    _p(
        "age range",
        r"\b(?:between the ages of|aged?s?(?: from)?|age limits ?:?) ?(\d{1,3}) ?"
        r"(?:-|to|and) ?(\d{1,3})(?: ?years?(?: old)?)?(?: ?\(inclusive\)|, inclusive)?",
        _age_range,
    ),
    _p(
        "age range bare",
        r"\b(\d{1,3}) ?(?:-|to) ?(\d{1,3}) ?years? old|^(\d{1,3}) ?(?:-|to) ?"
        r"(\d{1,3}) ?years?\.?$",
        _age_range,
    ),
    _p("age bound", rf"\bage(?:d)? {OP} ?(\d{{1,3}})(?: years?)?", _simple("age_years")),
    # Pregnancy and contraception.
    _p(
        "pregnancy if",
        r"if female of child-?bearing potential, positive (?:serum |urine )?"
        r"(?:β-hcg|b-hcg|beta-hcg|pregnancy test)(?: at screening)?",
        _const(Flag("pregnant")),
        EXCLUSION,
    ),
    _p(
        "contraception",
        r"women of (?:reproductive|child-?bearing) potential (?:may|must) not "
        r"participate unless they (?:have )?agreed? to use (?:an )?effective contracepti"
        r"(?:ve methods?|on)(?: while on this trial| during the study)?",
        _const(_CONTRACEPTION),
        INCLUSION,
    ),
    _p(
        "pregnancy",
        r"pregnan\w*(?: women)?(?: ?(?:,|or|and|and/or) (?:women who are )?"
        r"(?:nursing|breast-?feeding|lactati\w*|lactating)(?: women)?)?|(?:nursing|breast-?"
        r"feeding|lactating) women|lactation|breast-?feeding",
        _pregnancy,
        EXCLUSION,
    ),
    # Consent.
    _p(
        "consent",
        r"(?:written |signed )?informed consent(?: form| document)?",
        _const(Flag("consent_given")),
        INCLUSION,
    ),
    # Classification.
    _p(
        "acr/eular 2010",
        r"(?:the )?(?:classification criteria \(2010\)|(?:\(?acr/eular\)? "
        r"2010|2010 acr(?: ?/ ?(?:the )?(?:european league against rheumatism \(eular\)|"
        r"eular))?)(?: rheumatoid arthritis)? (?:classification )?criteria)",
        _const(Flag("meets_acr_eular_2010")),
        INCLUSION,
    ),
    _p(
        "acr 1987",
        r"(?:the )?1987(?:-revised)? acr (?:classification )?criteria",
        _const(Flag("meets_acr_1987")),
        INCLUSION,
    ),
    # Disease duration.
    _p(
        "duration",
        r"(?<=¦) *(?:for )?(>=|>) (\d+) (weeks?|months?|years?) duration",
        lambda m: _cmp("disease_duration_months", m.group(1), _months(float(m.group(2)), m.group(3))),
    ),
    _p(
        "established",
        rf"established ra {OP} (\d+) (weeks?|months?|years?) of symptoms",
        lambda m: _cmp("disease_duration_months", m.group(1), _months(float(m.group(2)), m.group(3))),
    ),
    # Joint counts and activity scores.
    _p(
        "jc28 symbol",
        r"(>=|>) (\d+) (tender|swollen) joint count \((?:tjc|sjc)\)(?: count)?"
        r" 28 joint count",
        lambda m: _cmp("tjc28" if m.group(3) == "tender" else "sjc28", m.group(1), float(m.group(2))),
    ),
    _p(
        "jc28 words",
        r"(sjc|tjc) of (\d+) or more out of 28",
        lambda m: _cmp(f"{m.group(1)}28", ">=", float(m.group(2))),
    ),
    _p(
        "jc66/68",
        r"(>=|>) (\d+) swollen joints and (>=|>) (\d+) tender joints(?: at "
        r"screening)? \(68-joint count\)",
        lambda m: AllOf(
            (_cmp("sjc66", m.group(1), float(m.group(2))), _cmp("tjc68", m.group(3), float(m.group(4))))
        ),
    ),
    _p(
        "jc28 named",
        rf"\b(tjc|sjc) ?28 ?{OP} ?(\d+)\b|\b(tender|swollen) joint count \(?28\)? ?"
        rf"{OP} ?(\d+)\b",
        _joint_count_28,
    ),
    _p("das28-esr", rf"das ?28[- ]esr ?{OP} ?{NUM}", _simple("das28_esr")),
    _p("das28-crp", rf"das ?28[- ]crp ?{OP} ?{NUM}", _simple("das28_crp")),
    _p("das28", rf"(?:disease activity score \(das\) ?28|das ?28) ?{OP} ?{NUM}", _both_das28),
    _p("sdai", rf"(?:simpl(?:e|ified) disease activity index \(sdai\)|sdai) ?{OP} ?{NUM}", _simple("sdai")),
    _p("cdai", rf"(?:clinical disease activity index \(cdai\)|cdai) ?{OP} ?{NUM}", _simple("cdai")),
    # Inflammation markers.
    _p("esr by sex", rf"esr ?{OP} ?{NUM} ?mm/hr? for men, ?{OP} ?{NUM} ?mm/hr? for women", _esr_by_sex),
    _p(
        "esr",
        rf"\b(?:erythrocyte sedimentation rate \()?esr\)? ?{OP} ?{NUM} ?mm ?/ ?"
        r"(?:hr|h|hour)\b",
        _simple("esr_mm_h"),
    ),
    _p(
        "crp",
        rf"\b(?:hs-?crp|c-reactive protein \(crp\)|crp) ?{OP} ?{NUM} ?(mg/l|mg/dl)\b",
        _lab("crp_mg_l", {"mg/l": 1.0, "mg/dl": 10.0}),
    ),
    _p(
        "crp uln",
        r"\b(?:hs-?)?crp (?:> ?|greater than |above )(?:the )?(?:upper limit of normal|"
        r"uln)(?: \(uln\))?",
        _const(Compare("crp_x_uln", ">", 1.0)),
    ),
    # Laboratory thresholds.
    _p(
        "haemoglobin",
        rf"\b(?:ha?emoglobin|hgb|hb) ?{OP} ?{NUM} ?(g/dl|g/l)\b",
        _lab("hemoglobin_g_l", {"g/l": 1.0, "g/dl": 10.0}),
    ),
    _p(
        "wbc",
        rf"(?:white blood cells?(?: count)?|wbc(?: count)?|leukocytes?(?: count)?) ?"
        rf"{OP} ?{NUM} ?{_CELL_UNIT}",
        _lab("wbc_10e9_l", _CELLS),
    ),
    _p("platelets", rf"platelets?(?: count)? ?{OP} ?{NUM} ?{_CELL_UNIT}", _lab("platelets_10e9_l", _CELLS)),
    _p(
        "alt/ast",
        rf"\b(alt ?(?:or|and|/) ?ast|ast ?(?:or|and|/) ?alt|alt|ast)(?: levels?)? ?"
        rf"{OP} ?{NUM} ?(?:x|times) ?(?:the )?(?:uln|upper limit of normal)",
        _liver,
    ),
    _p(
        "creatinine",
        rf"(?:serum )?creatinine ?{OP} ?{NUM} ?(mg/dl|umol/l|µmol/l)\b",
        _lab("creatinine_umol_l", {"mg/dl": 88.4, "umol/l": 1.0}),
    ),
    _p(
        "egfr",
        rf"(?:egfr|estimated glomerular filtration rate(?: \(egfr\))?) ?{OP} ?{NUM} ?"
        r"ml/min(?:/1\.73 ?m2)?",
        _simple("egfr_ml_min"),
    ),
    _p("weight", rf"\b(?:body )?weight ?{OP} ?{NUM} ?kg\b", _simple("weight_kg")),
    # Steroids.
    _p(
        "prednisone after",
        rf"(?:prednisone|prednisolone)(?: or equivalent)?(?: dose)? ?{OP} ?"
        rf"{NUM} ?mg ?(?:/|per) ?(?:day|d)\b",
        _simple("prednisone_mg_day"),
    ),
    _p(
        "prednisone before",
        rf"{OP} ?{NUM} ?mg(?: ?/ ?day| per day| daily)? (?:of )?"
        r"(?:prednisone|prednisolone)(?: or equivalent)?(?: per day)?",
        _simple("prednisone_mg_day"),
    ),
    _p(
        "intra-articular",
        r"(?:received )?(?:glucocorticoid|corticosteroid|steroid)s? "
        r"(?:therapy )?by intra-articular injection within (\d+) (days?|weeks?|months?)"
        r"|intra-articular (?:glucocorticoid|corticosteroid|steroid)s?(?: injections?)? within "
        r"(\d+) (days?|weeks?|months?)",
        lambda m: _cmp(
            "intraarticular_steroid_weeks_ago",
            "<=",
            _weeks(float(m.group(1) or m.group(3)), m.group(2) or m.group(4)),
        ),
        EXCLUSION,
    ),
    # Treatment history.
    _p(
        "drug failure",
        rf"{_RESPONSE}(?: or {_RESPONSE})? to (?:available ra therapies "
        rf"including |at least one |a |an )?((?:{_DRUG})(?:,? (?:and|or|and/or) (?:{_DRUG}))*)",
        _drug_failure,
        INCLUSION,
    ),
    _p(
        "cell therapy",
        r"(?:prior|previous|any) (?:stem cell|mesenchymal (?:stem|stromal) cell|"
        r"msc|cell)(?:-based)? (?:therapy|therapies|treatment|transplantation)",
        _const(Flag("prior_cell_therapy")),
        EXCLUSION,
    ),
    _p(
        "trial participation",
        r"(?:participated|participation) in (?:an)?other clinical "
        r"(?:trials?|stud(?:y|ies))(?: \(with use of another investigational medical product\))?"
        r" within (\d+) (weeks?|months?)(?: prior to (?:this study|study treatment start))?",
        lambda m: _cmp("trial_participation_months_ago", "<=", _months(float(m.group(1)), m.group(2))),
        EXCLUSION,
    ),
    # Infections.
    _p(
        "hiv",
        r"(?:positive for )?human immunodeficiency virus \(hiv\) ?1 or hiv ?2|"
        r"\bhiv\b",
        _const(Flag("hiv")),
        EXCLUSION,
    ),
    _p("hepatitis b and c", r"hepatitis b and c\b", _const(AnyOf((Flag("hbv"), Flag("hcv")))), EXCLUSION),
    _p("hbv", r"hepatitis b(?: virus)?(?: \(hbv\))?\b|\bhbv\b|\bhbsag\b", _const(Flag("hbv")), EXCLUSION),
    _p("hcv", r"hepatitis c(?: virus)?(?: \(hcv\))?\b|\bhcv\b", _const(Flag("hcv")), EXCLUSION),
    _p(
        "tb both",
        r"active or latent (?:tuberculosis|tb)\b",
        _const(AnyOf((Flag("tb_active"), Flag("tb_latent")))),
        EXCLUSION,
    ),
    _p("tb active", r"active (?:tuberculosis|tb)\b", _const(Flag("tb_active")), EXCLUSION),
    _p("tb latent", r"latent (?:tuberculosis|tb)(?: infection)?\b", _const(Flag("tb_latent")), EXCLUSION),
    # Malignancy.
    _p(
        "malignancy exception",
        r"(?:currently diagnosed (?:with )?)?any malignan\w*(?: "
        r"neoplasm)?\.? any patient who was successfully treated for cancer and has been "
        r"disease-free,? (?:with no recurrence,? )?for >= (\d+) years,? will be considered",
        lambda m: _cmp("malignancy_years_ago", "<", float(m.group(1))),
        EXCLUSION,
    ),
    _p(
        "malignancy window",
        r"(?:history of )?(?:any )?malignan(?:cy|cies|t neoplasms?|t "
        r"tumou?rs?) with ?in (?:the (?:last|past) )?(\d+) years",
        lambda m: _cmp("malignancy_years_ago", "<=", float(m.group(1))),
        EXCLUSION,
    ),
    _p(
        "malignancy active",
        r"(?:with |currently diagnosed (?:with )?(?:any )?|current |active )"
        r"malignan(?:t tumou?rs?|cy|cies|t neoplasms?)",
        _const(Compare("malignancy_years_ago", "<=", 0.0)),
        EXCLUSION,
    ),
    # Radiographs, function, serology.
    _p(
        "x-ray stage",
        r"(?:steinbrocker )?stage ((?:iv|i{1,3})(?: and | or |-|, ?)(?:iv|i{1,3})"
        r") according to x-ray",
        _roman_builder("radiographic_stage"),
    ),
    _p(
        "functional class",
        r"(?:acr )?function(?:al)? (?:class|status of class) ((?:iv|i{1,3})"
        r"(?:(?:\. |, |,? and |,? or |-)(?:iv|i{1,3}))*)\b",
        _roman_builder("functional_class"),
    ),
    _p(
        "rf and/or acpa",
        r"(?:positive for |detectable )?(?:rheumatoid factors? \(rf\)|"
        r"rheumatoid factors?|rf) and/or (?:anti-ccp3?|anti-cyclic citrullinated peptide "
        r"\(anti-ccp3?\))(?: antibod(?:y|ies))?",
        _const(AnyOf((Flag("rf_positive"), Flag("acpa_positive")))),
        INCLUSION,
    ),
    _p(
        "rf",
        r"(?:rf|rheumatoid factor)[- ]positive|positive for (?:rf|rheumatoid factor)\b",
        _const(Flag("rf_positive")),
        INCLUSION,
    ),
    _p(
        "acpa",
        r"(?:acpa|anti-ccp(?: antibod(?:y|ies))?)[- ]positive|positive for "
        r"(?:acpa|anti-ccp)\b",
        _const(Flag("acpa_positive")),
        INCLUSION,
    ),
    # Named conditions.
    _p(
        "ild",
        r"interstitial lung disease(?: \(ild\))?",
        _const(InList("conditions", ("interstitial lung disease", "ild"))),
    ),
    _p("esrd", r"end-stage renal (?:failure|disease)|\besrd\b", _const(_ESRD)),
    _p("anaemia", r"\bana?emia\b", _const(InList("conditions", ("anaemia", "anemia")))),
)
