"""Concept lexicons of the eligibility parser: surface forms to facts, drugs, conditions.

Three tables, all data, read by :mod:`synovia.core.eligibility.language`:

- :data:`MEASURES`: analytes, scores, joint counts, body measures and durations: surface
  forms (regular expressions over normalised text), the fact, and the units accepted with
  their factor into the fact's unit;
- :data:`DRUG_CLASSES` and :data:`BRANDS`: drug classes with their members (generic names)
  and brand names mapped to generic names;
- :data:`CONDITIONS`: conditions with their kind and the rule they stand for.

Sources of the drug table (transcribed by hand into this file; names only, no other data):

- WHO Collaborating Centre for Drug Statistics Methodology, ATC/DDD Index 2024
  (https://atcddd.fhi.no/atc_ddd_index/): L04AB tumour necrosis factor alpha (TNF-alpha)
  inhibitors; L04AC interleukin inhibitors; L04AA selective immunosuppressants (abatacept);
  L04AF Janus-associated kinase (JAK) inhibitors (tofacitinib, baricitinib, upadacitinib,
  filgotinib, peficitinib; before 2024 in L04AA); L01FA CD20 (clusters of differentiation 20)
  inhibitors; L04AK dihydroorotate dehydrogenase inhibitors (leflunomide); L04AD calcineurin
  inhibitors; L04AX other immunosuppressants (methotrexate L04AX03, azathioprine); M01CB gold
  preparations; M01CC penicillamine; A07EC01 sulfasalazine; P01BA02 hydroxychloroquine;
  H02AB glucocorticoids; M01A anti-inflammatory and antirheumatic products, non-steroids;
  L01AA nitrogen mustard analogues (alkylating agents).
- U.S. Food and Drug Administration, Purple Book: Database of Licensed Biological Products
  (https://purplebooksearch.fda.gov/): proprietary names of the reference products and of the
  licensed biosimilars of adalimumab, etanercept, infliximab, rituximab and tocilizumab, with
  their four-letter suffixes (e.g. adalimumab-atto, Amjevita).
- The classes csDMARD / bDMARD / tsDMARD follow the EULAR nomenclature: Smolen JS et al.,
  "Proposal for a new nomenclature of disease-modifying antirheumatic drugs", Ann Rheum Dis
  2014;73:3-5.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from synovia.core.eligibility.rules import AnyOf, Compare, Flag, History, InList, Op, Rule

# --- Drugs -------------------------------------------------------------------------------

TNF_INHIBITORS = ("adalimumab", "certolizumab", "etanercept", "golimumab", "infliximab")
IL6_INHIBITORS = ("tocilizumab", "sarilumab", "olokizumab", "levilimab")
IL1_INHIBITORS = ("anakinra", "canakinumab")
T_CELL = ("abatacept",)
B_CELL = ("rituximab", "ocrelizumab", "ofatumumab")
JAK_INHIBITORS = ("tofacitinib", "baricitinib", "upadacitinib", "filgotinib", "peficitinib")
CSDMARDS = (
    "methotrexate",
    "sulfasalazine",
    "hydroxychloroquine",
    "chloroquine",
    "leflunomide",
    "auranofin",
    "aurothiomalate",
    "aurothioglucose",
    "penicillamine",
    "iguratimod",
    "azathioprine",
    "ciclosporin",
    "cyclosporine",
    "minocycline",
)
GOLD = ("auranofin", "aurothiomalate", "aurothioglucose")
CALCINEURIN = ("ciclosporin", "cyclosporine", "cyclosporin", "tacrolimus", "voclosporin")
ALKYLATING = (
    "cyclophosphamide",
    "chlorambucil",
    "mechlorethamine",
    "nitrogen mustard",
    "melphalan",
    "bendamustine",
    "busulfan",
)
GLUCOCORTICOIDS = (
    "prednisone",
    "prednisolone",
    "methylprednisolone",
    "dexamethasone",
    "hydrocortisone",
    "triamcinolone",
    "betamethasone",
    "deflazacort",
    "cortisone",
    "budesonide",
    "glucocorticoid",
    "corticosteroid",
    "steroid",
)
NSAIDS = (
    "ibuprofen",
    "naproxen",
    "diclofenac",
    "celecoxib",
    "etoricoxib",
    "meloxicam",
    "indomethacin",
    "ketoprofen",
    "piroxicam",
    "nabumetone",
    "aceclofenac",
    "nimesulide",
    "nsaid",
)
BDMARDS = TNF_INHIBITORS + IL6_INHIBITORS + IL1_INHIBITORS + T_CELL + B_CELL
TSDMARDS = JAK_INHIBITORS

# Brand (proprietary) names -> generic name (reference products and biosimilars).
BRANDS: dict[str, str] = {
    "humira": "adalimumab", "amjevita": "adalimumab", "cyltezo": "adalimumab",
    "hyrimoz": "adalimumab", "hadlima": "adalimumab", "yusimry": "adalimumab",
    "hulio": "adalimumab", "yuflyma": "adalimumab", "idacio": "adalimumab",
    "simlandi": "adalimumab", "abrilada": "adalimumab", "imraldi": "adalimumab",
    "amgevita": "adalimumab", "enbrel": "etanercept", "erelzi": "etanercept",
    "eticovo": "etanercept", "benepali": "etanercept", "remicade": "infliximab",
    "inflectra": "infliximab", "renflexis": "infliximab", "avsola": "infliximab",
    "ixifi": "infliximab", "remsima": "infliximab", "zymfentra": "infliximab",
    "simponi": "golimumab", "cimzia": "certolizumab", "actemra": "tocilizumab",
    "roactemra": "tocilizumab", "tofidence": "tocilizumab", "tyenne": "tocilizumab",
    "kevzara": "sarilumab", "kineret": "anakinra", "orencia": "abatacept",
    "rituxan": "rituximab", "mabthera": "rituximab", "truxima": "rituximab",
    "ruxience": "rituximab", "riabni": "rituximab", "xeljanz": "tofacitinib",
    "olumiant": "baricitinib", "rinvoq": "upadacitinib", "jyseleca": "filgotinib",
    "smyraf": "peficitinib", "arava": "leflunomide", "azulfidine": "sulfasalazine",
    "salazopyrin": "sulfasalazine", "plaquenil": "hydroxychloroquine",
    "trexall": "methotrexate", "otrexup": "methotrexate", "rasuvo": "methotrexate",
    "metoject": "methotrexate", "imuran": "azathioprine",
}  # fmt: skip

# Surface forms (regex over normalised text) -> (label, member names). Order: longest first.
DRUG_CLASSES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        r"(?:conventional )?(?:synthetic )?(?:dmards?|disease modifying (?:anti ?rheumatic|"
        r"antirheumatic|anti inflammatory) (?:drugs?|agents?))(?: \(?cs ?dmards?\)?)?"
        r"|(?:traditional|conventional|non ?biologic|standard) (?:oral )?(?:dmards?|disease "
        r"modifying (?:anti ?rheumatic|antirheumatic) drugs?)|cs ?dmards?|dmrd",
        "csDMARD",
        CSDMARDS,
    ),
    (
        r"(?:biologics?|biological|b) ?(?:dmards?|disease modifying (?:anti ?rheumatic|"
        r"antirheumatic) drugs?)(?: \(?b ?dmards?\)?)?|biologics?(?: agents?| therapy| therapies|"
        r" treatment| products?)?|biological (?:agents?|therapy|therapies|products?|treatment)",
        "bDMARD",
        BDMARDS,
    ),
    (
        r"targeted synthetic (?:dmards?|disease modifying (?:anti ?rheumatic|antirheumatic) "
        r"drugs?)(?: \(?ts ?dmards?\)?)?|ts ?dmards?",
        "tsDMARD",
        TSDMARDS,
    ),
    (
        r"(?:tumou?r necrosis factor|tnf)(?: ?alpha| ?a)? (?:inhibitors?|antagonists?|blockers?|"
        r"agents?)(?: \(tnfi?s?\))?|anti ?tnf(?: ?alpha| ?a)?(?: agents?| therapy| drugs?)?|tnfis?",
        "TNF inhibitor",
        TNF_INHIBITORS,
    ),
    (r"(?:interleukin|il) ?6(?: receptor)? (?:inhibitors?|antagonists?)", "IL-6 inhibitor", IL6_INHIBITORS),
    (r"(?:janus kinase|jak) (?:\(jak\) )?inhibitors?|jakis?", "JAK inhibitor", JAK_INHIBITORS),
    (
        r"anti ?cd ?20(?: antibod(?:y|ies)| therapy| agents?)?|b ?cell depleting (?:therapy|agents?)",
        "B-cell depleting",
        B_CELL,
    ),
    (r"calcineurin inhibitors?", "calcineurin inhibitor", CALCINEURIN),
    (r"(?:other )?alkylating agents?", "alkylating agent", ALKYLATING),
    (r"gold(?: compounds?| salts?)?", "gold", GOLD),
    (
        r"(?:oral |systemic |parenteral )?(?:gluco)?corticosteroids?|(?:oral )?steroids?|"
        r"glucocorticoids?",
        "glucocorticoid",
        GLUCOCORTICOIDS,
    ),
    (
        r"(?:non ?steroidal anti ?inflammatory (?:drugs?|agents?|medications?))(?: \(nsaids?\))?"
        r"|nsaids?",
        "NSAID",
        NSAIDS,
    ),
)

# Single drugs: generic names recognised as themselves (plus the members of the classes).
SINGLE_DRUGS: tuple[str, ...] = (
    *sorted(
        set(CSDMARDS + BDMARDS + TSDMARDS + CALCINEURIN + ALKYLATING + GLUCOCORTICOIDS[:10] + NSAIDS[:12])
    ),
    "metformin",
    "tripterygium",
    "tripterygii",
    "twhf",
    "cholecalciferol",
    "folic acid",
    "folinic acid",
    "leucovorin",
    "acetaminophen",
    "paracetamol",
    "opioids?",
    "morphine",
    "beta ?blockers?",
    "probiotics?",
    "curcumin",
    "mtx",
    "hcq",
    "ssz",
    "lef",
    "etn",
    "ifx",
    "tcz",
    "rtx",
)
ABBREVIATIONS = {
    "mtx": "methotrexate",
    "hcq": "hydroxychloroquine",
    "ssz": "sulfasalazine",
    "lef": "leflunomide",
    "etn": "etanercept",
    "ada": "adalimumab",
    "ifx": "infliximab",
    "tcz": "tocilizumab",
    "rtx": "rituximab",
    "twhf": "tripterygium",
    "tripterygii": "tripterygium",
    "cyclosporin": "cyclosporine",
    "ciclosporin": "cyclosporine",
}


def drug_names(generic: str) -> tuple[str, ...]:
    """A generic name with the brand names and spellings that stand for it."""
    extra = [b for b, g in BRANDS.items() if g == generic]
    extra += [a for a, g in ABBREVIATIONS.items() if g == generic]
    if generic == "cyclosporine":
        extra += ["ciclosporin", "cyclosporin"]
    return (generic, *extra)


def expand(generics: tuple[str, ...]) -> tuple[str, ...]:
    """Generic names with their brands and spellings, in a stable order, without repeats."""
    return tuple(dict.fromkeys(n for g in generics for n in drug_names(g)))


# --- Measures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """A measurable concept: surface forms, the fact, accepted units and default unit."""

    name: str
    surface: str
    fact: str
    units: dict[str, float]
    default_unit: str | None = ""
    """The unit assumed when the text gives none (None: a unit is required)."""


_CELLS = {"x10^9/l": 1.0, "x10^3/ul": 1.0, "x10^3/mm3": 1.0, "/ul": 0.001, "/mm3": 0.001, "x10^9/l ": 1.0}
MEASURES: tuple[Measure, ...] = (
    Measure("DAS28-ESR", r"das28 ?esr", "das28_esr", {}),
    Measure("DAS28-CRP", r"das28 ?crp", "das28_crp", {}),
    Measure(
        "DAS28",
        r"das28|(?:modified )?disease activity score(?: using 28 joint count)?"
        r"(?: 28)?|das",
        "das28",
        {},
    ),
    Measure("CDAI", r"cdai|clinical disease activity index", "cdai", {}),
    Measure("SDAI", r"sdai|simplified disease activity index", "sdai", {}),
    Measure("ESR", r"esr|erythrocyte sedimentation rate", "esr_mm_h", {"mm/h": 1.0, "mm": 1.0}, "mm/h"),
    Measure(
        "CRP",
        r"(?:hs ?)?crp|c reacti(?:ve|on) protein(?: \(crp\))?",
        "crp_mg_l",
        {"mg/l": 1.0, "mg/dl": 10.0, "x uln": 1.0},
        None,
    ),
    Measure("haemoglobin", r"hemoglobin|hgb|hb", "hemoglobin_g_l", {"g/l": 1.0, "g/dl": 10.0}, None),
    Measure("haematocrit", r"hematocrit|hct", "hematocrit_pct", {"%": 1.0}, None),
    Measure(
        "WBC",
        r"white blood cells?(?: count)?|wbc(?: count)?|leukocytes?(?: count)?",
        "wbc_10e9_l",
        _CELLS,
        None,
    ),
    Measure("neutrophils", r"(?:absolute )?neutrophils?(?: count)?|anc", "neutrophils_10e9_l", _CELLS, None),
    Measure("lymphocytes", r"(?:absolute )?lymphocytes?(?: count)?|alc", "lymphocytes_10e9_l", _CELLS, None),
    Measure("platelets", r"platelets?(?: count)?|plt", "platelets_10e9_l", _CELLS, None),
    Measure(
        "creatinine clearance",
        r"(?:calculated |estimated |measured )?creatinine clearance(?: \(crcl\))?|crcl|cr ?cl",
        "creatinine_clearance_ml_min",
        {"ml/min": 1.0},
        "ml/min",
    ),
    Measure(
        "creatinine", r"(?:serum )?creatinine", "creatinine_umol_l", {"mg/dl": 88.4, "umol/l": 1.0}, None
    ),
    # Total bilirubin: 1 mg/dL = 17.1 umol/L (molar mass 584.7 g/mol; SI conversion table of
    # the AMA Manual of Style, 11th ed., 2020). Direct or indirect bilirubin is another test.
    Measure(
        "bilirubin",
        r"(?:serum |total |serum total |total serum )?bilirubin(?: \(t?bili?\))?(?: total)?|t ?bili",
        "bilirubin_umol_l",
        {"mg/dl": 17.1, "umol/l": 1.0},
        None,
    ),
    # 25-hydroxyvitamin D ("25(OH)D" is normalised to "vitamin d"; vitamin D is measured as
    # it): 1 ng/mL = 2.496 nmol/L (molar mass 400.6 g/mol; Holick et al.,
    # Endocrine Society guideline, J Clin Endocrinol Metab 2011;96:1911-30). "Deficiency"
    # without a number is not read: trials define it differently (below 10, 20 or 30 ng/mL).
    Measure(
        "vitamin D",
        r"(?:serum |plasma )?(?:total )?vitamin d(?: ?3)?(?: \(vitamin d\))?(?: levels?| concentrations?)?",
        "vitamin_d_nmol_l",
        {"ng/ml": 2.496, "nmol/l": 1.0},
        None,
    ),
    # HAQ Disability Index, 0-3 (Fries et al., Arthritis Rheum 1980;23:137-45); the modified
    # or multidimensional HAQ (MHAQ, MDHAQ) is another scale.
    Measure(
        "HAQ-DI",
        r"haq ?-? ?di|health assessment questionnaire(?: ?-? ?disability index)?(?: haq ?-? ?di| haq)?|haq",
        "haq_di",
        {},
    ),
    # Global assessments and pain on a 0-100 mm visual analogue scale (the core records them in
    # cm, 0-10); a global assessment that does not say whose stays review.
    Measure(
        "patient global",
        r"(?:patient|subject|participant)'?s? global assessment(?: of (?:overall )?(?:disease activity|"
        r"arthritis|disease|ra))?(?: pt?ga)?(?: vas)?|patient global(?: assessment)?|ptga",
        "patient_global_mm",
        {"mm": 1.0, "cm": 10.0},
        None,
    ),
    Measure(
        "physician global",
        r"(?:physician|evaluator|investigator|assessor)'?s? global assessment(?: of (?:overall )?"
        r"(?:disease activity|arthritis|disease|ra))?(?: ph?ga| ega)?(?: vas)?|phga",
        "physician_global_mm",
        {"mm": 1.0, "cm": 10.0},
        None,
    ),
    Measure(
        "pain",
        r"(?:(?:patient|subject|participant)'?s? )?(?:assessment of |global assessment of )?"
        r"(?:arthritis |joint )?pain(?: intensity| assessment| score)?(?: vas)?|vas (?:for )?pain",
        "pain_vas_mm",
        {"mm": 1.0, "cm": 10.0},
        None,
    ),
    Measure(
        "eGFR",
        r"egfr|estimated glomerular filtration rate(?: \(egfr\))?|gfr",
        "egfr_ml_min",
        {"ml/min": 1.0},
        "ml/min",
    ),
    # Titres: rheumatoid factor in IU/mL (WHO international units; "U/mL" is read the same);
    # anti-CCP in the assay's U/mL, or as a multiple of the lab's ULN (ACPA_ULN below).
    Measure(
        "RF titre",
        r"rheumatoid factor(?: \(rf\))?(?: titer| titre| level)?|rf(?: titer| titre)?",
        "rf_iu_ml",
        {"iu/ml": 1.0, "u/ml": 1.0},
        None,
    ),
    Measure(
        "anti-CCP titre",
        r"anti ccp(?: ?-?2)?(?: antibody)?(?: \(anti ccp(?: ?-?2)?\))?|acpa|anti cyclic citrullinated "
        r"peptide(?: ?-?2)?(?: antibody)?(?: \(anti ccp(?: ?-?2)?\))?",
        "acpa_u_ml",
        {"u/ml": 1.0},
        None,
    ),
    Measure("BMI", r"bmi|body mass index(?: \(bmi\))?", "bmi_kg_m2", {"kg/m2": 1.0}, "kg/m2"),
    Measure("weight", r"(?:body )?weight", "weight_kg", {"kg": 1.0}, None),
    Measure(
        "morning stiffness",
        r"(?:duration of )?morning stiffness(?: lasting)?",
        "morning_stiffness_min",
        {"minutes": 1.0, "hours": 60.0},
        None,
    ),
)

# A measure compared as a multiple of the lab's upper limit of normal ("CRP > 1.5 x ULN",
# "anti-CCP > 3 x ULN") has its own fact; others (creatinine, bilirubin) stay review.
ULN_FACTS = {
    "crp_mg_l": "crp_x_uln",
    "acpa_u_ml": "acpa_x_uln",
    "bilirubin_umol_l": "bilirubin_x_uln",
    "creatinine_umol_l": "creatinine_x_uln",
}

# ALT/AST are read as multiples of the upper limit of normal only.
LIVER = {"alt": "alt_x_uln", "ast": "ast_x_uln"}
LIVER_SURFACE = (
    r"(?:alt|alanine (?:amino)?transaminase|alanine aminotransferase|sgpt)",
    r"(?:ast|aspartate (?:amino)?transaminase|aspartate aminotransferase|sgot)",
)

# --- Conditions --------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """A condition: its surface forms, its kind, and the rule that it holds."""

    name: str
    surface: str
    kind: str
    rule: Callable[[], Rule]


def _conditions_list(*names: str) -> Callable[[], Rule]:
    return lambda: InList("conditions", names)


def _flag(fact: str) -> Callable[[], Rule]:
    return lambda: Flag(fact)


_TB = lambda: AnyOf((Flag("tb_active"), Flag("tb_latent")))  # noqa: E731
_HEPATITIS = lambda: AnyOf((Flag("hbv"), Flag("hcv")))  # noqa: E731
MALIGNANCY_WORDS = (
    r"malignan(?:cy|cies|t (?:disease|tumou?rs?|neoplasms?))|cancers?|"
    r"neoplasms?|carcinomas?|tumou?rs?"
)

_MALIGNANCY_NAMES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("lymphoma", r"(?:hodgkin'?s? |non hodgkin'?s? )?lymphomas?", ("lymphoma",), ("lymphoma",)),
    ("leukaemia", r"leu[ck]a?emias?", ("leukaemia", "leukemia"), ("leukaemia", "leukemia")),
    ("myeloma", r"(?:multiple )?myelomas?", ("myeloma",), ("myeloma",)),
    ("melanoma", r"(?<!non )melanomas?", ("melanoma",), ("melanoma",)),
    ("sarcoma", r"sarcomas?", ("sarcoma",), ("sarcoma",)),
    (
        "breast cancer",
        r"breast (?:cancers?|carcinomas?)",
        ("breast cancer", "breast carcinoma"),
        ("breast",),
    ),
    (
        "cervical cancer",
        r"cervical (?:cancers?|carcinomas?)(?! in situ)",
        ("cervical cancer", "cervical carcinoma"),
        ("cervical", "cervix"),
    ),
    (
        "prostate cancer",
        r"prostat(?:e|ic) (?:cancers?|carcinomas?)",
        ("prostate cancer", "prostate carcinoma"),
        ("prostate",),
    ),
    (
        "colorectal cancer",
        r"(?:colorectal|colon|rectal|bowel) (?:cancers?|carcinomas?)",
        ("colorectal cancer", "colon cancer", "rectal cancer", "bowel cancer"),
        ("colorectal", "colon", "rectal", "bowel"),
    ),
    ("lung cancer", r"lung (?:cancers?|carcinomas?)", ("lung cancer", "lung carcinoma"), ("lung",)),
)
"""(name, surface, names in ``conditions``, type words in ``malignancies``)."""


def _named_malignancy(diagnoses: tuple[str, ...], types: tuple[str, ...]) -> Callable[[], Rule]:
    return lambda: AnyOf((InList("conditions", diagnoses), History("malignancies", types, (), None)))


CONDITIONS: tuple[Condition, ...] = (
    Condition("active or latent tuberculosis", r"active or latent (?:tuberculosis|tb)", "infection", _TB),
    Condition(
        "latent tuberculosis", r"latent (?:tuberculosis|tb)(?: infection)?", "infection", _flag("tb_latent")
    ),
    Condition("active tuberculosis", r"active (?:tuberculosis|tb)", "infection", _flag("tb_active")),
    Condition("tuberculosis", r"tuberculosis|\btb\b", "infection", _TB),
    Condition(
        "HIV",
        r"(?:human immunodeficiency virus(?: \(hiv\))?|hiv)(?: ?1| ?2)?|aids",
        "infection",
        _flag("hiv"),
    ),
    Condition(
        "hepatitis B or C",
        r"hepatitis b (?:and/or|and|or) c(?: virus)?(?: infections?)?",
        "infection",
        _HEPATITIS,
    ),  # before "hepatitis B", which would leave "or C" unread
    Condition("hepatitis B", r"hepatitis b(?: virus)?(?: \(hbv\))?|hbv|hbsag", "infection", _flag("hbv")),
    Condition("hepatitis C", r"hepatitis c(?: virus)?(?: \(hcv\))?|hcv", "infection", _flag("hcv")),
    Condition("hepatitis", r"hepatitis", "infection", _HEPATITIS),
    Condition(
        "pregnancy and breastfeeding",
        r"pregnan\w* (?:and|or|and/or) (?:lactati\w*|"
        r"breast ?feed\w*|nursing)(?: women)?",
        "pregnancy",
        lambda: AnyOf((Flag("pregnant"), Flag("lactating"))),
    ),
    Condition(
        "pregnancy", r"pregnan(?:cy|t)(?: women)?|positive pregnancy test", "pregnancy", _flag("pregnant")
    ),
    Condition(
        "breastfeeding", r"breast ?feed(?:ing|s)?|lactati(?:on|ng)|nursing", "pregnancy", _flag("lactating")
    ),
    Condition(
        "diabetes",
        r"(?:type 2 |type ii )?diabetes(?: mellitus)?",
        "comorbidity",
        _conditions_list("diabetes", "diabetes mellitus"),
    ),
    Condition(
        "heart failure",
        r"(?:congestive )?(?:heart|cardiac) failure",
        "comorbidity",
        _conditions_list("heart failure", "cardiac failure"),
    ),
    Condition(
        "myocardial infarction",
        r"myocardial infarction|\bmi\b",
        "comorbidity",
        _conditions_list("myocardial infarction", "heart attack"),
    ),
    Condition(
        "unstable angina",
        r"unstable angina(?: pectoris)?",
        "comorbidity",
        _conditions_list("unstable angina"),
    ),
    Condition("angina", r"angina(?: pectoris)?", "comorbidity", _conditions_list("angina")),
    Condition(
        "transient ischaemic attack",
        r"transient isch(?:a)?emic attacks?(?: \(tia\))?|\btia\b",
        "comorbidity",
        _conditions_list("transient ischaemic attack", "transient ischemic attack", "tia"),
    ),
    Condition(
        "pulmonary embolism",
        r"pulmonary embol(?:ism|us)",
        "comorbidity",
        _conditions_list("pulmonary embolism"),
    ),
    Condition(
        "deep vein thrombosis",
        r"deep ve(?:in|nous) thrombosis|\bdvt\b",
        "comorbidity",
        _conditions_list("deep vein thrombosis", "deep venous thrombosis", "dvt"),
    ),
    Condition(
        "interstitial lung disease",
        r"interstitial lung disease(?: \(ild\))?",
        "comorbidity",
        _conditions_list("interstitial lung disease", "ild"),
    ),
    Condition(
        "psoriatic arthritis", r"psoriatic arthritis", "rheumatic", _conditions_list("psoriatic arthritis")
    ),
    Condition(
        "SLE",
        r"systemic lupus erythematosus|\bsle\b|lupus",
        "rheumatic",
        _conditions_list("lupus", "systemic lupus erythematosus", "sle"),
    ),
    Condition(
        "ankylosing spondylitis",
        r"ankylosing spondylitis",
        "rheumatic",
        _conditions_list("ankylosing spondylitis"),
    ),
    Condition("gout", r"gout", "rheumatic", _conditions_list("gout")),
    Condition("fibromyalgia", r"fibromyalgia", "rheumatic", _conditions_list("fibromyalgia")),
    Condition(
        "juvenile arthritis",
        r"juvenile (?:chronic|idiopathic|rheumatoid) arthritis",
        "rheumatic",
        _conditions_list("juvenile idiopathic arthritis", "juvenile chronic arthritis"),
    ),
    Condition(
        "spondyloarthropathy",
        r"spondyloarthropath(?:y|ies)|spondyloarthritis",
        "rheumatic",
        _conditions_list("spondyloarthritis", "spondyloarthropathy"),
    ),
    Condition(
        "Crohn's disease", r"crohn'?s?(?: disease)?|krohn s disease", "comorbidity", _conditions_list("crohn")
    ),
    Condition(
        "ulcerative colitis", r"ulcerative colitis", "comorbidity", _conditions_list("ulcerative colitis")
    ),
    Condition(
        "inflammatory bowel disease",
        r"inflammatory bowel disease|\bibd\b",
        "comorbidity",
        _conditions_list("inflammatory bowel disease", "ibd", "crohn", "ulcerative colitis"),
    ),
    Condition("cirrhosis", r"(?:liver )?cirrhosis", "comorbidity", _conditions_list("cirrhosis")),
    Condition(
        "hyperlipidaemia",
        r"hyperlipid(?:a)?emia",
        "comorbidity",
        _conditions_list("hyperlipidemia", "hyperlipidaemia"),
    ),
    Condition(
        "thyroid disorder",
        r"thyroid (?:disorders?|diseases?)",
        "comorbidity",
        _conditions_list("thyroid", "hypothyroidism", "hyperthyroidism"),
    ),
    Condition(
        "Cushing's",
        r"cushing'?s (?:disease|syndrome)(?: or syndrome)?",
        "comorbidity",
        _conditions_list("cushing"),
    ),
    Condition("osteoporosis", r"osteoporosis", "comorbidity", _conditions_list("osteoporosis")),
    Condition("sepsis", r"sepsis", "infection", _conditions_list("sepsis")),
    Condition("retinopathy", r"retinopathy", "comorbidity", _conditions_list("retinopathy")),
    Condition("stroke", r"stroke", "comorbidity", _conditions_list("stroke")),
    Condition(
        "interstitial lung disease",
        r"\bild\b",
        "comorbidity",
        _conditions_list("interstitial lung disease", "ild"),
    ),
    Condition(
        "Sjogren's syndrome", r"sj[oö]gren'?s? syndrome", "rheumatic", _conditions_list("sjogren", "sjögren")
    ),
    # Named malignancies: each type its own condition (a lymphoma does not exclude a patient
    # with a melanoma); found in ``conditions`` by its diagnosis names or in ``malignancies``
    # by its type word. Types from the WHO Classification of Tumours (5th edition) series.
    *(
        Condition(name, surface, "malignancy", _named_malignancy(diagnoses, types))
        for name, surface, diagnoses, types in _MALIGNANCY_NAMES
    ),
    # Comorbidities that RA trials commonly exclude by name (each its own diagnosis; names as
    # a record lists them). Added with issue 10 from the language of trials, not from one trial.
    *(
        Condition(name, surface, kind, _conditions_list(*names))
        for name, surface, kind, names in (
            (
                "substance abuse",
                r"(?:alcohol|drug|substance)(?: or (?:alcohol|drug|substance))?"
                r" (?:abuse|dependence|addiction|use disorder)|alcoholism",
                "comorbidity",
                (
                    "alcohol abuse",
                    "alcohol dependence",
                    "alcoholism",
                    "drug abuse",
                    "drug dependence",
                    "substance abuse",
                    "substance use disorder",
                    "alcohol use disorder",
                ),
            ),
            (
                "herpes zoster",
                r"(?:herpes zoster|shingles)(?: (?:infections?|reactivation))?",
                "comorbidity",
                ("herpes zoster", "shingles"),
            ),
            (
                "organ transplant",
                r"(?:solid )?organ (?:transplant(?:ation)?s?|recipients?)|"
                r"transplant recipients?|(?:kidney|renal|liver|heart|lung) transplant(?:ation)?s?"
                r"(?: recipients?)?",
                "comorbidity",
                ("transplant",),
            ),
            (
                "demyelinating disease",
                r"demyelinating (?:diseases?|disorders?|conditions?)",
                "comorbidity",
                ("demyelinating", "multiple sclerosis", "optic neuritis"),
            ),
            ("multiple sclerosis", r"multiple sclerosis", "comorbidity", ("multiple sclerosis",)),
            (
                "lymphoproliferative disease",
                r"lymphoproliferative (?:diseases?|disorders?)",
                "comorbidity",
                ("lymphoproliferative", "lymphoma"),
            ),
            (
                "primary immunodeficiency",
                r"primary immuno ?deficienc(?:y|ies)(?: (?:diseases?|"
                r"disorders?|syndromes?))?",
                "comorbidity",
                (
                    "primary immunodeficiency",
                    "common variable immunodeficiency",
                    "agammaglobulinemia",
                    "agammaglobulinaemia",
                    "severe combined immunodeficiency",
                ),
            ),
            (
                "gastrointestinal perforation",
                r"(?:gastrointestinal|gi|bowel|intestinal) "
                r"perforations?",
                "comorbidity",
                ("gastrointestinal perforation", "bowel perforation", "intestinal perforation"),
            ),
            ("diverticulitis", r"diverticulitis", "comorbidity", ("diverticulitis",)),
            (
                "venous thromboembolism",
                r"venous thromboembolism|\bvte\b",
                "comorbidity",
                ("venous thromboembolism", "vte", "deep vein thrombosis", "pulmonary embolism"),
            ),
            ("epilepsy", r"epilepsy|seizure disorders?|seizures", "comorbidity", ("epilepsy", "seizure")),
            ("psoriasis", r"psoriasis", "comorbidity", ("psoriasis",)),
            ("hypertension", r"(?:arterial )?hypertension", "comorbidity", ("hypertension",)),
            ("asthma", r"asthma", "comorbidity", ("asthma",)),
            (
                "COPD",
                r"chronic obstructive pulmonary disease(?: \(copd\))?|\bcopd\b",
                "comorbidity",
                ("copd", "chronic obstructive pulmonary disease"),
            ),
            (
                "peptic ulcer",
                r"peptic ulcer(?: disease)?|(?:gastric|duodenal) ulcers?",
                "comorbidity",
                ("peptic ulcer", "gastric ulcer", "duodenal ulcer"),
            ),
            ("pancreatitis", r"pancreatitis", "comorbidity", ("pancreatitis",)),
            (
                "coronary artery disease",
                r"coronary (?:artery|heart) disease|ischa?emic heart disease",
                "comorbidity",
                (
                    "coronary artery disease",
                    "coronary heart disease",
                    "ischaemic heart disease",
                    "ischemic heart disease",
                ),
            ),
            (
                "arrhythmia",
                r"(?:cardiac )?arrhythmias?|atrial fibrillation",
                "comorbidity",
                ("arrhythmia", "atrial fibrillation"),
            ),
            (
                "cerebrovascular disease",
                r"cerebrovascular (?:diseases?|accidents?|events?)",
                "comorbidity",
                ("cerebrovascular", "stroke"),
            ),
            (
                "peripheral arterial disease",
                r"peripheral (?:arterial|artery|vascular) disease",
                "comorbidity",
                ("peripheral arterial disease", "peripheral artery disease", "peripheral vascular disease"),
            ),
            ("vasculitis", r"vasculitis", "rheumatic", ("vasculitis",)),
            (
                "systemic sclerosis",
                r"systemic sclerosis|scleroderma",
                "rheumatic",
                ("systemic sclerosis", "scleroderma"),
            ),
            ("amyloidosis", r"amyloidosis", "comorbidity", ("amyloidosis",)),
            ("sarcoidosis", r"sarcoidosis", "comorbidity", ("sarcoidosis",)),
            ("Felty's syndrome", r"felty'?s? syndrome", "rheumatic", ("felty",)),
            ("dementia", r"dementia", "comorbidity", ("dementia", "alzheimer")),
            (
                "kidney failure",
                r"(?:end stage )?(?:renal|kidney) failure|end stage renal disease|"
                r"\besrd\b",
                "comorbidity",
                (
                    "renal failure",
                    "kidney failure",
                    "end stage renal disease",
                    "end-stage renal disease",
                    "esrd",
                    "dialysis",
                ),
            ),
            (
                "liver failure",
                r"(?:liver|hepatic) failure",
                "comorbidity",
                ("liver failure", "hepatic failure"),
            ),
            (
                "leukopenia",
                r"leu[ck]o(?:cyto)?penia",
                "comorbidity",
                ("leukopenia", "leucopenia", "leukocytopenia"),
            ),
            ("neutropenia", r"neutropenia", "comorbidity", ("neutropenia",)),
            ("thrombocytopenia", r"thrombocytopenia", "comorbidity", ("thrombocytopenia",)),
            ("osteoarthritis", r"osteoarthritis", "comorbidity", ("osteoarthritis",)),
        )
    ),
)

INFLAMMATORY_ARTHRITIS = (
    "psoriatic arthritis",
    "ankylosing spondylitis",
    "spondyloarthritis",
    "juvenile idiopathic arthritis",
    "juvenile chronic arthritis",
    "gout",
    "pseudogout",
    "reactive arthritis",
    "enteropathic arthritis",
)
RHEUMATIC_DISEASES = (
    "lupus",
    "systemic lupus erythematosus",
    "sjogren",
    "systemic sclerosis",
    "scleroderma",
    "dermatomyositis",
    "polymyositis",
    "vasculitis",
    "mixed connective tissue disease",
    "psoriatic arthritis",
    "ankylosing spondylitis",
    "spondyloarthritis",
    "juvenile idiopathic arthritis",
)
AUTOIMMUNE_DISEASES = (
    "lupus",
    "systemic lupus erythematosus",
    "sjogren",
    "systemic sclerosis",
    "scleroderma",
    "dermatomyositis",
    "polymyositis",
    "vasculitis",
    "psoriasis",
    "psoriatic arthritis",
    "crohn",
    "ulcerative colitis",
    "inflammatory bowel disease",
    "multiple sclerosis",
    "ankylosing spondylitis",
    "spondyloarthritis",
    "type 1 diabetes",
    "autoimmune thyroiditis",
    "coeliac disease",
    "celiac disease",
)
"""Members of the condition categories that trials exclude "other than RA": a listed member is
sufficient for the category (it decides), the category may hold more (a review part stays)."""

MALIGNANCY_TYPES = {
    "basal cell carcinoma": r"basal(?: cell)?(?: skin)?(?: carcinoma| cancer)?",
    "squamous cell carcinoma of the skin": r"squamous(?: cell)?(?: skin)?(?: carcinoma| cancer)?",
    "non-melanoma skin cancer": r"non ?melanoma(?: skin)?(?: cancer| carcinoma)?",
    "cervical carcinoma in situ": r"cervical (?:carcinoma|cancer)(?: in situ)?|carcinoma in "
    r"situ of the cervix",
    "skin": r"(?<!basal )(?<!cell )(?<!squamous )(?<!melanoma )(?:skin (?:cancers?|carcinomas?|"
    r"malignanc\w*)|cutaneous (?:cancers?|carcinomas?))",
}
SKIN_CANCERS = (
    "skin",
    "basal cell carcinoma",
    "squamous cell carcinoma of the skin",
    "non-melanoma skin cancer",
    "melanoma",
    "cutaneous",
)
"""What an exception of "skin cancer" covers, read broadly (a narrower reading could exclude
a patient the trial lets in): every skin cancer, melanoma included."""


def malignancy_rule(within_years: float | None, excluded: tuple[str, ...]) -> Rule:
    """History of any malignancy (within a window), exceptions by type."""
    if not excluded:
        bound = within_years if within_years is not None else 1e9
        return Compare("malignancy_years_ago", "<=", bound)
    return History("malignancies", (), excluded, within_years)


def op_of(text: str) -> Op:
    """The operator of a normalised comparator."""
    if text not in ("<", "<=", ">", ">="):
        raise ValueError(f"not a comparator: {text!r}")
    return text  # type: ignore[return-value]


# --- Organ-system disease classes ----------------------------------------------------------


@dataclass(frozen=True)
class OrganClass:
    """A broad class of diseases named by organ ("renal disease", "hepatic disorders"): the
    adjectives that name it, and named diagnoses that belong to it by definition. A listed
    member is sufficient for the class; the class may hold more (a review part stays)."""

    name: str
    surface: str
    members: tuple[str, ...]


ORGAN_CLASSES: tuple[OrganClass, ...] = (
    OrganClass(
        "renal",
        r"renal|kidney|nephrologic(?:al)?",
        (
            "kidney",
            "renal",
            "nephritis",
            "glomerulonephritis",
            "nephropathy",
            "nephrotic syndrome",
            "dialysis",
        ),
    ),
    OrganClass(
        "hepatic",
        r"hepatic|liver|hepatobiliary",
        (
            "liver",
            "hepatic",
            "cirrhosis",
            "hepatitis",
            "steatohepatitis",
            "primary biliary cholangitis",
            "primary sclerosing cholangitis",
        ),
    ),
    OrganClass(
        "cardiac",
        r"cardiac|heart|cardiological",
        (
            "heart",
            "cardiac",
            "myocardial infarction",
            "angina",
            "cardiomyopathy",
            "atrial fibrillation",
            "coronary artery disease",
            "coronary heart disease",
            "endocarditis",
            "myocarditis",
            "pericarditis",
        ),
    ),
    OrganClass(
        "cardiovascular",
        r"cardiovascular|cardio ?vascular|cardio-vascular|circulatory",
        (
            "heart",
            "cardiac",
            "myocardial infarction",
            "angina",
            "cardiomyopathy",
            "atrial fibrillation",
            "coronary artery disease",
            "coronary heart disease",
            "endocarditis",
            "myocarditis",
            "pericarditis",
            "stroke",
            "cerebrovascular",
            "transient ischaemic attack",
            "transient ischemic attack",
            "peripheral arterial disease",
            "peripheral artery disease",
            "deep vein thrombosis",
            "pulmonary embolism",
            "aortic aneurysm",
        ),
    ),
    OrganClass(
        "pulmonary",
        r"pulmonary|lung|respiratory|pulmonologic(?:al)?",
        (
            "lung",
            "pulmonary",
            "asthma",
            "copd",
            "chronic obstructive pulmonary disease",
            "emphysema",
            "bronchiectasis",
            "interstitial lung disease",
            "ild",
        ),
    ),
    OrganClass(
        "haematological",
        r"ha?ematologic(?:al)?|blood",
        (
            "leukaemia",
            "leukemia",
            "lymphoma",
            "myeloma",
            "myelodysplastic",
            "haemophilia",
            "hemophilia",
            "sickle cell",
            "thalassaemia",
            "thalassemia",
            "aplastic anaemia",
            "aplastic anemia",
            "von willebrand",
        ),
    ),
    OrganClass(
        "gastrointestinal",
        r"gastrointestinal|gastro ?intestinal|digestive|\bgi\b",
        (
            "crohn",
            "ulcerative colitis",
            "inflammatory bowel disease",
            "coeliac disease",
            "celiac disease",
            "peptic ulcer",
            "gastric ulcer",
            "duodenal ulcer",
            "pancreatitis",
            "diverticulitis",
        ),
    ),
    OrganClass(
        "endocrine",
        r"endocrine|endocrinologic(?:al)?|hormonal",
        (
            "diabetes",
            "thyroid",
            "hypothyroidism",
            "hyperthyroidism",
            "cushing",
            "addison",
            "adrenal insufficiency",
            "acromegaly",
            "hyperparathyroidism",
            "hypoparathyroidism",
        ),
    ),
    OrganClass(
        "metabolic",
        r"metabolic",
        (
            "diabetes",
            "hyperlipidaemia",
            "hyperlipidemia",
            "dyslipidaemia",
            "dyslipidemia",
            "hypercholesterolaemia",
            "hypercholesterolemia",
            "metabolic syndrome",
            "haemochromatosis",
            "hemochromatosis",
            "porphyria",
        ),
    ),
    OrganClass(
        "neurological",
        r"neurologic(?:al)?|nervous system|cns|cerebral|neural",
        (
            "epilepsy",
            "multiple sclerosis",
            "parkinson",
            "stroke",
            "cerebrovascular",
            "dementia",
            "alzheimer",
            "myasthenia gravis",
            "motor neurone disease",
            "motor neuron disease",
        ),
    ),
    OrganClass(
        "psychiatric",
        r"psychiatric|mental|psychological",
        ("schizophrenia", "bipolar", "psychosis", "psychotic", "major depressive disorder"),
    ),
)
"""Members follow the chapters of ICD-10 (WHO, International Statistical Classification of
Diseases and Related Health Problems, 10th revision, 2019 edition,
https://icd.who.int/browse10/2019/en): III blood (D50-D89), IV endocrine, nutritional and
metabolic (E00-E90), V mental (F), VI nervous system (G), IX circulatory (I), X respiratory
(J), XI digestive (K; liver K70-K77), XIV genitourinary (kidney N00-N29). Cardiovascular
follows the WHO fact sheet "Cardiovascular diseases (CVDs)" (2021): disorders of the heart
and blood vessels, cerebrovascular and peripheral arterial disease, deep vein thrombosis and
pulmonary embolism. Left out on purpose: diagnoses that RA itself commonly brings (anaemia of
chronic disease) and common ones a trial seldom means by the class (hypertension, migraine,
obesity, depression without "major")."""

RENAL_IMPAIRMENT_EGFR = 60.0
"""eGFR below 60 mL/min/1.73 m2: decreased kidney function, categories G3a-G5 of KDIGO 2012
Clinical Practice Guideline for the Evaluation and Management of CKD (Kidney Int Suppl
2013;3:1-150, table 5)."""
SEVERE_RENAL_IMPAIRMENT_EGFR = 30.0
"""eGFR below 30: "severely decreased" and kidney failure, G4-G5 of the same KDIGO table."""


# WHO Technical Report Series 894 (2000), table 2.1 (kg/m2): obese from 30, obese class III
# from 40 (used by language._obesity).
OBESITY_BMI = 30.0
CLASS_III_OBESITY_BMI = 40.0


# --- Graded classes: what a diagnosis of the class needs -------------------------------------

GRADED_EXTRAS: dict[str, tuple[Rule, ...]] = {
    "renal": (Compare("egfr_ml_min", "<", RENAL_IMPAIRMENT_EGFR),),
    "hepatic": (
        Flag("hbv"),
        Flag("hcv"),
        Compare("alt_x_uln", ">", 1.0),
        Compare("ast_x_uln", ">", 1.0),
    ),
    "pulmonary": (Flag("tb_active"), Flag("tb_latent")),
    "haematological": (
        History("malignancies", (), (), None),
        Compare("hemoglobin_g_l", "<", 130.0),
        Compare("wbc_10e9_l", "<", 4.0),
        Compare("neutrophils_10e9_l", "<", 2.0),
        Compare("platelets_10e9_l", "<", 150.0),
    ),
}
"""Facts outside the ``conditions`` list that can show a disease of an organ class without a
listed diagnosis (language._graded): a graded class ("clinically significant hepatic
disease") can only hold when the list names some diagnosis or one of these holds, so the
site is asked then and only then. They are deliberately generous gates, not diagnoses: a
patient the gate sends to the site is not judged by it. Sources: eGFR below 60, KDIGO 2012
(above); haemoglobin below 130 g/L, the higher (men's) anaemia cut-off of WHO,
"Haemoglobin concentrations for the diagnosis of anaemia and assessment of severity"
(WHO/NMH/NHD/MNM/11.1, 2011); white cells below 4.0, neutrophils below 2.0 and platelets
below 150 x 10^9/L, the lower ends of the adult reference intervals of Dacie and Lewis
Practical Haematology, 12th ed. (Bain et al., Elsevier 2017, chapter 2, normal values); ALT or AST above
the lab's upper limit; a hepatitis B or C infection; tuberculosis."""


# --- Disease activity categories ------------------------------------------------------------

ACTIVITY_CUTOFFS: dict[str, tuple[tuple[str, float], tuple[str, float], tuple[str, float]]] = {
    "das28": (("<", 2.6), ("<=", 3.2), ("<=", 5.1)),
    "cdai": (("<=", 2.8), ("<=", 10.0), ("<=", 22.0)),
    "sdai": (("<=", 3.3), ("<=", 11.0), ("<=", 26.0)),
}
"""Upper bounds of remission, low and moderate disease activity (high lies above the last).
DAS28: remission < 2.6 (Fransen et al., Ann Rheum Dis 2004;63:1731), low <= 3.2, moderate
<= 5.1, high > 5.1 (van Gestel et al., Arthritis Rheum 1998;41:1845; EULAR); the same
cut-offs are applied to DAS28-CRP, as trials do (Inoue et al., Ann Rheum Dis 2007;66:407
found lower DAS28-CRP equivalents; a trial that names DAS28-CRP categories means these).
CDAI and SDAI: Aletaha and Smolen, Clin Exp Rheumatol 2005;23(5 Suppl 39):S100-8."""


# --- Named members of the organ classes, as diagnoses of their own ---------------------------


def _spelling(name: str) -> str:
    """British and American spellings as one ("coeliac" and "celiac", "haem" and "hem")."""
    return name.replace("ae", "e").replace("oe", "e")


def _member_conditions() -> tuple[Condition, ...]:
    """Each named member of an organ class ("hypothyroidism", "cardiomyopathy", "emphysema")
    is a diagnosis a trial may exclude alone; found as its name (or plural) in ``conditions``.
    Organ words ("heart", "renal"), and names an earlier condition already reads, are left
    out, so a named condition of :data:`CONDITIONS` keeps its synonyms."""
    organ_words = {"heart", "cardiac", "liver", "hepatic", "kidney", "renal", "lung", "pulmonary", "thyroid"}
    known = [re.compile(rf"\b(?:{c.surface})\b") for c in CONDITIONS]
    found: dict[str, Condition] = {}
    for organ in ORGAN_CLASSES:
        for member in organ.members:
            if member in organ_words or member in found or any(k.search(member) for k in known):
                continue
            surface = (
                re.escape(member).replace(r"\ ", " ") + "(?:e?s)?(?: (?:disorders?|diseases?|syndromes?))?"
            )
            spellings = tuple(m for m in organ.members if _spelling(m) == _spelling(member))
            found[member] = Condition(member, surface, "comorbidity", _conditions_list(*spellings))
    return tuple(found.values())


MEMBER_CONDITIONS: tuple[Condition, ...] = _member_conditions()


# --- Drugs outside RA care, looked up in the current drugs ----------------------------------

OTHER_DRUG_CLASSES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "oral anticoagulants",
        r"oral anti ?coagula(?:nts?|nt therapy|tion(?: therapy)?)"
        r"(?: drugs?| medications?| agents?| therapy)?",
        ("warfarin", "acenocoumarol", "phenprocoumon", "dabigatran", "apixaban", "rivaroxaban", "edoxaban"),
    ),
    (
        "anticoagulants",
        r"(?:systemic )?anti ?coagula(?:nts?|nt therapy|tion(?: therapy)?)"
        r"(?: drugs?| medications?| agents?| therapy)?|blood thinners?",
        (
            "warfarin",
            "acenocoumarol",
            "phenprocoumon",
            "heparin",
            "enoxaparin",
            "dalteparin",
            "tinzaparin",
            "fondaparinux",
            "dabigatran",
            "apixaban",
            "rivaroxaban",
            "edoxaban",
        ),
    ),
    (
        "antiplatelet drugs",
        r"anti ?platelets?(?: drugs?| medications?| agents?| therapy)?",
        ("clopidogrel", "prasugrel", "ticagrelor", "ticlopidine", "dipyridamole"),
    ),
)
"""Classes by the WHO ATC index (WHO Collaborating Centre for Drug Statistics Methodology,
ATC/DDD Index 2024): antithrombotic agents B01AA vitamin K antagonists, B01AB heparins,
B01AX05 fondaparinux, B01AE direct thrombin inhibitors, B01AF direct factor Xa inhibitors;
platelet aggregation inhibitors B01AC; "oral" keeps the oral members only, a grade
("therapeutic", "prophylactic") is not read (aspirin left out: at low dose it is often not what a
trial means, and it is also an NSAID). Each member is also a name of its own."""
