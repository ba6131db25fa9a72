"""The layered criteria parser: normalise, split into clauses, recognise concepts from the
lexicons, mark context, compose typed frames (see docs/eligibility.md, "The parser").

Safety by construction:

- a number becomes a condition only when it sits in the same item as a recognised concept;
- a conditional clause ("if ...", "for patients who ...", "in women of ...") yields a rule only
  when its condition is modelled (applies only if); otherwise the sentence is review;
- a permission or relaxation ("may", "allowed", "acceptable", "unless") makes the criterion
  review: it can loosen the other parts;
- an item that is not explained becomes a review part; recognised parts decide only in the
  safe direction: an exclusion is any-of(rules, review), an inclusion all-of(rules, review) (or
  any-of when the items are alternatives);
- criteria only the study site can judge (willingness, ability, procedures, investigator's
  judgement) become :class:`Site`.

The function :func:`parse` returns None when it has nothing to say (the caller keeps review).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Literal

from synovia.core.eligibility import lexicon as lx
from synovia.core.eligibility.rules import (
    AllOf,
    AnyOf,
    Compare,
    Equals,
    Exposure,
    Flag,
    History,
    InList,
    Not,
    Note,
    Review,
    Rule,
    Site,
    Usage,
)

# --- 1. Normalise -------------------------------------------------------------------------

_SYMBOLS = (
    ("\\>/=", ">="),
    ("\\</=", "<="),
    ("\\>=", ">="),
    ("\\<=", "<="),
    ("\\>", ">"),
    ("\\<", "<"),
    (">/=", ">="),
    ("</=", "<="),
    ("=>", ">="),
    ("=<", "<="),
    ("≥", ">="),
    ("≤", "<="),
    ("⩾", ">="),
    ("⩽", "<="),
    ("＞", ">"),
    ("＜", "<"),
    ("\\[", "("),
    ("\\]", ")"),
    ("\\&", "&"),
    ("\\_", "_"),
    ("\\*", "*"),
    ("\\-", "-"),
    ("–", "-"),
    ("—", "-"),
    ("‐", "-"),
    ("×", "x"),
    ("µ", "u"),
    ("μ", "u"),
    ("³", "^3"),
    ("⁹", "^9"),
    ("’", "'"),
    ("‘", "'"),
    ("[", "("),
    ("]", ")"),
    ("²", "2"),
)
_WORDED = (
    (
        r"(?:above|greater than|more than|higher than|over) or equal to|equal to or (?:above|over)|greater than or equal to|more than or equal to|equal to or (?:greater|more|higher) than|"
        r"equal or (?:greater|more|higher) than|equal or above|at least|no less than|not less than|"
        r"a minimum of|minimum of|minimum|>= or =|or greater than",
        ">=",
    ),
    (
        r"(?:below|less than|lower than|under) or equal to|equal to or (?:below|under)|less than or equal to|equal to or less than|equal or (?:less|lower) than|equal or below|"
        r"no more than|not more than|not exceeding|up to|at most|a maximum of|maximum of|"
        r"below or equal to",
        "<=",
    ),
    (r"greater than|more than|higher than|exceeding|in excess of|above|over|older than", ">"),
    (r"less than|lower than|fewer than|below|under|younger than", "<"),
)
_AFTER = (
    (r"or (?:more|greater|above|higher|older|over)|and (?:above|over|older)", ">="),
    (r"or (?:less|fewer|below|lower|younger|under)", "<="),
)
CARDINALS = {
    w: str(i)
    for i, w in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        )
    )
}
"""Number words up to twelve as digits (used for counts and for durations)."""
_NUMBERS = dict(CARDINALS)
_NUMBERS.update({"fifteen": "15", "twenty": "20", "thirty": "30", "once": "1", "twice": "2", "single": "1"})
_SPELLINGS = (
    (r"\bcreatine\b(?! kinase| phospho)", "creatinine"),
    (r"\bunl\b", "uln"),
    (r"\bupper limits? of (?:the )?normal(?: range)?(?: \(uln\))?", "uln"),
    (r"\bha?emoglobin\b", "hemoglobin"),
    (r"\bha?ematocrit\b", "hematocrit"),
    (r"\banaemia\b", "anemia"),
    (r"\btumour", "tumor"),
    (r"randomis", "randomiz"),
    (r"\bleucocyte", "leukocyte"),
    (r"\bhaemat", "hemat"),
    (r"\bhaem", "hem"),
    (r"\boestr", "estr"),
    (r"\bacr ?/ ?eulaer\b", "acr/eular"),
    (r"\bamerican academy of rheumatology\b", "american college of rheumatology"),  # a registry slip
    (
        r"\bdisease activity score ?(?:in |of |using |based on )?(?:the )?-? ?28(?: joints?(?: counts?)?)?"
        r"(?: \(das ?-? ?28\))?",
        "das28",
    ),
    (r"\bdas ?-? ?28\b", "das28"),
    (r"\b(tjc|sjc) ?-? ?(28|66|68)\b", r"\1 (\2 joints)"),
    (r"\bdas28 ?[-(]? ?(esr|crp)\)?", r"das28 \1"),
    (r"\bdas28 ?\(\d\) ?-? ?(esr|crp)", r"das28 \1"),
    (r"\bhs ?-?crp\b", "crp"),
    (r"\bc ?- ?reacti(?:ve|on) protein", "c reactive protein"),
    (r"\bmm ?/ ?(?:hr|hour|h)\b|\bmm per hour\b", "mm/h"),
    (r"\bmg ?/ ?(?:dl|deciliter|decilitre)\b", "mg/dl"),
    (r"\bmg ?/ ?(?:l|liter|litre)\b", "mg/l"),
    (r"\bg ?/ ?dl\b", "g/dl"),
    (r"\bhepatitis b surface antigen(?: \(hbsag\))?", "hbsag"),
    (r"\b(i?u) ?/ ?ml\b", r"\1/ml"),
    (r"\bg ?/ ?l\b", "g/l"),
    (r"\bu(?:mol| mol) ?/ ?l\b", "umol/l"),
    (r"\bkg ?/ ?m\^?2\b", "kg/m2"),
    (r"\bx ?10 ?\^? ?9 ?/ ?l\b|\bx ?109 ?/ ?l\b|\b10 ?\^ ?9 ?/ ?l\b", "x10^9/l"),
    (r"\bx ?10 ?\^? ?3 ?/ ?(?:ul|mm\^?3)\b|\bx ?103 ?/ ?(?:ul|mm3)\b", "x10^3/ul"),
    (r"\b(?:cells)? ?/ ?mm\^?3\b", "/mm3"),
    (r"\b(?:cells)? ?/ ?ul\b", "/ul"),
    (r"\bml ?/ ?min(?:ute)?(?: ?(?:/|per) ?1\.73 ?m\^?2)?", "ml/min"),
    (r"\bmg ?/ ?(?:wk|week)s?\b|\bmg (?:per|a|every|each) week\b|\bmg weekly\b", "mg/week"),
    (r"\bmg ?/ ?d(?:ay)?\b|\bmg (?:per|a) day\b|\bmg daily\b|\bmilligrams? (?:per|a) day\b", "mg/day"),
    (r"\bmg (or (?:less|more|fewer|greater|lower|higher)) (?:per|a) day\b", r"mg/day \1"),
    (r"\bmg (or (?:less|more|fewer|greater|lower|higher)) (?:per|a|every) week\b", r"mg/week \1"),
    (r"\bmilligrams?\b", "mg"),
    (
        r"\(?\b(?:by |using |per |according to )?(?:the )?cockcroft ?-? ?gault(?: (?:equation|formula))?\)?",
        " ",
    ),
    (
        r"\b25 ?\( ?oh ?\) ?d(?: ?3)?\b|\b25 ?-? ?oh ?(?:vitamin )?d(?: ?3)?\b|\b25 ?-? ?hydroxy ?-? ?vitamin ?d(?: ?3)?\b",
        "vitamin d",
    ),
    (r"\bng ?/ ?ml\b", "ng/ml"),
    (r"\bnmol ?/ ?l\b", "nmol/l"),
    (r"\bmillimet(?:er|re)s?\b", "mm"),
    (r"\bcentimet(?:er|re)s?\b", "cm"),
    (r"\bvisual analog(?:ue)? scale(?: \(vas\))?", "vas"),
    (r"\b(\d+(?:\.\d+)?) ?/ ?100 ?mm\b", r"\1 mm"),
    (r"\b(\d+(?:\.\d+)?) ?/ ?10 ?cm\b", r"\1 cm"),
    (r"\b(?:on|using|by|in) (?:a |the )?(?:0 ?(?:-|to) ?)?100 ?-? ?mm(?: (?:vas|scale))?\b", " vas"),
    (r"\b(?:on|using|by|in) (?:a |the )?(?:0 ?(?:-|to) ?)?10 ?-? ?cm(?: (?:vas|scale))?\b", " vas"),
    (r"\bhealth assessment questionnaire ?-? ?disability index\b", "haq-di"),
    (r"\bhaq ?-? ?di\b", "haq-di"),
    (r"\b(?:weeks|week|wks|wk)\b", "weeks"),
    (r"\b(?:months|month|mos|mo)\b", "months"),
    (r"\b(?:years|year|yrs|yr)\b", "years"),
    (r"\b(?:days|day)\b", "days"),
    (r"\b(?:hours|hour|hrs|hr)\b", "hours"),
    (r"(?<!/)\b(?:minutes|minute|mins|min)\b", "minutes"),  # not the "min" of "ml/min"
    (r"\btimes (?:the )?uln\b|\bx ?uln\b|\bx (?:the )?uln\b|\bfold (?:the )?uln\b", "x uln"),
    (r"\b(?:rheumatoid arthritis|ra)\b", "ra"),
    (r"\bnaive\b", "naive"),
    (r"\banti ?- ?", "anti "),
    (r"\bnon ?- ?", "non "),
    (r"\bco-", "co"),
    (r"\btender ?/ ?painful\b|\btender or painful\b|\bpainful ?/ ?tender\b", "tender"),
    (r"\bswollen ?/ ?tender\b", "swollen and tender"),
    (r"\bantibod(?:y|ies)\b", "antibody"),
    (r"\bcharacteri[sz]ed\b", "defined"),
    (r"\bfulfil+(?:s|ed|ing)?\b", "meets"),
    (r"\bsatisf(?:y|ies|ied|ying)\b", "meets"),
    (r"\bi\.e\.?,?", "ie"),
    (r"\be\.g\.?,?", "eg"),
    (r"\betc\.?", ""),
    (r"\bmethotrexate \(mtx\)|\bmtx\b", "methotrexate"),
)


def normalise(text: str) -> str:
    """Lower-case text with one spelling per comparator, unit, number and common concept."""
    t = unicodedata.normalize("NFKC", text)
    for old, new in _SYMBOLS:
        t = t.replace(old, new)
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    t = t.casefold()
    t = re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)
    t = re.sub(r"(?<=\d),(?=\d\b)", ".", t)
    for pattern, new in _SPELLINGS:
        t = re.sub(pattern, new, t)
    t = t.replace("-", " - ").replace("/", " / ") if False else t
    t = re.sub(r"\b(" + "|".join(_NUMBERS) + r")\b", lambda m: _NUMBERS[m.group(1)], t)
    for words, op in _WORDED:
        t = re.sub(rf"\b(?:{words})\b(?: the)?\s*(?=[\d(])", f"{op} ", t)
    for words, op in _AFTER:
        t = re.sub(
            rf"(\d+(?:\.\d+)?)\s*((?:[a-z/%^0-9]+ ){{0,2}}?)(?:{words})\b",
            lambda m, op=op: f"{op} {m.group(1)} {m.group(2)}",  # type: ignore[misc]  # default-bound op
            t,
        )
    t = re.sub(r"(?<=[a-z])-(?=[a-z])|(?<=\d)-(?=[a-z])", " ", t)
    t = re.sub(r"\b(?:between|from) (\d+(?:\.\d+)?) (?:and|to|-) (\d+(?:\.\d+)?)\b", r"\1-\2", t)
    t = re.sub(
        r"\b(iv|iii|ii|i)((?:,? (?:or|and) |, ?)(?:iv|iii|ii|i))+\b",
        lambda m: "+".join(re.findall(r"iv|iii|ii|i", m.group(0))),
        t,
    )
    t = re.sub(r"\s*(>=|<=|>|<)\s*", r" \1 ", t)
    t = re.sub(r"(?<=\d)(?=[a-z%])", " ", t)
    t = re.sub(  # "2.6 < das28 <= 5.1": the concept between two bounds
        r"(?<![\w.])(\d+(?:\.\d+)?) (<=?) ([a-z][a-z0-9 ]{0,30}?) (<=?) (\d+(?:\.\d+)?)\b",
        lambda m: (
            f"{m.group(3)} {m.group(2).replace('<', '>')} {m.group(1)} and "
            f"{m.group(3)} {m.group(4)} {m.group(5)}"
        ),
        t,
    )
    return " ".join(t.split())


# --- 2. Clauses ----------------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<!\beg)(?<!\bie)(?<!\bvs)(?<!\bno)(?<=[a-z)%\d])\.\s+(?=\S)|;\s*")
_PERMISSIVE = re.compile(
    r"\b(?:may(?! not)|can be (?:used|included|enrolled)|are eligible|is eligible|allowed|"
    r"acceptable|permitted|will be considered|up to \d+ ?%|is not permitted|unless|"
    r"except for patients|as long as|provided)\b"
)
_CONDITIONAL = re.compile(
    r"(?:^|, |\()if\b|\bif (?:patients?|subjects?|participants?|on|they|the)\b|\bwhen\b|"
    r"\bfor (?:patients|subjects|participants|women|men|females|males|those)\b|\bin case\b|"
    r"\bwhere\b|\bwhose\b|\bdepending on\b|\bin (?:japan|korea|china|taiwan|the us|europe|"
    r"country)\b|\bin women of\b|\bin (?:female|male) (?:patients|subjects)\b"
)
_SITE = re.compile(
    r"\b(?:willing(?:ness)?|unwilling(?:ness)?|able to|unable to|ability to|inability to|"
    r"capable of|agree(?:s|d)? to|consent(?:s|ed)?|comply|compliance|adhere|in the opinion of|"
    r"investigator|judg(?:e)?ment|discretion|unsuitable|suitable|procedures?|read and "
    r"(?:speak|understand)|speak and understand|understand(?:s|ing)?|available for|availability|"
    r"refrain|questionnaires?|participate in|sign(?:ing|ed)?|self inject|examined by|"
    r"undergo|arthroscop\w*|mri|magnetic resonance|local (?:legal|regulations?))\b"
)
_QUALIFIER = re.compile(
    r"\b(?:severe|serious|significant|significantly|uncontrolled|poorly|inadequately|"
    r"symptomatic|requiring|required|require|recurrent|recent|recently|acute|unstable|"
    r"moderate|mild|high|low|other|another|any other|otherwise|such|like|likely|interfere|"
    r"impair\w*|risk|suspected|known or|clinically|relevant|major|planned?|plans?|during|"
    r"throughout|anticipated|considering|expected|future|new|changing|unchanged|same|"
    r"except|excluding|besides|apart|but|without|only|both|neither|nor|either|one of|"
    r"following|defined|define|criteria|criterion|normal|abnormal|abnormalit\w*|positive|"
    r"negative|titer|titre|status|stable|stabilize|dose|doses|dosage|washout|washed|"
    r"discontinue\w*|stop\w*|switch\w*|continue\w*|maintain\w*|kept|combination|combined|"
    r"total|daily|sum|score|scores|points?|route|oral|orally|intravenous|iv|im|ia|"
    r"intramuscular|intra ?articular|parenteral|topical|injection|infusion|subcutaneous|"
    r"extra ?articular|secondary|associated|overlap|induced|related|minimum|maximum|first|"
    r"last|single|consecutive|cycles?|times|regime\w*|regimen|optimally|highest|tolerated)\b"
)
_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "to",
        "in",
        "at",
        "on",
        "by",
        "with",
        "who",
        "which",
        "that",
        "is",
        "are",
        "be",
        "been",
        "being",
        "was",
        "were",
        "has",
        "have",
        "had",
        "having",
        "must",
        "should",
        "will",
        "shall",
        "can",
        "could",
        "would",
        "patients",
        "patient",
        "subjects",
        "subject",
        "people",
        "participants",
        "participant",
        "persons",
        "person",
        "women",
        "woman",
        "men",
        "man",
        "adult",
        "adults",
        "individuals",
        "and",
        "or",
        "and/or",
        "as",
        "per",
        "according",
        "also",
        "all",
        "any",
        "each",
        "every",
        "his",
        "her",
        "their",
        "they",
        "he",
        "she",
        "it",
        "its",
        "this",
        "these",
        "those",
        "study",
        "trial",
        "visit",
        "visits",
        "screening",
        "baseline",
        "enrollment",
        "enrolment",
        "entry",
        "inclusion",
        "admission",
        "randomization",
        "day",
        "diagnosis",
        "diagnosed",
        "confirmed",
        "documented",
        "evidence",
        "clinical",
        "clinically",
        "history",
        "presence",
        "current",
        "currently",
        "ongoing",
        "active",
        "previous",
        "previously",
        "prior",
        "past",
        "ever",
        "received",
        "receiving",
        "receive",
        "treated",
        "treatment",
        "treatments",
        "therapy",
        "therapies",
        "use",
        "used",
        "using",
        "taking",
        "take",
        "takes",
        "on",
        "concomitant",
        "exposure",
        "exposed",
        "to",
        "from",
        "since",
        "within",
        "last",
        "past",
        "period",
        "ra",
        "rheumatoid",
        "arthritis",
        "disease",
        "diseases",
        "condition",
        "conditions",
        "known",
        "diagnosis",
        "suffer",
        "suffering",
        "suffers",
        "from",
        "infection",
        "infections",
        "infectious",
        "level",
        "levels",
        "value",
        "values",
        "count",
        "counts",
        "test",
        "tested",
        "result",
        "results",
        "made",
        "obtained",
        "time",
        "start",
        "beginning",
        "dosing",
        "drug",
        "drugs",
        "agent",
        "agents",
        "medication",
        "medications",
        "or/and",
        "de",
        "novo",
        "novo",
        "group",
        "age",
        "aged",
        "old",
        "years",
        "months",
        "weeks",
        "days",
        "hours",
        "minutes",
        "both",
        "least",
        "joints",
        "joint",
        "tender",
        "swollen",
        "painful",
        "based",
        "assessment",
        "joint",
        "chronic",
        "urinary",
        "urine",
        "serum",
        "childbearing",
        "child",
        "bearing",
        "potential",
        "reproductive",
        "other",
        "another",
    ]
)


@dataclass
class Context:
    """Context cues of a clause (ConText-style: negation, history, time, failure...)."""

    negated: bool = False
    history: bool = False
    current: bool = False
    within_weeks: float | None = None
    failed: bool = False
    naive: bool = False
    at_least: int = 1
    min_weeks: float | None = None
    stable_weeks: float | None = None
    windows: int = 0
    extra: list[str] = field(default_factory=list)


_WINDOW = re.compile(
    r"\b(?:with ?in|in|during|over|for) (?:the )?(?:last|past|previous|prior|preceding)? ?"
    r"(?:[<>]=? )?(\d+(?:\.\d+)?)? ?(days|weeks|months|years)\b(?: \(\d+ days\))?"
    r"(?: (?:prior to|before|of|preceding) (?:the )?[a-z ]{0,40}?(?=$|[,;.(]| or | and ))?"
    r"|\b(\d+(?:\.\d+)?) (days|weeks|months|years) (?:prior to|before|preceding) (?:the )?"
    r"[a-z ]{0,40}?(?=$|[,;.(]| or | and )"
    r"|\bwith ?in (?:the )?(month|week|year) (?:prior to|before) [a-z ]{0,40}?(?=$|[,;.(])"
)
_TO_WEEKS = {
    "days": 1 / 7,
    "weeks": 1.0,
    "months": 30.4375 / 7,
    "years": 365.25 / 7,
    "month": 30.4375 / 7,
    "week": 1.0,
    "year": 365.25 / 7,
}
_NEGATION = re.compile(
    r"\b(?:no|not|without|never|absence of|free of|none of|did not|do not|"
    r"negative(?: for)?|"
    r"does not|have not|has not|had not|must not)\b"
)
_HISTORY = re.compile(
    r"\b(?:history of|prior|previous(?:ly)?|past|ever|received|exposure|"
    r"exposed|treated with|use of|used)\b"
)
_CURRENT = re.compile(
    r"\b(?:current(?:ly)?|ongoing|active|acute|concomitant|receiving|taking|on|"
    r"concurrent(?:ly)?|is on|are on|use of|treatment with)\b"
)
_FAILED = re.compile(
    r"\b(?:inadequate(?:ly)? (?:clinical )?respon\w*|insufficient (?:efficacy|"
    r"response)|fail(?:ed|ure|ing)?|intoleran(?:ce|t)|loss of response|"
    r"non ?respon\w*|poor response|incomplete (?:clinical )?respon\w*|partial respon\w*|"
    r"suboptimal respon\w*|ir)\b"
)
_NAIVE = re.compile(
    r"\bnaive\b|\bnot (?:been )?(?:treated|received|exposed)\b|\bno (?:prior|"
    r"previous) (?:treatment|exposure|use)\b|\bnever (?:been )?(?:treated|"
    r"received|used)\b"
)


def _split_sentences(text: str) -> list[str]:
    return [s.strip(" .,:") for s in _SENTENCE.split(text) if s.strip(" .,:")]


def _strip_parens(text: str) -> tuple[str, list[str]]:
    """Text with simple parentheticals removed and the examples they gave ("eg", "such as")."""
    examples: list[str] = []

    def repl(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        if re.match(r"(?:eg|ie|such as|including|for example)\b", inner):
            examples.append(re.sub(r"^(?:eg|ie|such as|including|for example)\s*:?\s*", "", inner))
            return " "
        if re.fullmatch(r"[a-z][a-z0-9/&.'-]{0,13}|[a-z][a-z /&.'-]{0,13}|\d{1,3}", inner) and not re.search(
            r"\d ?(?:mg|g|mm|x|%)|\b(?:no|not|only|except|or)\b", inner
        ):
            return " "  # an abbreviation or a citation number
        if re.fullmatch(r"inclusive|\d+(?:\.\d+)? ?(?:mg/dl|mg/l|nmol/l|days)", inner):
            return " "
        return f" ({inner}) "

    for _ in range(2):
        text = re.sub(r"\(([^()]*)\)", repl, text)
    return " ".join(text.split()), examples


def _split_items(text: str) -> tuple[list[str], set[str]]:
    """Items of a coordination at top level, and the connectives between them."""
    parts = re.split(r"\s*(?:,\s*(?:and/or|and|or)\s+|\s+and/or\s+|\s+or\s+|\s+and\s+|,\s*)\s*", text)
    connectives = set(re.findall(r"\band/or\b|\bor\b|\band\b|,", text))
    return [p for p in parts if p.strip()], connectives


# --- 3. Concepts --------------------------------------------------------------------------

_NUM = r"(\d+(?:\.\d+)?)"
_OPRE = r"(>=|<=|>|<)"
_UNIT = (
    r"(mg/dl|mg/l|g/dl|g/l|umol/l|x10\^9/l|x10\^3/ul|/mm3|/ul|ml/min|kg/m2|kg|x uln|mm/h|"
    r"mm|cm|%|minutes|hours|mg/day|mg/week|mg|u/ml|iu/ml|ng/ml|nmol/l)?"
)
_DRUG_SURFACES = sorted(
    [(r, label, members) for r, label, members in lx.DRUG_CLASSES]
    + [(re.escape(b), b, (g,)) for b, g in lx.BRANDS.items()]
    + [
        (d, d, (lx.ABBREVIATIONS.get(d.rstrip("?s"), d.replace(" ?", " ").rstrip("?s")),))
        for d in lx.SINGLE_DRUGS
    ],
    key=lambda x: -len(x[0]),
)
_DRUG_RE = re.compile("|".join(f"(?:{r})" for r, _, _ in _DRUG_SURFACES))
_COND_RE = [(re.compile(rf"\b(?:{c.surface})\b"), c) for c in (*lx.CONDITIONS, *lx.MEMBER_CONDITIONS)]
_MALIGNANCY = re.compile(rf"\b(?:{lx.MALIGNANCY_WORDS})\b")


def _drugs_in(text: str) -> tuple[list[str], str]:
    """Generic names of the drugs and classes named in ``text``, and the text without them."""
    found: list[str] = []

    def repl(m: re.Match[str]) -> str:
        word = m.group(0)
        for regex, _label, members in _DRUG_SURFACES:
            if re.fullmatch(regex, word):
                found.extend(members)
                break
        return " ¦ "

    rest = re.sub(rf"\b(?:{_DRUG_RE.pattern})\b", repl, text)
    return list(dict.fromkeys(found)), rest


# --- 5. Frames ----------------------------------------------------------------------------


class Unsure(Exception):
    """The text cannot be structured safely: the caller makes it review."""


def _leftover(text: str) -> list[str]:
    words = re.findall(r"[a-z][a-z']+|\d+(?:\.\d+)?", text)
    return [w for w in words if w[0].isdigit() or (w not in _FILLER and len(w) > 1)]


def _window(text: str, ctx: Context) -> str:
    def repl(m: re.Match[str]) -> str:
        value = m.group(1) or m.group(3)
        unit = m.group(2) or m.group(4) or m.group(5)
        if unit is None:
            return m.group(0)
        ctx.windows += 1
        weeks = float(value or 1) * _TO_WEEKS[unit]
        if m.group(0).startswith("for ") or " for " in m.group(0)[:5]:
            ctx.min_weeks = weeks
        else:
            ctx.within_weeks = weeks
        return " "

    return _WINDOW.sub(repl, text)


def _context(text: str) -> tuple[Context, str]:
    ctx = Context()
    text = _window(text, ctx)
    text = re.sub(
        r"\b(?:is|are|was|were|been|be) (?:determined|considered|known|documented|"
        r"confirmed)(?: to be| as)?\b",
        " ",
        text,
    )  # a hedge of the same fact
    m = re.search(r"(>=|>) (\d+)\s+(?=¦|(?!days|weeks|months|years|mg|g\b)[a-z])", text)
    if m and int(m.group(2)) <= 10:
        ctx.at_least = int(m.group(2)) + (m.group(1) == ">")  # "more than 2": at least 3
        text = text.replace(m.group(0), " ", 1)
    for regex, attr in (
        (_NAIVE, "naive"),
        (_FAILED, "failed"),
        (_NEGATION, "negated"),
        (_HISTORY, "history"),
        (_CURRENT, "current"),
    ):
        if regex.search(text):
            setattr(ctx, attr, True)
            text = regex.sub(" ", text)
    return ctx, text


_EXPLICIT_PAST = re.compile(
    r"\b(?:history of|prior|previous(?:ly)?|past|ever|received|exposure|exposed|treated with|"
    r"at any time|before)\b"
)
"""Words that put a use of a drug in the past; a bare "use of X" or "used" does not."""


_COUNT_BOUND = re.compile(
    r"(?:(?<=\s)|^)(?:(?P<op><=|<) (?P<top>\d+)|(?P<low>\d+) ?(?:or|-|to) ?(?P<high>\d+))\s+"
    r"(?!(?:days|weeks|months|years|mg|g|x|times|doses?)\b)(?=[a-z])"
)


def _bounded_count(kind: str, sentence: str) -> Rule | None:
    """A count of drugs with an upper bound ("failed no more than 2 csDMARDs", "inadequate
    response to 1 or 2 bDMARDs", "fewer than 3 biologics"): the exposure with the lower count
    (if any) and not the exposure of one drug more than the bound. None when the sentence has
    no such count; Unsure when the rest is not a single plain exposure."""
    m = _COUNT_BOUND.search(sentence)
    if m is None:
        return None
    if m.group("top"):
        low, high = 0, int(m.group("top")) - (m.group("op") == "<")
    else:
        low, high = int(m.group("low")), int(m.group("high"))
    rest = f"{sentence[: m.start()]} {sentence[m.end() :]}"
    if not 0 <= low <= high <= 10:
        raise Unsure
    base = _drug_frame(kind, rest if low <= 1 else f"{sentence[: m.start()]} >= {low} {sentence[m.end() :]}")
    if not isinstance(base, Exposure) or base.at_least != max(low, 1) or base.dose is not None:
        raise Unsure
    beyond = Not(replace(base, at_least=high + 1))
    return beyond if low == 0 else AllOf((base, beyond))


def _drug_frame(kind: str, sentence: str) -> Rule:
    """Exposure to drugs or classes, with its context; Unsure when anything is left over."""
    bounded = _bounded_count(kind, sentence)
    if bounded is not None:
        return bounded
    exceptions: list[str] = []
    if re.search(r"\brecent(?:ly)?\b", sentence) and _WINDOW.search(sentence):
        # "current or recent (within 3 months) use": the window says what recent is, and a
        # use now is a use within it
        sentence = re.sub(
            r"\b(?:(?:current|concurrent)\w* (?:or|and/or) )?recent(?:ly)?(?: (?:or|and/or) (?:current|"
            r"concurrent)\w*)?\b",
            " ",
            sentence,
        )
    # "at least 3 months of methotrexate", ">= 12 weeks of treatment with MTX": a duration of use
    sentence = re.sub(
        r"(?<!for )>= (\d+(?:\.\d+)?) (days|weeks|months|years) of\b", r"for >= \1 \2 of", sentence
    )
    m = re.search(
        r"\b(?:other than|except(?: for)?|excluding|besides|apart from|beside)\b"
        r"(.*)$",
        sentence,
    )
    head = sentence
    if m and (window := _WINDOW.search(m.group(1))):
        # "any DMARD other than MTX within 4 weeks": the window belongs to the whole
        tail = m.group(1)
        sentence = (
            f"{sentence[: m.start()]} {window.group(0)} {m.group(0)[: len(m.group(0)) - len(tail)]}"
            f"{tail[: window.start()]} {tail[window.end() :]}"
        )
        m = re.search(
            r"\b(?:other than|except(?: for)?|excluding|besides|apart from|beside)\b(.*)$", sentence
        )
        head = sentence
    if m:
        exc_drugs, exc_rest = _drugs_in(m.group(1))
        if not exc_drugs or _leftover(exc_rest.replace("¦", " ")):
            raise Unsure
        exceptions = [n for g in exc_drugs for n in lx.drug_names(g)]
        head = sentence[: m.start()]
    generics, rest = _drugs_in(head)
    if not generics:
        raise Unsure
    recent = kind == "exclusion" and bool(
        re.search(
            r"\b(?:current|concurrent)\w* or recent(?:ly)?\b|"
            r"\brecent(?:ly)? or current\w*\b",
            rest,
        )
    )
    if recent:  # "current or recent use": the current part decides, "recent" stays review
        rest = re.sub(r"\brecent(?:ly)?\b|\bor\b", " ", rest)
    routes: list[str] = []
    for regex, route in _ROUTES:  # in the head too: "oral corticosteroids" is one class surface
        if re.search(regex, rest) or re.search(regex, head):
            routes.extend(route)
            rest = re.sub(regex, " ", rest)
    if {"oral", "subcutaneous"} <= set(routes):
        routes = []  # "oral or parenteral": any route
    strict = bool(
        re.search(
            r"\b(?:on|receiving|treated with|taking|treatment with|"
            r"treatment|therapy|use of|current|concomitant|must be on|"
            r"continuously received|been on)\b",
            rest,
        )
    )
    stable_m = re.search(
        r"\b(?:(?:on |at )?(?:a |the )?stable (?:dose|doses|dosage|regimen|"
        r"prescription)s?(?: of)?|stable)\b(?: (?:for|of) (?:>= )?(\d+(?:\.\d+)?) "
        r"(days|weeks|months))?",
        rest,
    )
    stable_weeks = None
    if stable_m and stable_m.group(1):
        stable_weeks = float(stable_m.group(1)) * _TO_WEEKS[stable_m.group(2)]
        rest = rest.replace(stable_m.group(0), " ", 1)
    elif stable_m:
        rest = rest.replace(stable_m.group(0), " ¤ ", 1)
    ctx, rest = _context(rest)
    if stable_m and not stable_m.group(1):
        if ctx.min_weeks is None:
            raise Unsure
        stable_weeks, ctx.min_weeks = ctx.min_weeks, None
        ctx.windows -= 1
        rest = rest.replace("¤", " ")
    if stable_weeks is not None:
        ctx.stable_weeks = stable_weeks
    rest = re.sub(r"\b(?:>= 1 |one |a single |a )?doses? of\b(?! \d)", " ", rest)  # "one dose of X"
    rest = re.sub(r"\b(?:standard|conventional|synthetic|a|an|one|1|the|any|single)\b", " ", rest)
    doses: list[tuple[str, float, str]] = []
    if re.search(r"\bweekly\b", rest):
        rest = re.sub(r"(\d) mg\b(?!/)", r"\1 mg/week", rest)
    rng = re.search(rf"{_NUM} ?(?:mg|mg/week|mg/day)? ?(?:-|to) ?{_NUM} (mg/week|mg/day)", rest)
    if rng:
        doses = [(">=", float(rng.group(1)), rng.group(3)), ("<=", float(rng.group(2)), rng.group(3))]
        rest = rest.replace(rng.group(0), " ")
    for dm in re.finditer(rf"{_OPRE} {_NUM} (mg/week|mg/day)", rest):
        doses.append((dm.group(1), float(dm.group(2)), dm.group(3)))
    rest = re.sub(rf"{_OPRE} {_NUM} (mg/week|mg/day)", " ", rest)
    rest = re.sub(
        r"\b(?:weekly|daily|or equivalent|equivalent|or its equivalent|"
        r"regimen|administration|administered|in prednisone equivalent|prednisone "
        r"equivalent|use|the|given|was|were)\b",
        " ",
        rest,
    )
    if _leftover(rest.replace("¦", " ")) or ctx.windows > 1 or len(doses) > 2:
        raise Unsure
    if (
        len(generics) > 1
        and re.search(r"¦[^¦]*\band\b[^¦]*¦", rest)
        and not re.search(r"\bor\b|,", rest)
        and kind == "inclusion"
    ):
        raise Unsure  # "A and B" in an inclusion: both, not one of them
    names = tuple(n for n in lx.expand(tuple(generics)) if n not in exceptions)
    if kind == "exclusion" and ctx.history and not _EXPLICIT_PAST.search(head):
        ctx.current = True  # an exclusion's bare "use of X": the narrow reading, now
        ctx.history = False
    usage: Usage = "ever"
    within = None
    if ctx.within_weeks is not None:
        usage, within = "within", round(ctx.within_weeks, 4)
    elif (ctx.current and not ctx.history) or ctx.stable_weeks is not None or (doses and not ctx.history):
        usage = "current"
    min_weeks = round(ctx.min_weeks, 4) if ctx.min_weeks is not None else None
    stable = round(ctx.stable_weeks, 4) if ctx.stable_weeks is not None else None
    parts = [
        Exposure(
            names,
            usage,
            within,
            ctx.failed,
            ctx.at_least,
            min_weeks,
            stable,
            lx.op_of(op),
            value,
            unit,
            tuple(routes),
        )
        for op, value, unit in doses
    ] or [Exposure(names, usage, within, ctx.failed, ctx.at_least, min_weeks, stable, routes=tuple(routes))]
    exposure: Rule = parts[0] if len(parts) == 1 else AllOf(tuple(parts))
    if ctx.naive or ctx.negated:
        if min_weeks is not None and within is None and not (ctx.failed or stable or doses):
            # "no X for 6 weeks": none within the last 6 weeks
            return Not(Exposure(names, "within", min_weeks, routes=tuple(routes)))
        if ctx.failed or min_weeks or stable or doses:
            raise Unsure
        return Not(exposure)
    if stable is not None and kind == "inclusion" and not strict:
        # "stable dose of X for N weeks": read as "if on X"; safe under both readings
        current = Exposure(names, "current", routes=tuple(routes))
        return AllOf((AnyOf((Not(current), exposure)), Review(sentence)))
    if (
        kind == "inclusion"
        and doses
        and not strict
        and usage == "current"
        and not ctx.failed
        and all(op in ("<", "<=") for op, _value, _unit in doses)
    ):
        # "oral corticosteroids <= 10 mg/day": a ceiling, read as "if on X, at most N"; safe
        # under both readings (the patient on none is not failed)
        return AnyOf((Not(Exposure(names, "current", routes=tuple(routes))), exposure))
    if recent:
        if not isinstance(exposure, Exposure) or usage == "within" or ctx.naive or ctx.negated:
            raise Unsure
        return AnyOf((replace(exposure, usage="current"), Review(sentence)))
    return exposure


_CATEGORIES = (
    (
        r"(?:inflammatory )?(?:joint diseases?|arthritis|arthritides)|inflammatory arthritis",
        lx.INFLAMMATORY_ARTHRITIS,
    ),
    (
        r"(?:rheumatic|rheumatological|connective tissue|collagen ?vascular)(?: autoimmune)? "
        r"(?:diseases?|conditions?|disorders?)",
        lx.RHEUMATIC_DISEASES,
    ),
    (
        r"(?:inflammatory )?(?:autoimmune|auto immune)(?: inflammatory)? (?:diseases?|conditions?|"
        r"disorders?)|(?:systemic )?inflammatory (?:diseases?|conditions?|disorders?)",
        lx.AUTOIMMUNE_DISEASES,
    ),
)
_INFECTION = re.compile(
    r"\b(?:(?:bacterial|viral|fungal|microbial|systemic) (?:or (?:bacterial|"
    r"viral|fungal) )?)?(?:infections?|infectious diseases?)\b"
)
_DISTRIBUTIVE = re.compile(
    r"\b(?:severe|serious|significant|significantly|uncontrolled|poorly|inadequately|symptomatic|"
    r"requiring|required|require|recurrent|recent|recently|unstable|moderate|mild|high|"
    r"interfere|impair\w*|risk|suspected|clinically|relevant|major|planned?|plans?|during|"
    r"throughout|anticipated|considering|expected|future|secondary|associated|induced|related|"
    r"opinion|judg\w*|that|which|unless|may|could|would|like|such|including|eg|ie)\b"
)


def _category(kind: str, rest: str) -> tuple[list[Rule], str]:
    """ "(other) inflammatory/rheumatic/autoimmune disease other than RA": its known members
    decide (sufficient), the rest of the category stays review."""
    found: list[Rule] = []
    m = re.search(r"\b(?:other than|except|excluding|besides|than)\b (.*)$", rest)
    exceptions = m.group(1) if m else ""
    head = rest[: m.start()] if m else rest
    for regex, members in _CATEGORIES:
        if re.search(rf"\b(?:{regex})\b", head):
            if not (m or re.search(r"\b(?:other|another)\b", head)):
                continue  # "arthritis" alone may mean RA itself
            keep = tuple(n for n in members if n not in exceptions and n.split()[0] not in exceptions)
            found += [InList("conditions", keep), Review(rest)]
            head = re.sub(rf"\b(?:{regex})\b", " ¦ ", head)
            break
    if found:
        left = re.sub(
            r"\b(?:ra|rheumatoid|arthritis|gout|sjogren'?s?|syndrome|or|and|other|"
            r"another|the|than|chronic|any)\b",
            " ",
            exceptions,
        )
        if any(re.search(rf"\b{re.escape(n)}\b", exceptions) for n in ("psoriatic", "lupus")):
            left = " ".join(w for w in left.split() if w not in ("psoriatic", "lupus"))
        if _leftover(left):
            return [], rest
        return found, head
    return [], rest


_ROUTES = (
    (r"\b(?:intra ?articular|ia)\b(?: (?:injections?|administration))?", ("intra-articular",)),
    (r"\b(?:intramuscular|im)\b", ("intramuscular",)),
    (r"\b(?:intravenous|iv)\b(?: infusions?)?", ("intravenous",)),
    (r"\b(?:oral|orally|per os)\b", ("oral",)),
    (r"\bparenteral\b", ("subcutaneous", "intravenous", "intramuscular")),
    (r"\bsubcutaneous\b", ("subcutaneous",)),
    (r"\binjections?\b", ("intra-articular", "intramuscular", "intravenous", "subcutaneous")),
)


_ORGAN_ADJ = "|".join(f"(?:{c.surface})" for c in lx.ORGAN_CLASSES)
_ORGAN_NOUN = (
    r"(?:diseases?|disorders?|conditions?|illness(?:es)?|abnormalit(?:y|ies)|"
    r"patholog(?:y|ies)|problems?)"
)
_ORGAN_PHRASE = re.compile(
    rf"\b(?:any )?(?:other )?(?:{_ORGAN_ADJ})(?:\s*(?:,|/|or|and|and/or)\s*(?:any )?(?:other )?"
    rf"(?:{_ORGAN_ADJ}))*\s*(?:,\s*)?(?:or |and )?(?:{_ORGAN_ADJ})?\s+(?:system )?{_ORGAN_NOUN}\b"
    rf"|\b{_ORGAN_NOUN} of the (?:kidneys?|liver|heart|lungs?)\b"
)
_ORGAN_WORD = {
    "kidney": "renal",
    "kidneys": "renal",
    "liver": "hepatic",
    "heart": "cardiac",
    "lung": "pulmonary",
    "lungs": "pulmonary",
}
_NOT_ONESELF = re.compile(
    r"\b(?:family|relatives?|parents?|siblings?|vaccin\w*|immuni[sz]\w*|"
    r"screen\w*|exposure to|contact with|risk)\b"
)
_EXAMPLES = re.compile(
    r"^(.*?)\s*\b(?:such as|like|including(?: but not limited to)?|eg|e g|for example|"
    r"for instance)\b:?\s*(.+)$"
)
_CLASS_HEAD = re.compile(
    r"\b(?:diseases?|disorders?|conditions?|illness(?:es)?|infections?|comorbidit(?:y|ies)|"
    r"malignanc(?:y|ies)|cancers?|problems?)\s*,?\s*$"
)


def _organs(rest: str) -> tuple[list[Rule], str]:
    """ "renal disease", "hepatic, renal or cardiovascular disorders", "disease of the liver":
    the class's named members decide (sufficient), the rest of the class stays review. The
    class is named whole (adjective and noun), so that a graded class was refused before."""
    members: list[str] = []

    def repl(m: re.Match[str]) -> str:
        found = re.findall(rf"\b(?:{_ORGAN_ADJ})\b|\b(?:kidneys?|liver|heart|lungs?)$", m.group(0))
        for word in found:
            name = _ORGAN_WORD.get(word)
            for organ in lx.ORGAN_CLASSES:
                if organ.name == name or re.fullmatch(organ.surface, word):
                    members.extend(organ.members)
                    break
        return " ¦ "

    rest = _ORGAN_PHRASE.sub(repl, rest)
    if not members:
        return [], rest
    return [InList("conditions", tuple(dict.fromkeys(members))), Review(rest)], rest


def _examples(kind: str, sentence: str) -> Rule | None:
    """An exclusion "a class of diseases such as A, B or C" (like, including, e.g.): each
    example is a member of the class, so the examples decide (sufficient) and the rest of the
    class stays review. Only when the head names a class of diseases without a qualifier
    (grade, window, negation) and is about the patient's own diagnoses."""
    m = _EXAMPLES.match(sentence)
    if not m or kind != "exclusion":
        return None
    head, examples = m.group(1), m.group(2)
    if not _CLASS_HEAD.search(head) or _DISTRIBUTIVE.search(head) or _NOT_ONESELF.search(head):
        raise Unsure
    ctx, _rest = _context(head)
    if ctx.windows or ctx.negated or ctx.failed or ctx.naive:
        raise Unsure
    found = _conditions(kind, examples)
    return AnyOf((found, Review(sentence)))


_EVER = re.compile(
    r"\b(?:(?:prior |past )?history(?: of)?|previous|past|prior) or (?:current|active|present)"
    r"(?: history of)?\b|\b(?:current|active|present) or (?:past|previous|prior)(?: history of)?\b"
)
"""Past or current: ever, which the conditions list answers (it lists past conditions too)."""


def _dated(rule: Rule, within_weeks: float | None) -> Rule:
    """A condition within a window ("myocardial infarction within the last 6 months"): the
    dated conditions hold it with its date; a condition with no dated fact stays unsure."""
    if within_weeks is None or isinstance(rule, Review):
        return rule
    years = round(within_weeks * 7 / 365.25, 4)
    if isinstance(rule, InList) and rule.fact == "conditions":
        return History("dated_conditions", rule.names, (), years)
    match rule:  # a named malignancy: its dated diagnosis or its dated type
        case AnyOf((InList("conditions", names), History("malignancies", types, excluded, None))):
            return AnyOf(
                (
                    History("dated_conditions", names, (), years),
                    History("malignancies", types, excluded, years),
                )
            )
    raise Unsure  # a dated infection or pregnancy: no dated fact for it


def _lists(rule: Rule) -> bool:
    """Whether a part of ``rule`` looks a name up in an undated list (a named malignancy too)."""
    if isinstance(rule, AnyOf | AllOf):
        return any(_lists(r) for r in rule.rules)
    return isinstance(rule, InList) or (
        isinstance(rule, History) and rule.within_years is None and bool(rule.names)
    )


def _conditions(kind: str, sentence: str) -> Rule:
    """History or presence of conditions (an exclusion list, or a negated inclusion). Each
    list item is either explained or a review alternative; a qualifier that may apply to
    several items ("severe", "requiring", "that may interfere") makes the sentence review."""
    if _NOT_ONESELF.search(sentence):
        raise Unsure  # a relative's disease, a vaccination or a test against it, a risk of it
    example = _examples(kind, sentence)
    if example is not None:
        return example
    named = sentence
    for regex, _cond in _COND_RE:
        named = regex.sub(" ¦ ", named)  # "unstable angina" names a condition, grades nothing
    if _DISTRIBUTIVE.search(named):
        raise Unsure
    sentence = _EVER.sub("history of", sentence)
    kept: list[str] = []

    def keep(m: re.Match[str]) -> str:
        kept.append(m.group(0))
        return f" qq{len(kept) - 1}qq "

    for regex, _cond in _COND_RE:  # "heart failure" names a condition: no failure cue
        sentence_kept = regex.sub(keep, sentence) if re.search(r"\bfail", regex.pattern) else None
        if sentence_kept is not None:
            sentence = sentence_kept
    ctx, rest = _context(sentence)
    rest = re.sub(r" ?qq(\d+)qq ?", lambda m: f" {kept[int(m.group(1))]} ", rest)
    sentence = re.sub(r" ?qq(\d+)qq ?", lambda m: f" {kept[int(m.group(1))]} ", sentence)
    if ctx.windows > 1 or ctx.failed or ctx.naive:
        raise Unsure
    excluded: tuple[str, ...] = ()
    m = re.search(r"\b(?:other than|except(?: for)?|excluding|apart from)\b(.*)$", rest)
    if m and _MALIGNANCY.search(rest[: m.start()]):
        names = [name for name, rx in lx.MALIGNANCY_TYPES.items() if re.search(rx, m.group(1))]
        left = m.group(1)
        for rx in lx.MALIGNANCY_TYPES.values():
            left = re.sub(rx, " ", left)
        if not names or _leftover(
            re.sub(
                r"\b(?:skin|cell|treated|resected|successfully|"
                r"adequately|carcinoma|cancer|in situ|or|and)\b",
                " ",
                left,
            )
        ):
            raise Unsure
        excluded = tuple(
            dict.fromkeys(n for name in names for n in (lx.SKIN_CANCERS if name == "skin" else (name,)))
        )
        rest = rest[: m.start()]
    if re.search(r"\bactive (?:tuberculosis|tb)\b", sentence) and not re.search(r"\blatent\b", sentence):
        rest = re.sub(r"\b(?:tuberculosis|tb)\b", "active tuberculosis", rest)  # "active" was a cue
    if any(c.kind == "infection" and regex.search(rest) for regex, c in _COND_RE):
        # "HIV positive", "positive HBsAg", "positive test for hepatitis C": the test is the fact
        rest = re.sub(r"\b(?:sero)?positiv\w*(?: (?:test(?:ing)? |result |screening )?for)?\b", " ", rest)
    rules, rest = _category(kind, rest)
    window = ctx.within_weeks
    rules = [_dated(r, window) for r in rules]
    for regex, cond in _COND_RE:
        if regex.search(rest):
            rules.append(_dated(cond.rule(), window))
            if cond.kind == "infection":  # "hepatitis C infection": the word names the same
                rest = re.sub(rf"{regex.pattern}(?: (?:virus )?infections?)?", " ¦ ", rest)
            rest = regex.sub(" ¦ ", rest)
    organs, rest = _organs(rest)  # after the named conditions ("interstitial lung disease")
    rules += [_dated(r, window) for r in organs]
    if _INFECTION.search(rest):
        if window is not None:
            rules.append(Compare("infection_weeks_ago", "<=", round(window, 4)))
        elif ctx.current and not ctx.history:
            rules.append(Compare("infection_weeks_ago", "<=", 0.0))
        else:
            raise Unsure
        rest = _INFECTION.sub(" ¦ ", rest)
    if _MALIGNANCY.search(rest):
        years = window * 7 / 365.25 if window is not None else None
        if years is None and ctx.current and not ctx.history:
            years = 0.0  # "current or active malignancy": active now, not ever
        rules.append(lx.malignancy_rule(round(years, 4) if years is not None else None, excluded))
        rest = _MALIGNANCY.sub(" ¦ ", rest)
    elif excluded:
        raise Unsure
    decided = [r for r in rules if not isinstance(r, Review)]
    if not decided:
        raise Unsure
    if re.search(r"\b(?:active|acute|ongoing|current(?:ly)?|exacerbation)\b", sentence) and any(
        _lists(r) for r in decided
    ):
        raise Unsure  # "active X": the conditions list does not say whether X is active
    items, _connectives = _split_items(rest)
    unexplained = [item for item in items if _leftover(item.replace("¦", " "))]
    if any("¦" in item for item in unexplained):
        raise Unsure  # a recognised condition with words around it: a qualifier
    if unexplained or any(isinstance(r, Review) for r in rules):
        rules = [*decided, Review(sentence)]
    else:
        rules = list(decided)
    if kind == "inclusion":
        if not ctx.negated:
            raise Unsure
        condition = decided[0] if len(decided) == 1 else AnyOf(tuple(dict.fromkeys(decided)))
        return AllOf((Not(condition), Review(sentence))) if len(rules) > len(decided) else Not(condition)
    if ctx.negated:
        raise Unsure
    unique = tuple(dict.fromkeys(rules))
    return unique[0] if len(unique) == 1 else AnyOf(unique)


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


OTHER_TIME = re.compile(
    r"\b(?:previous(?:ly)?(?! (?:to|visit))|prior(?! to)|historical(?:ly)?|ever|at any time|"
    r"in the past|at (?:the time of )?(?:diagnosis|onset|disease onset)|target(?! (?:joints?|knee|"
    r"lesions?))|goal|aim|"
    r"excluding|except)\b"
)
"""A value at another time than now, or one aimed at or excepted ("previously DAS28 > 5.1",
"target DAS28 < 2.6"): not the patient's current value, so no comparison of it."""


def other_time(text: str) -> bool:
    """Whether ``text`` speaks of a measure at another time than now (see :data:`OTHER_TIME`)."""
    return bool(OTHER_TIME.search(normalise(text)))


def _measure(kind: str, item: str) -> Rule:
    """One comparison of a recognised measure in one item."""
    item = item.strip()
    if OTHER_TIME.search(item):
        raise Unsure
    # functional class
    fm = (
        None
        if re.search(r"new york heart|nyha|stage|kidney", item)
        else re.search(
            r"\b(?:(?:acr )?(?:global )?function(?:al)? (?:status |class(?:es)? |status of "
            r"class )?(?:in ra )?(?:of )?(?:class )?|class )((?:iv|iii|ii|i|[1-4])(?:(?:, | or | and "
            r"|,? or |-| - | to |\+)(?:iv|iii|ii|i|[1-4]))*)\b",
            item,
        )
    )
    if fm:
        values = sorted({_ROMAN[v] for v in re.findall(r"iv|iii|ii|i|[1-4]", fm.group(1))})
        if "-" in fm.group(1) or " to " in fm.group(1):
            values = list(range(values[0], values[-1] + 1))
        rest = item.replace(fm.group(0), " ")
        if _leftover(
            re.sub(
                r"\b(?:revised|classification|american college|rheumatology|"
                r"acr|1991|criteria|for|the|class|as|defined|by|global|status|functional|function|have|"
                r"has|ra|according|to|in|of|meets|subject|patients?|demonstrates|"
                r"is|are|with)\b",
                " ",
                rest,
            )
        ):
            raise Unsure
        parts = [Compare("functional_class", ">=", float(values[0]))] if values[0] > 1 else []
        parts += [Compare("functional_class", "<=", float(values[-1]))] if values[-1] < 4 else []
        if values != list(range(values[0], values[-1] + 1)):
            raise Unsure
        if not parts:
            return Note("any functional class")
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))
    # age
    am = re.search(r"\b(?:age[ds]?|age range|ages|of age|years old|years of age)\b", item) or re.fullmatch(
        rf"(?:{_OPRE} )?{_NUM}(?: - | to |-){_NUM} years|{_OPRE} {_NUM} years", item
    )
    if am:
        return _age(item)
    # joint counts
    if re.search(r"\b(?:tender|swollen|tjc|sjc)\b", item) and re.search(r"\d", item):
        return _joints(item)
    # liver
    for name, surface in zip(("alt", "ast"), lx.LIVER_SURFACE, strict=True):
        if re.search(rf"\b{surface}\b", item):
            lm = re.search(rf"{_OPRE} {_NUM} x uln|{_OPRE} uln", item)
            if not lm:
                raise Unsure
            op = lx.op_of(lm.group(1) or lm.group(3))
            return Compare(lx.LIVER[name], op, float(lm.group(2) or 1))
    for measure in lx.MEASURES:
        mm = re.search(rf"\b(?:{measure.surface})\b", item)
        if not mm:
            continue
        rest = item[: mm.start()] + " ¦ " + item[mm.end() :]
        return _compare(measure, rest)
    raise Unsure


def _compare(measure: lx.Measure, rest: str) -> Rule:
    pair = re.search(rf"{_NUM} {_OPRE} ¦ {_OPRE} {_NUM}", rest)
    if pair:
        low_op = {"<": ">", "<=": ">="}.get(pair.group(2))
        if low_op is None:
            raise Unsure
        rules = [
            _cmp(measure, low_op, float(pair.group(1)), ""),
            _cmp(measure, pair.group(3), float(pair.group(4)), ""),
        ]
        return _residue_ok(rest.replace(pair.group(0), " "), AllOf(tuple(rules)))
    rng = re.search(rf"(?:between |from )?{_NUM} ?(?:-|to|and) ?{_NUM} ?{_UNIT}", rest)
    if rng and "¦" in rest[: rng.start()]:
        low, high = float(rng.group(1)), float(rng.group(2))
        unit = rng.group(3) or ""
        rule: Rule = AllOf((_cmp(measure, ">=", low, unit), _cmp(measure, "<=", high, unit)))
        return _residue_ok(rest.replace(rng.group(0), " "), rule)
    cm = re.search(rf"{_OPRE} {_NUM} ?{_UNIT}", rest)
    if cm:
        rule = _cmp(measure, cm.group(1), float(cm.group(2)), cm.group(3) or "")
        return _residue_ok(rest.replace(cm.group(0), " "), rule)
    if re.search(r"(?:>|greater than|above) (?:the )?(?:uln|normal range)|elevated", rest):
        if measure.fact in lx.ULN_FACTS:  # above the lab's upper limit: > 1 x ULN by definition
            return _residue_ok(
                re.sub(r"(?:>|greater than|above) (?:the )?(?:uln|normal range)|elevated", " ", rest),
                Compare(lx.ULN_FACTS[measure.fact], ">", 1.0),
            )
    raise Unsure


def _cmp(measure: lx.Measure, op: str, value: float, unit: str) -> Rule:
    fact = measure.fact
    if unit == "x uln" and fact in lx.ULN_FACTS:
        return Compare(lx.ULN_FACTS[fact], lx.op_of(op), value)
    if not unit:
        if measure.default_unit is None:
            if fact == "hemoglobin_g_l":
                unit = "g/dl" if value < 25 else "g/l"
            else:
                raise Unsure
        else:
            unit = measure.default_unit
    scale = measure.units.get(unit, 1.0 if not measure.units else None)
    if scale is None:
        raise Unsure
    if measure.name == "DAS28":
        rule: Rule = AnyOf(
            (Compare("das28_esr", lx.op_of(op), value), Compare("das28_crp", lx.op_of(op), value))
        )
        return rule
    return Compare(fact, lx.op_of(op), round(value * scale, 4))


def _residue_ok(rest: str, rule: Rule) -> Rule:
    rest = _DEFINITION.sub(" ", rest)
    cleaned = re.sub(
        r"\b(?:score|level|count|value|concentration|serum|index|dl|"
        r"of|the|is|be|should|must|have|has|with|defined|as|by|at|both|"
        r"x10\^9/l|mg/dl|mg/l|mm/h|mm|cm|vas|kg/m2|confirmed|minutes|target joint)\b",
        " ",
        rest.replace("¦", " "),
    )
    if _leftover(cleaned):
        raise Unsure
    return rule


def _age(item: str) -> Rule:
    rng = re.search(rf"{_NUM} ?(?:-|to|and) ?{_NUM}", item)
    if rng:
        low, high = float(rng.group(1)), float(rng.group(2))
        if not 0 < low < high <= 120:
            raise Unsure
        rest = item.replace(rng.group(0), " ")
        rule: Rule = AllOf((Compare("age_years", ">=", low), Compare("age_years", "<=", high)))
    else:
        cm = re.search(rf"{_OPRE} {_NUM}", item)
        if not cm:
            raise Unsure
        rest = item.replace(cm.group(0), " ")
        rule = Compare("age_years", lx.op_of(cm.group(1)), float(cm.group(2)))
    left = re.sub(
        r"\b(?:age[ds]?|range|ranged|ranging|years|old|of|between|from|the|inclusive|group|ages|and|"
        r"or|over|older|patients|males?|females?|men|women|adults?|either|gender|sex|"
        r"both|sexes|subjects|must|be|should|are|is)\b",
        " ",
        rest,
    )
    if _leftover(left):
        raise Unsure
    return rule


def _joints(item: str) -> Rule:
    basis_m = re.search(
        r"\b(?:of|out of|based on|using|counting|on)? ?(?:a )?(28|66|68)[ -]?"
        r"(?:joints?|joint counts?|joint assessment)?\b|/ ?(28|66|68)\b",
        item,
    )
    basis = (basis_m.group(1) or basis_m.group(2)) if basis_m else None
    rest = item.replace(basis_m.group(0), " ") if basis_m else item
    cm = re.search(rf"{_OPRE}? ?{_NUM}\b", rest)
    if not cm or cm.group(1) is None:
        raise Unsure
    op, value = lx.op_of(cm.group(1)), float(cm.group(2))
    rest = rest.replace(cm.group(0), " ", 1)
    tender = re.search(r"\b(?:tender(?:ness)?|painful|tjc)\b", rest)
    swollen = re.search(r"\b(?:swollen|swelling|sjc)\b", rest)
    if bool(tender) == bool(swollen):
        raise Unsure
    left = re.sub(
        r"\b(?:tender(?:ness)?|painful|tjc|swollen|sjc|joints?|count|number|of|the|and|"
        r"or|on motion|motion|should|be|must|have|joint|excluding distal "
        r"interphalangeal|dip)\b",
        " ",
        _DEFINITION.sub(" ", rest),  # "meets the minimum disease activity criteria: ..."
    )
    if _leftover(left):
        raise Unsure
    prefix = "tjc" if tender else "sjc"
    large = "tjc68" if tender else "sjc66"
    small = f"{prefix}28"
    if basis == "28":
        return Compare(small, op, value)
    if basis in ("66", "68"):
        return Compare(large, op, value)
    if op in (">", ">="):
        return AnyOf((Compare(small, op, value), Compare(large, op, value)))
    raise Unsure


_CLASSIFICATION = re.compile(
    r"\b(?:(?:revised )?(?:\(?(?:1987|2010)\)? )?(?:american college of rheumatology|acr|"
    r"american rheumatism association|ara|acr/eular|eular/acr|acr eular)(?: ?/ ?(?:european "
    r"(?:league against rheumatism|alliance of associations for rheumatology)|eular))?"
    r"(?: \(?acr ?/ ?eular\)?)?(?: \(?(?:1987|2010)\)?)?(?: revised)?(?: classification)? "
    r"(?:criteria|classification criteria)(?: \(?(?:1987|2010)\)?)?"
    r"(?: for (?:the classification of )?ra)?)"
)


_CLASS_WORDS = re.compile(
    r"\b(?:1987|2010|2009|or|and|and/or|diagnosis|diagnosed|meets?|meeting|according|classified|"
    r"determined|defined|as|by|of|the|has|have|ra|with|subjects?|patients?|participants?|must|be|"
    r"will|a|an|physician|adult|onset|based|on|made|established|classification|criteria|revised|"
    r"rheumatology|clinically|documented|definite|who|are|is|american|college|acr|eular|"
    r"european|league|against|rheumatism|association|alliance|associations|for|ara|acr/eular|"
    r"eular/acr|to|in|active|at|least|any|point|during|some|period|new|standard|classif\w*|"
    r"diagnostic)\b"
)


def _classification(kind: str, sentence: str) -> Rule:
    years = set(re.findall(r"\b(1987|2010)\b", sentence))
    if (
        kind != "inclusion"
        or not years
        or not re.search(r"\bcriteria\b", sentence)
        or not re.search(r"\b(?:acr|american college|eular|american rheumatism|ara)\b", sentence)
    ):
        raise Unsure
    if _leftover(_CLASS_WORDS.sub(" ", sentence)) or re.search(r"\bnot\b|\bnor\b", sentence):
        raise Unsure
    flags = [Flag("meets_acr_1987")] if "1987" in years else []
    flags += [Flag("meets_acr_eular_2010")] if "2010" in years else []
    if (
        len(flags) == 2
        and re.search(r"\band\b(?! ?/)", sentence)
        and not re.search(r"\bor\b|and/or", sentence)
    ):
        return AllOf(tuple(flags))
    return flags[0] if len(flags) == 1 else AnyOf(tuple(flags))


def _duration(kind: str, sentence: str) -> Rule:
    """Time since diagnosis or since symptoms began."""
    if not re.search(
        r"\b(?:diagnos\w*|duration|symptoms?|disease|illness|onset|established|"
        r"history of ra|ra of|ra for)\b|\bra (?=(?:>=|<=|>|<) \d+(?:\.\d+)? (?:days|weeks|"
        r"months|years)\b)",
        sentence,
    ) or re.search(r"\b(?:age|aged|old|of age)\b", sentence):
        raise Unsure
    if re.search(r"\bdiagnos\w*\b", sentence) and re.search(
        r"\bsymptoms?\b|\bonset of (?:symptoms|disease|ra)\b|\b(?:symptom|disease) onset\b", sentence
    ):
        raise Unsure  # "diagnosis of RA with >= 6 months of symptoms": which clock is meant
    fact = "diagnosis_months" if re.search(r"\bdiagnos\w*\b", sentence) else "disease_duration_months"
    cm = re.search(rf"{_OPRE} {_NUM} (days|weeks|months|years)", sentence)
    rng = re.search(
        rf"{_NUM} (days|weeks|months|years)? ?(?:-|to) {_NUM} (days|weeks|months|years)", sentence
    )
    scale = {"days": 1 / 30.4375, "weeks": 7 / 30.4375, "months": 1.0, "years": 12.0}
    if rng:
        low = float(rng.group(1)) * scale[rng.group(2) or rng.group(4)]
        high = float(rng.group(3)) * scale[rng.group(4)]
        rule: Rule = AllOf((Compare(fact, ">=", round(low, 4)), Compare(fact, "<=", round(high, 4))))
        rest = sentence.replace(rng.group(0), " ")
    elif cm:
        rule = Compare(fact, lx.op_of(cm.group(1)), round(float(cm.group(2)) * scale[cm.group(3)], 4))
        rest = sentence.replace(cm.group(0), " ")
        more = re.search(rf"{_OPRE} {_NUM} (days|weeks|months|years)", rest)
        if more:
            rule = AllOf(
                (
                    rule,
                    Compare(
                        fact, lx.op_of(more.group(1)), round(float(more.group(2)) * scale[more.group(3)], 4)
                    ),
                )
            )
            rest = rest.replace(more.group(0), " ")
    elif wm := re.search(
        r"\b(?:with ?in|in) (?:the )?(?:last|past|previous|preceding) "
        r"(\d+(?:\.\d+)?) (days|weeks|months|years)\b",
        sentence,
    ):
        # "diagnosed within the last 2 years": at most that long ago
        rule = Compare(fact, "<=", round(float(wm.group(1)) * scale[wm.group(2)], 4))
        rest = sentence.replace(wm.group(0), " ")
    else:
        raise Unsure
    rest = _CLASSIFICATION.sub(" ", rest)
    rest = re.sub(
        r"\b(?:1987|2010|diagnos\w*|duration|disease|illness|ra|symptoms?|onset|of|"
        r"with|has|have|had|for|made|prior|to|screening|the|a|an|since|established|"
        r"adult|early|should|last|lasting|started|that|at|least|and|before|according|"
        r"as|defined|by|criteria|be|must|who|subjects?|patients?|documented|"
        r"rheumatology|acr|eular|revised|classification|been|from|which|"
        r"first|dosing|trial|product|randomization|baseline|or)\b",
        " ",
        rest,
    )
    if _leftover(rest):
        raise Unsure
    return rule


def _flags(kind: str, sentence: str) -> Rule:
    """Serology, erosions, pregnancy tests: a short list of yes/no facts."""
    s = sentence
    rules: list[Rule] = []
    table = (
        (
            r"\b(?:rheumatoid factor|rf)(?: and/or | or )(?:anti ccp\w*|acpa|anti cyclic citrullinated "
            r"peptide(?: \d)?(?: antibod(?:y|ies)| autoantibod(?:y|ies))?)(?: \(?anti ccp\)?)?"
            r" ?(?:positive|positivity|seropositiv\w*)?",
            AnyOf((Flag("rf_positive"), Flag("acpa_positive"))),
        ),
        (r"\b(?:positive (?:for )?)?(?:rheumatoid factor|rf)(?: positive| positivity)?", Flag("rf_positive")),
        (
            r"\b(?:positive (?:for )?)?(?:anti ccp\w*(?: \d)?|acpa|anti citrullinated protein "
            r"antibod(?:y|ies)|anti cyclic citrullinated peptide(?: \d)?(?: antibod(?:y|ies)| "
            r"autoantibod(?:y|ies))?)(?: positive| positivity)?",
            Flag("acpa_positive"),
        ),
    )
    if not re.search(r"\bpositiv\w*|seropositiv\w*", s):
        raise Unsure
    for regex, rule in table:
        if re.search(regex, s):
            rules.append(rule)
            s = re.sub(regex, " ", s)
    s = re.sub(
        r"\b(?:positiv\w*|for|are|is|be|must|and|or|have|has|with|according|central|lab|"
        r"laboratory|testing|test|at|during|screening|seropositiv\w*|patients?|"
        r"subjects?|who)\b",
        " ",
        s,
    )
    if not rules or _leftover(s) or kind != "inclusion":
        raise Unsure
    return rules[0] if len(rules) == 1 else AllOf(tuple(rules))


_TRIAL = re.compile(
    r"\b(?:participat\w*|enrol\w*|took part|taking part|involved)(?: in)? (?:another|a|other|any "
    r"other|any|an|other)? ?(?:interventional )?(?:clinical )?(?:trials?|stud(?:y|ies)|research)"
    r"(?: of (?:another|an?) (?:investigational|ethical) (?:drug|product|medical device)"
    r"(?: or medical device)?)?"
)
_INVESTIGATIONAL = re.compile(
    r"\b(?:an? |another |other )?(?:investigation(?:al)?|experimental|study) (?:drugs?|products?|"
    r"agents?|therap(?:y|ies)|medicinal products?|treatments?|medications?)"
)


def _participation(kind: str, sentence: str) -> Rule:
    """Recent trial participation or investigational drug (an exclusion)."""
    if kind != "exclusion":
        raise Unsure
    # "within 30 days or 5 half-lives, whichever is longer": 30 days suffice to exclude, the
    # half-lives stay review; "whichever is shorter" would not suffice
    half = re.search(
        r",? or (?:\d+ |five )?(?:\(?\d+\)? )?half ?lives?(?: of (?:the )?(?:drug|product|agent))?"
        r",?(?: \(?whichever is (longer|shorter|greater)\)?)?",
        sentence,
    )
    if half and half.group(1) != "longer" and half.group(1) != "greater":
        raise Unsure
    if half:
        sentence = sentence.replace(half.group(0), " ")
    ctx, rest = _context(sentence)
    trial, drug = _TRIAL.search(rest), _INVESTIGATIONAL.search(rest)
    if (
        trial
        and drug
        and re.search(
            r"\b(?:with|of|involving|using|testing|receiving) "
            + _INVESTIGATIONAL.pattern.removeprefix("\\b"),
            rest,
        )
    ):
        rest, drug = _INVESTIGATIONAL.sub(" ", rest), None  # a trial of an investigational product
        rest = re.sub(r"\b(?:with|of|involving|using|testing|receiving)\b", " ", rest)
    if ctx.within_weeks is None or ctx.windows != 1 or bool(trial) == bool(drug) or ctx.negated:
        raise Unsure
    rest = (_TRIAL if trial else _INVESTIGATIONAL).sub(" ", rest)
    if _leftover(
        re.sub(
            r"\b(?:another|other|any|clinical|trials?|stud(?:y|ies)|post marketing|"
            r"or|subject|patient|has|have|the|of|ethical|drugs?|medical devices?|"
            r"interventional|research|current|previous)\b",
            " ",
            rest,
        )
    ):
        raise Unsure
    rule = (
        Compare("trial_participation_months_ago", "<=", round(ctx.within_weeks * 7 / 30.4375, 4))
        if trial
        else Compare("investigational_drug_weeks_ago", "<=", round(ctx.within_weeks, 4))
    )
    return AnyOf((rule, Review(sentence))) if half else rule


# Dated events: an exclusion of a recent event of a kind the facts date ("serious infection
# within 8 weeks", "major surgery less than 2 months prior to study start", "live vaccine in the
# last 4 weeks", "an ongoing infection requiring antibiotics").
_TREATMENT = (
    r"(?:systemic |oral |intravenous |iv |parenteral |oral or (?:intravenous|iv|parenteral) )*"
    r"(?:antibiotics?|antibiotic (?:treatment|therapy)|anti ?infect(?:ives?|ious (?:treatment|"
    r"therapy|agents?))|antivirals?|antimicrobials?|antifungals?|treatment|therapy)"
    r"(?: (?:against|for) (?:the |an )?infection)?"
)
_EVENTS = (
    (
        r"(?:serious|severe) (?:infections?|infectious diseases?)(?: (?:requiring|that required|"
        r"needing|leading to) (?:hospitali[sz]ation|intravenous antibiotics|iv antibiotics)"
        r"(?:,? (?:or|and/or) (?:hospitali[sz]ation|intravenous antibiotics|iv antibiotics))?)?",
        "serious_infection_weeks_ago",
    ),
    (
        rf"(?:infections?|infectious diseases?)(?: or (?:infections?|infectious diseases?))? "
        rf"(?:requiring|that required|needing|which required|treated with)(?: treatment with)? "
        rf"{_TREATMENT}",
        "infection_weeks_ago",
    ),
    (
        r"(?:(?:major|joint|orthopa?edic) )?surgery (?:on|of|to) (?:a|any|the) (?:weight bearing )?"
        r"joints?|(?:major|joint|orthopa?edic|joint replacement) surger(?:y|ies)|"
        r"(?:total )?joint replacement|arthroplasty",
        "major_surgery_weeks_ago",
    ),
    (
        r"(?:vaccination|immuni[sz]ation) with (?:a |any )?live(?: attenuated)? (?:virus )?"
        r"vaccines?|(?:receipt of |received )?(?:a |any )?live(?: attenuated)?(?: virus)? "
        r"(?:vaccines?|vaccinations?)",
        "live_vaccine_weeks_ago",
    ),
)
_PLANNED = re.compile(
    r"\b(?:plans? to (?:have|undergo)|planned|scheduled|anticipated|expected to (?:have|need|"
    r"undergo)|need for|will require) (?:an? |any )?(?:major |joint |elective )*(?:or (?:other )?"
    r"(?:major |joint )?)?(?:surger(?:y|ies)|joint replacement|arthroplasty)"
    r"(?: (?:or (?:other )?)?(?:major |joint )*surgery)?(?: (?:during|throughout|within) (?:the )?"
    r"(?:course of the )?(?:study|trial)(?: period)?)?"
    r"|\b(?:major |joint )?surgery (?:is )?(?:planned|scheduled) (?:during|within) (?:the )?"
    r"(?:study|trial)(?: period)?"
)
_EVENT_WINDOW = re.compile(
    r"\b(?:with ?in|in|during|over) (?:the )?(?:last |past |previous |prior |preceding )?"
    r"(?:(?P<op1><=?) )?(?P<n1>\d+(?:\.\d+)?) (?P<u1>days|weeks|months|years)"
    r"|(?:(?P<op2><=?) )?\b(?P<n2>\d+(?:\.\d+)?) (?P<u2>days|weeks|months|years)(?= (?:prior to|"
    r"before|of|preceding))"
    r"|(?P<op>[<]=?) (?P<n3>\d+(?:\.\d+)?) (?P<u3>days|weeks|months|years)\b"
    r"|\bwith ?in (?:the )?(?:last |past )?(?P<u4>month|week|year)\b"
)
_EVENT_TAIL = re.compile(
    r"\b(?:prior to|before|of|preceding) (?:the )?(?:start of (?:the )?)?(?:study|trial|"
    r"screening|baseline|randomization|enrol+ment|days? 1|first (?:dose|administration)(?: of (?:the )?"
    r"study (?:drug|treatment|medication))?|day 1|informed consent|study (?:start|entry|drug|"
    r"treatment))(?: (?:start|entry|visit))?\b"
)
_CURRENT_EVENT = re.compile(r"\b(?:ongoing|active|current(?:ly)?|present|acute)\b")


def _event_window(s: str) -> tuple[float | None, str, Literal["<", "<="]]:
    found = list(_EVENT_WINDOW.finditer(s))
    if len(found) > 1:
        raise Unsure
    if not found:
        return None, s, "<="
    m = found[0]
    if re.search(r"(?:>|>=) $", s[: m.start()]):
        raise Unsure  # "more than 4 weeks ago": the other direction
    if m.group("u4"):
        weeks = _TO_WEEKS[m.group("u4")]
    else:
        number, unit = next((m.group(f"n{i}"), m.group(f"u{i}")) for i in (1, 2, 3) if m.group(f"n{i}"))
        weeks = float(number) * _TO_WEEKS[unit]
    op: Literal["<", "<="] = "<" if (m.group("op") or m.group("op1") or m.group("op2")) == "<" else "<="
    return round(weeks, 4), s[: m.start()] + " ¦ " + s[m.end() :], op


_ANY_SURGERY = re.compile(
    r"\b(?:(?:any|a) )?(?:surger(?:y|ies)|surgical (?:procedures?|interventions?|operations?)|"
    r"operations?)\b"
)


def _events(kind: str, sentence: str) -> Rule:
    """Exclusion of a recent dated event, or the inclusion "no ... " of one (its negation)."""
    negated = bool(
        re.match(
            r"(?:no|absence of|free of|without|(?:must|should) not have"
            r"(?: had)?|has not had|have not had|did not have|not had) ",
            sentence,
        )
    )
    if (kind == "inclusion") != negated:
        raise Unsure
    s = re.sub(
        r"^(?:no|absence of|free of|without|(?:must|should) not have(?: had)?|"
        r"has not had|have not had|did not have|not had) ",
        "",
        sentence,
    )
    rules: list[Rule] = []
    if _PLANNED.search(s):
        rules.append(Flag("surgery_planned"))
        s = _PLANNED.sub(" ¦ ", s)
    weeks, s, op = _event_window(s)
    s = _EVENT_TAIL.sub(" ", s)
    for regex, fact in _EVENTS:
        if re.search(rf"\b(?:{regex})\b", s):
            if weeks is None and not (fact == "infection_weeks_ago" and _CURRENT_EVENT.search(s)):
                raise Unsure  # an event without a window: ever, which the facts cannot show
            rules.append(Compare(fact, op, weeks) if weeks is not None else Compare(fact, "<=", 0.0))
            s = re.sub(rf"\b(?:{regex})\b", " ¦ ", s)
    partial = False
    if not rules and weeks is not None and _ANY_SURGERY.search(s):
        rules.append(Compare("major_surgery_weeks_ago", op, weeks))  # major is one kind of any
        s = _ANY_SURGERY.sub(" ¦ ", s)
        partial = True
    if not rules or _NEGATION.search(s) or _PERMISSIVE.search(s) or _SITE.search(s):
        raise Unsure
    left = re.sub(
        r"\b(?:chronic|ongoing|active|current(?:ly)?|acute|recent|recently|any|other|"
        r"a|an|or|and|and/or|to|the|plans?|have|had|has|history|of|<|<=|less|than|"
        r"ago|requiring|surgery)\b|¦|,",
        " ",
        s,
    )
    rules = list(dict.fromkeys(rules))
    unexplained = bool(_leftover(left)) or partial
    condition: Rule = rules[0] if len(rules) == 1 else AnyOf(tuple(rules))
    if unexplained:
        condition = AnyOf((*rules, Review(sentence)))
    return Not(condition) if negated else condition


# Chronic kidney disease stages as eGFR bounds (mL/min/1.73 m2): KDIGO 2012 Clinical Practice
# Guideline for the Evaluation and Management of CKD, GFR categories G3a 45-59, G3b 30-44,
# G4 15-29, G5 < 15. An exclusion of "stage 3b or worse" is eGFR below the top of G3b.
_CKD_TOP = {
    "3": 60.0,
    "3a": 60.0,
    "iii": 60.0,
    "iiia": 60.0,
    "3b": 45.0,
    "iiib": 45.0,
    "4": 30.0,
    "iv": 30.0,
    "5": 15.0,
    "v": 15.0,
}
_CKD_ORDER = ("3a", "3b", "4", "5")
_CKD_SAME = {"3": "3a", "iii": "3a", "iiia": "3a", "iiib": "3b", "iv": "4", "v": "5"}
_CKD = re.compile(
    r"^(?:(?:history of|known|current|presence of|patients? with|subjects? with) )?"
    r"(?:chronic kidney disease|chronic renal (?:disease|failure|insufficiency)|ckd)"
    r"(?: ckd)? (?:stage|grade|category|g) ?(>= )?((?:(?:3a|3b|iiia|iiib|iii|iv|v|[345])(?:, ?| or | and |"
    r", or |/| ?- ?| to )?)+)(?: (or|and) (?:higher|above|greater|worse|more severe))?$"
)


def _ckd(kind: str, sentence: str) -> Rule:
    text = re.sub(r"\b3 ([ab])\b", r"3\1", sentence).replace("+", " or higher")
    m = _CKD.match(text)
    if m is None or kind != "exclusion":
        raise Unsure
    stages = [_CKD_SAME.get(x, x) for x in re.findall(r"3a|3b|iiia|iiib|iii|iv|v|[345]", m.group(2))]
    ranged = bool(re.search(r"-| to ", m.group(2)))
    first = min(_CKD_ORDER.index(x) for x in stages)
    last = max(_CKD_ORDER.index(x) for x in stages)
    listed = sorted({_CKD_ORDER.index(x) for x in stages})
    if last != len(_CKD_ORDER) - 1 and not (m.group(1) or m.group(3)):
        raise Unsure  # "stage 3 or 4" only: an upper bound the facts would need
    if not ranged and listed != list(range(first, last + 1)):
        raise Unsure
    return Compare("egfr_ml_min", "<", _CKD_TOP[_CKD_ORDER[first]])


_CONTRACEPTION = re.compile(
    r"^(?:(?:female |sexually active )?(?:women|females|patients|subjects|participants)(?: patients| subjects)? "
    r"(?:of|with) (?:child ?bearing|reproductive) potential|wocbp)(?: \(wocbp\))? (?:must|should|"
    r"need to|have to|are required to|will) (?:be )?(?:use|using|practi[cs]e|on)"
    r" (?:an? |one )?(?:highly |medically )?(?:effective|adequate|reliable|acceptable)? ?"
    r"(?:and (?:reliable|effective) )?(?:methods? of |forms? of )?(?:contraception|birth control|"
    r"contraceptive(?: methods?| measures?)?)(.*)$"
)


def _contraception(kind: str, sentence: str) -> Rule:
    """Applies only if: "women of child-bearing potential must use effective contraception".
    A commitment for the future ("during the study and for 3 months after") is the site's."""
    m = _CONTRACEPTION.match(sentence)
    if m is None or kind != "inclusion" or _NEGATION.search(sentence):
        raise Unsure
    uses: Rule = Flag("uses_contraception")
    if m.group(1).strip(" ,."):
        if not re.match(r"\s*,? ?(?:during|throughout|for|until|and (?:for|until))\b", m.group(1)):
            raise Unsure
        uses = AllOf((uses, Site(sentence)))
    return AnyOf((Not(Flag("childbearing_potential")), uses))


_RENAL = re.compile(
    r"^(?:(?:known|history of|presence of|current|evidence of|patients? with|subjects? with|"
    r"has|have) )*(?P<grade>severe |severely |moderate to severe |moderate or severe )?"
    r"(?:(?:renal|kidney) (?:function )?(?:impairment|insufficiency|dysfunction|failure)|"
    r"impaired (?:renal|kidney) function|(?P<low>decreased|reduced) (?:renal|kidney) function)$"
)
_RENAL_MEMBERS = (
    "renal failure",
    "kidney failure",
    "renal insufficiency",
    "renal impairment",
    "end-stage renal disease",
    "dialysis",
)


def _renal(kind: str, sentence: str) -> Rule:
    """ "Renal impairment", "severe renal insufficiency", "impaired kidney function": an eGFR
    below the KDIGO 2012 bound of the grade (below 60: decreased, G3a-G5; "severe", below 30:
    G4-G5) or a named kidney failure decides; the rest stays review (a creatinine, a
    clearance or a judgement may be meant). "Moderate" grades are not modelled."""
    m = _RENAL.match(sentence.strip(" ."))
    if not m or kind != "exclusion":
        raise Unsure
    severe = m.group("grade") is not None
    bound = lx.SEVERE_RENAL_IMPAIRMENT_EGFR if severe else lx.RENAL_IMPAIRMENT_EGFR
    members = (
        ("renal failure", "kidney failure", "end-stage renal disease", "dialysis")
        if severe
        else _RENAL_MEMBERS
    )
    return AnyOf((Compare("egfr_ml_min", "<", bound), InList("conditions", members), Review(sentence)))


_WOCBP = (
    r"(?:(?:female |sexually active )?(?:women|females|patients|subjects|participants)"
    r"(?: patients| subjects)? (?:of|with) (?:child ?bearing|reproductive) potential|wocbp)"
    r"(?: \(wocbp\))?"
)
_PREGNANCY_TEST = re.compile(
    rf"^(?:{_WOCBP} (?:must |should |will )?(?:have |has |with )?)?(?:a )?negative (?:serum |urine |"
    r"blood )?(?:beta ?hcg |b ?hcg |hcg )?pregnancy tests?(?: results?)?"
    rf"(?: (?:for|in) {_WOCBP})?$"
)


def _pregnancy_test(kind: str, sentence: str) -> Rule:
    """ "A negative pregnancy test (for women of child-bearing potential)": not pregnant (a
    man or a woman who cannot become pregnant is not pregnant; absent, unknown)."""
    if kind != "inclusion" or not _PREGNANCY_TEST.match(sentence.strip(" .")):
        raise Unsure
    return Not(Flag("pregnant"))


_ULN_WORDS = re.compile(
    r"^(?:(?:known|evidence of|presence of|patients? with|subjects? with|has|have|clinically) )*"
    r"(?:abnormal|elevated|raised|increased|high) (?:liver (?:function )?(?:tests?|enzymes?|"
    r"transaminases?|function)|transaminases?|hepatic (?:enzymes?|transaminases?)|alt (?:and|or|"
    r"and/or) ast|ast (?:and|or|and/or) alt|lfts?)$"
)


def _liver_tests(kind: str, sentence: str) -> Rule:
    """An exclusion "abnormal (elevated) liver tests / transaminases": ALT or AST above the
    lab's upper limit of normal is abnormal by that limit's definition; other liver tests
    (bilirubin, alkaline phosphatase) and the site's own cut-off stay review."""
    if kind != "exclusion" or not _ULN_WORDS.match(sentence.strip(" .")):
        raise Unsure
    return AnyOf((Compare("alt_x_uln", ">", 1.0), Compare("ast_x_uln", ">", 1.0), Review(sentence)))


_SEROPOSITIVE = re.compile(
    r"^(?:(?:patients?|subjects?|participants?) (?:with |must (?:have|be) |should (?:have|be) )?)?"
    r"(?:seropositive|sero positive)(?: (?:ra|disease))?$"
)


def _seropositive(kind: str, sentence: str) -> Rule:
    """ "Seropositive RA": rheumatoid factor or anti-CCP positive (the two serological
    criteria of the 2010 ACR/EULAR classification, Aletaha D et al, Arthritis Rheum
    2010;62:2569-81)."""
    if kind != "inclusion" or not _SEROPOSITIVE.match(sentence.strip(" .")):
        raise Unsure
    return AnyOf((Flag("rf_positive"), Flag("acpa_positive")))


_EROSION = re.compile(
    r"^(?:(?:patients?|subjects?) (?:with|must have|should have|having) )?(?:erosive (?:disease|ra)|"
    r"(?:(?:the )?(?:presence|"
    r"evidence|radiographic evidence|radiological evidence|documented evidence) of )?(?:>= 1 |a |an |"
    r"any |one or more )?(?:(?:bone|radiographic|radiological|joint) )?erosions?(?: (?:on|in|by) "
    r"(?:an? |the )?(?:(?:hands?|feet|foot)(?: (?:and|or|and/or) (?:hands?|feet|foot))? )?"
    r"(?:x ?rays?|radiographs?|radiography|imaging))?"
    r"(?: of (?:the )?(?:hands?|feet|hands? (?:and|or) feet))?)$"
)


def _erosions(kind: str, sentence: str) -> Rule:
    """ "At least one erosion on X-ray", "erosive disease": erosions on radiographs (a
    count above one is not modelled: the fact is yes/no)."""
    if kind != "inclusion" or not _EROSION.fullmatch(sentence.strip(" .")):
        raise Unsure
    return Flag("erosions")


# Obesity by body-mass index: WHO, "Obesity: preventing and managing the global epidemic",
# Technical Report Series 894 (2000), table 2.1: obese BMI >= 30 kg/m2, obese class III
# BMI >= 40 kg/m2. "Morbid" obesity is class III, or BMI >= 35 with an obesity-related
# illness (NIH Consensus Development Conference on gastrointestinal surgery for severe
# obesity, 1991): BMI >= 40 decides, the rest stays review.
_OBESITY = re.compile(
    r"^(?:(?:known|history of|presence of|current|patients? with|subjects? with|has|have|be|is|are|"
    r"who (?:is|are)) )*(?P<morbid>morbid(?:ly)? |class iii |grade iii )?(?:obes(?:e|ity))"
    r"(?: \(?(?:bmi|body mass index)\)?)?$"
)


def _obesity(kind: str, sentence: str) -> Rule:
    """ "Obesity": BMI >= 30 (WHO) or a diagnosis of obesity; "morbid obesity", "morbidly
    obese", "class III obesity": BMI >= 40 or a diagnosis of morbid obesity, with a review part
    (BMI >= 35 with a related illness is morbid too). Exclusions only (the negated inclusion
    "must not be morbidly obese" reaches here as its exclusion). Graded words other than
    these ("severe obesity": class II or III by different sources) stay review."""
    m = _OBESITY.match(sentence.strip(" ."))
    if m is None or kind != "exclusion":
        raise Unsure
    if m.group("morbid"):
        return AnyOf(
            (
                Compare("bmi_kg_m2", ">=", lx.CLASS_III_OBESITY_BMI),
                InList("conditions", ("morbid obesity", "class iii obesity")),
                Review(sentence),
            )
        )
    return AnyOf((Compare("bmi_kg_m2", ">=", lx.OBESITY_BMI), InList("conditions", ("obesity", "obese"))))


_ALLERGY = re.compile(
    r"^(?:(?:a |any )?(?:known|history of|documented|prior|previous|suspected|with|has|have|had|"
    r"patients? with|subjects? with|presence of) )*(?:an? )?(?:hypersensitivity|allergy|allergies|"
    r"allergic reactions?|anaphylaxis|anaphylactic reactions?|allergic)(?: reactions?)? "
    r"(?:to|against) (?P<drugs>.+)$"
)
_ALLERGY_JOIN = re.compile(r"(?:\s|¦|,|/|\bor\b|\band\b|\band/or\b|\bthe\b|\bany\b|\bof\b)*")


def _allergy(kind: str, sentence: str) -> Rule:
    """ "(Known) hypersensitivity / allergy / anaphylaxis to X (or Y)": the drugs or classes
    named are on the patient's ``drug_allergies``. Every word after "to" must be a named drug
    or class or a joining word: "other biologics", "any component of", "murine proteins" or
    "excipients" stay review or the site's (:data:`_STUDY_DRUG_ALLERGY`). Exclusions only."""
    m = _ALLERGY.match(sentence.strip(" ."))
    if m is None or kind != "exclusion":
        raise Unsure
    names, rest = _drugs_in(m.group("drugs"))
    if not names or not _ALLERGY_JOIN.fullmatch(rest):
        raise Unsure
    return InList("drug_allergies", tuple(names))


_IGRA = (
    r"(?:quantiferon|qft)(?: ?-? ?tb)?(?: gold)?(?: plus| in ?-? ?tube| it)?(?: \(?qft(?: ?-? ?\w+)?\)?)?"
    r"|interferon ?-? ?gamma release assays?(?: \(?igra\)?)?|igra|t ?-? ?spot(?: ?\.? ?tb)?"
)
_TST = (
    r"tuberculin skin tests?(?: \(?tst\)?)?(?: \(?ppd\)?)?|tuberculin tests?|tst|purified protein "
    r"derivative(?: \(?ppd\)?)?(?: skin tests?)?|ppd(?: skin tests?)?|mantoux(?: tests?)?"
)
_ANY_TB_TEST = r"(?:tb|tuberculosis) (?:screening )?tests?|tests? for (?:latent )?(?:tb|tuberculosis)"
_TB_TEST_FILLER = re.compile(
    r"\b(?:results?|tests?|testing|assays?|screening|screen|at|during|on|a|an|the|or|and/or|for|"
    r"known|confirmed|documented|have|has|with|patients?|subjects?|participants?|must|be|is|are|"
    r"blood|skin)\b"
)


def _tb_test(kind: str, sentence: str) -> Rule:
    """A positive tuberculosis test (an exclusion) or a negative one (an inclusion): the
    interferon-gamma release assay (QuantiFERON, T-SPOT.TB) and the tuberculin skin test
    (PPD, Mantoux) are facts of their own; a test named without its kind ("positive TB test")
    is either, in an exclusion only. A cut-off ("PPD >= 5 mm"), an indeterminate result or
    anything else said leaves it unsure."""
    s = sentence
    result = re.findall(r"\b(?:positive|negative|positivity|negativity)\b", s)
    if len(set(result)) != 1 or re.search(r"\d|indeterminate|borderline|equivocal", s):
        raise Unsure
    positive = result[0].startswith("positiv")
    facts: list[str] = []
    for regex, names in ((_IGRA, ("igra_positive",)), (_TST, ("tst_positive",))):
        if re.search(rf"\b(?:{regex})\b", s):
            facts += names
            s = re.sub(rf"\b(?:{regex})\b", " ¦ ", s)
    if re.search(rf"\b(?:{_ANY_TB_TEST})\b", s):
        if kind != "exclusion":
            raise Unsure  # which test was negative: not said
        facts += ["igra_positive", "tst_positive"]
        s = re.sub(rf"\b(?:{_ANY_TB_TEST})\b", " ¦ ", s)
    if not facts:
        raise Unsure
    left = _TB_TEST_FILLER.sub(" ", re.sub(r"\b(?:positive|negative|positivity|negativity)\b", " ", s))
    if _leftover(left.replace("¦", " ")) or re.search(r"\b(?:and(?!/or)|with)\b", s):
        raise Unsure  # "positive PPD and chest x-ray": another concept, or both tests needed
    flags = tuple(Flag(f) for f in dict.fromkeys(facts))
    if kind == "exclusion" and positive:
        return flags[0] if len(flags) == 1 else AnyOf(flags)
    if kind == "inclusion" and not positive:  # a negative result in either test named
        nots = tuple(Not(f) for f in flags)
        return nots[0] if len(nots) == 1 else AnyOf(nots)
    raise Unsure


_SMOKER = (
    r"(?:current(?:ly)? |active |regular |daily )?(?:tobacco |cigarette )?(?:smok(?:ers?|ing|es|e)|"
    r"smoker status)"
)


def _smoking(kind: str, sentence: str) -> Rule:
    """Smoking now: an exclusion "(current) smokers", "smoking" is the ``current_smoker``
    fact; "history of smoking", "former or current smokers", "tobacco use" need more than
    smoking now (which suffices): a review part. An inclusion "non-smoker", "must not smoke"
    is its negation; "never smoked" needs more (a review part). An amount, a window or a
    grade ("heavy", "> 10 cigarettes a day", "within 6 months") leaves it unsure."""
    s = re.sub(
        r"^(?:(?:patients?|subjects?|participants?|who|are|is|be|must|should|a|an) )*", "", sentence
    ).strip()
    if re.search(r"\d|heavy|pack|cigarettes (?:per|a)|quit|stopp|cessation|nicotine replacement|vap", s):
        raise Unsure
    more = re.compile(
        r"^(?:(?:a )?(?:history of|former or current|current or former|past or current|ever|any) )"
        rf"(?:{_SMOKER})$|^(?:{_SMOKER})(?: history| or (?:other )?tobacco use)$|^(?:tobacco|nicotine) use$|"
        r"^(?:use of|uses?) tobacco$"
    )
    if kind == "exclusion":
        if re.fullmatch(_SMOKER, s):
            return Flag("current_smoker")
        if more.match(s):
            return AnyOf((Flag("current_smoker"), Review(sentence)))
        raise Unsure
    if re.fullmatch(
        r"(?:a )?(?:non ?smok(?:ers?|ing)|not (?:a )?(?:current )?smok(?:er|e|ing)|do(?:es)? not smoke|"
        r"no (?:current )?smoking|not smoke|non ?smoker status)",
        s,
    ):
        return Not(Flag("current_smoker"))
    if re.fullmatch(r"(?:a )?(?:never smok(?:ers?|ed)|lifelong non ?smokers?|have never smoked)", s):
        return AllOf((Not(Flag("current_smoker")), Review(sentence)))
    if re.fullmatch(_SMOKER, s) and s.startswith("current"):
        return Flag("current_smoker")
    raise Unsure


_INDEX = (
    ("das28", r"das28 (?:esr|crp)|das28|das|disease activity score", None),
    ("cdai", r"cdai|clinical disease activity index", None),
    ("sdai", r"sdai|simplified disease activity index", None),
)
_LEVEL = r"(?:remission|low|moderate(?:ly)?|high|severe(?:ly)?)"
_LEVELS = re.compile(rf"{_LEVEL}(?: ?(?:to|or|and/or|-|/) ?{_LEVEL})*")
_LEVEL_RANK = {
    "remission": 0,
    "low": 1,
    "moderate": 2,
    "moderately": 2,
    "high": 3,
    "severe": 3,
    "severely": 3,
}


def _activity(kind: str, sentence: str) -> Rule:
    """A disease activity category by a named index ("high disease activity by DAS28-CRP",
    "moderate to severe disease activity according to the CDAI", "remission by SDAI") as the
    index's range under the published cut-offs (:data:`lexicon.ACTIVITY_CUTOFFS`). "Low"
    alone (with or without remission?) and a category without its index stay unsure."""
    s = re.sub(r"\(([^()]*)\)?", r" by \1 ", sentence)  # "high disease activity (DAS28-CRP)"
    s = re.sub(r"\b(?:at|during) (?:the )?(?:screening|baseline)\b.*$", " ", s)
    s = " ".join(s.split()).strip(" .,")
    s = re.sub(r"^(?:(?:patients?|subjects?|participants?|who|are|is|in|with|having|have|has|a|an) )*", "", s)
    s = re.sub(r"\b(?:clinical|current|at least|minimum of)\b ?", "", s).strip()
    index = None
    for name, surface, _ in _INDEX:
        m = re.search(
            rf"\s*(?:,\s*)?(?:as )?(?:defined |assessed |measured |determined |calculated |evaluated )?"
            rf"(?:by|according to|based on|using|per|on) (?:the )?(?P<index>{surface})(?: score| criteria)?$",
            s,
        ) or re.match(rf"^(?P<index>{surface})(?: ?-? ?defined)? (?=\w)", s)
        if m:
            index = (name, m.group("index"))
            s = (s[: m.start()] + " " + s[m.end() :]).strip()
            break
    if index is None:
        raise Unsure
    s = re.sub(r"\b(?:disease activity(?: state)?|disease|activity|active|ra|rheumatoid arthritis)\b", " ", s)
    s = " ".join(s.split())
    if not _LEVELS.fullmatch(s):
        raise Unsure
    ranks = sorted({_LEVEL_RANK[w] for w in re.findall(_LEVEL, s)})
    if ranks == [1] or ranks != list(range(ranks[0], ranks[-1] + 1)):
        raise Unsure  # "low" alone: whether remission counts is not said; a gap
    if sentence.startswith("at least") or re.search(r"\bat least\b", sentence):
        ranks = list(range(ranks[0], 4))
    name, surface = index
    cut = lx.ACTIVITY_CUTOFFS[name]
    parts: list[tuple[str, float]] = []
    if ranks[0] > 0:  # above the level below the lowest named
        op, value = cut[ranks[0] - 1]
        parts.append((">=" if op == "<" else ">", value))
    if ranks[-1] < 3:
        parts.append(cut[ranks[-1]])
    if name == "das28":
        variant = re.search(r"\b(esr|crp)\b", surface)
        facts = (f"das28_{variant.group(1)}",) if variant else ("das28_esr", "das28_crp")
    else:
        facts = (name,)
    per_fact = [
        AllOf(tuple(Compare(f, lx.op_of(op), v) for op, v in parts))
        if len(parts) > 1
        else Compare(f, lx.op_of(parts[0][0]), parts[0][1])
        for f in facts
    ]
    return per_fact[0] if len(per_fact) == 1 else AnyOf(tuple(per_fact))


_OTHER_DRUGS = [(surface, members) for _label, surface, members in lx.OTHER_DRUG_CLASSES] + [
    (name, (name,)) for _l, _s, members in lx.OTHER_DRUG_CLASSES for name in members
]  # the classes in their order (the narrower "oral anticoagulants" first), then the names


def _other_drugs(kind: str, sentence: str) -> Rule:
    """An exclusion of a drug outside RA care taken now ("use of anticoagulants", "patients
    on warfarin or clopidogrel"): the ``current_drugs`` list holds one of the class's members
    (WHO ATC, :data:`lexicon.OTHER_DRUG_CLASSES`). A past use, a window, a dose, an
    inclusion or anything else said leaves it unsure."""
    if kind != "exclusion":
        raise Unsure
    names: list[str] = []
    s = sentence
    for surface, members in _OTHER_DRUGS:
        if re.search(rf"\b(?:{surface})\b", s):
            names += members
            s = re.sub(rf"\b(?:{surface})\b", " ¦ ", s)
    if not names:
        raise Unsure
    left = re.sub(
        r"\b(?:current(?:ly)?|concomitant|concurrent|ongoing|use|of|taking|take|takes|receiving|"
        r"receive|on|treatment|treated|with|therapy|requiring|require|requires|need|needing|for|"
        r"any|or|and/or|patients?|subjects?|who|are|is|the|a|an|regular|chronic|long term)\b",
        " ",
        s.replace("¦", " "),
    )
    if left.strip(" ,/") or _drugs_in(s)[0]:
        raise Unsure
    return InList("current_drugs", tuple(dict.fromkeys(names)))


_DOSE_CHANGE = re.compile(
    r"\b(?:(?:use of |on |taking )?unstable (?:doses?|dosing|dosage)s? of|(?:any )?(?:changes?|modifications?|"
    r"adjustments?) (?:in|of|to) (?:the )?(?:doses?|dosage|dosing)s? of|(?:a )?dose (?:changes?|"
    r"modifications?|adjustments?) (?:of|in|for))\b"
)


def _dose_change(kind: str, sentence: str) -> Rule:
    """An exclusion "unstable doses of X in the past 6 weeks", "(any) change in the dose of X
    within 4 weeks": taking X now at a dose changed within the window excludes (sufficient:
    the drug history dates the last dose change); a change that stopped the drug is not shown
    by it, so a review part stays. No window, or an inclusion: unsure."""
    m = _DOSE_CHANGE.search(sentence)
    if m is None or kind != "exclusion":
        raise Unsure
    rest = f"{sentence[: m.start()]} {sentence[m.end() :]}"
    ctx = Context()
    rest = _window(rest, ctx)
    if ctx.windows != 1 or ctx.within_weeks is None:
        raise Unsure
    generics, left = _drugs_in(rest)
    routes: list[str] = []
    for regex, route in _ROUTES:  # "oral corticosteroids": that route only
        if re.search(regex, rest):
            routes.extend(route)
            left = re.sub(regex, " ", left)
    if {"oral", "subcutaneous"} <= set(routes):
        routes = []  # "oral or parenteral": any route
    left = re.sub(
        r"\b(?:or|and/or|any|prior to|before|screening|baseline|randomization|the|study|entry)\b", " ", left
    )
    if not generics or _leftover(left.replace("¦", " ")):
        raise Unsure
    names = lx.expand(tuple(generics))
    weeks = round(ctx.within_weeks, 4)
    on = Exposure(names, "current", routes=tuple(routes))
    changed = AllOf((on, Not(replace(on, stable_weeks=weeks))))
    return AnyOf((changed, Review(sentence)))


_GRADE = re.compile(
    r"\b(?:clinically |medically )?(?:significant(?:ly)?|relevant|important|severe(?:ly)?|"
    r"serious|uncontrolled|poorly controlled|inadequately controlled|not (?:well )?controlled|"
    r"unstable|progressive|decompensated|major|advanced|symptomatic|debilitating|"
    r"life threatening|moderate(?: to severe)?)\b"
)
"""Grades of a disease that only the site can judge from the record ("clinically
significant", "uncontrolled", "severe"): a list of diagnoses does not show them."""
_GRADE_TAIL = re.compile(
    r"(?:,\s*)?\b(?:that|which|likely to|requiring|requires?|needing|with (?:need|risk)|"
    r"in the (?:opinion|judg(?:e)?ment) of|according to|as (?:judged|determined|assessed|deemed|"
    r"considered|defined)|per (?:the )?investigator|(?:eg|for example|such as|including|like))\b.*$"
)
"""A tail that narrows a graded class further (what it would interfere with, who judges it,
what it requires, examples): a narrower class still needs a diagnosis of the class."""
_GRADED_PAREN = re.compile(
    r"\((?:(?:eg|ie|such as|including|defined as|other than|except|excluding|not including)\b"
    r"[^()]*|[^()]*(?:>=|<=|>|<)[^()]*)\)"
)
_GRADE_FILLER = re.compile(
    r"\b(?:history of|evidence of|presence of|signs? of|known|current(?:ly)?|active|acute|"
    r"chronic|ongoing|concomitant|concurrent|co ?existing|coexistent|underlying|pre ?existing|"
    r"any|other|another|medical|systemic|organ|system|diseases?|disorders?|conditions?|"
    r"illness(?:es)?|abnormalit(?:y|ies)|patholog(?:y|ies)|problems?|or|and|and/or|"
    r"patients?|subjects?|participants?|with|has|have|having|the|a|an|of|suffering from|"
    r"clinical|disease|mellitus)\b"
)


def _graded(kind: str, sentence: str) -> Rule:
    """An exclusion of a graded disease of a known organ class or a named comorbidity
    ("clinically significant cardiac disease", "uncontrolled diabetes or hypertension",
    "severe renal, hepatic or pulmonary disease that would interfere with the study"): the site
    judges the grade, but a grade needs a disease, so a patient with no diagnosis at all (a
    given, empty ``conditions`` list) and none of the class's other signs
    (:data:`lexicon.GRADED_EXTRAS`) is not excluded by it. The rule is ``all_of(gate,
    site)``: it never excludes (the site decides whom the gate lets through) and it clears
    only whom no grade of the class can fit. A negated inclusion is the negation
    (``parsing._negated_inclusion``). Nothing else may be said: another concept, a negation,
    an exposure or a number outside the narrowing tail leaves the sentence unsure."""
    if kind != "exclusion":
        raise Unsure
    s = _GRADED_PAREN.sub(" ", sentence)  # a definition or an exception only narrows
    s = _strip_parens(s)[0]
    s = " ".join(s.replace("(", " ").replace(")", " ").split())
    main = _WINDOW.sub(" ", _GRADE_TAIL.sub(" ", s))
    anchored = re.sub(r"\b(?:prior to|before|at|during|of) (?:the )?screening(?: visit)?\b", " ", s)
    if not _GRADE.search(main) or _drugs_in(main)[0] or _NOT_ONESELF.search(anchored):
        raise Unsure
    main = _GRADE.sub(" ", main)
    classes: list[str] = []

    def organ(m: re.Match[str]) -> str:
        for word in re.findall(rf"\b(?:{_ORGAN_ADJ})\b|\b(?:kidneys?|liver|heart|lungs?)$", m.group(0)):
            name = _ORGAN_WORD.get(word)
            for c in lx.ORGAN_CLASSES:
                if c.name == name or re.fullmatch(c.surface, word):
                    classes.append(c.name)
                    break
        return " ¦ "

    named = 0
    for regex, cond in _COND_RE:
        if cond.kind in ("comorbidity", "rheumatic") and regex.search(main):
            named += 1
            main = regex.sub(" ¦ ", main)
    main = _ORGAN_PHRASE.sub(organ, main)
    if not (classes or named):
        raise Unsure
    left = _GRADE_FILLER.sub(" ", main.replace("¦", " "))
    if re.search(r"\d", left) or _leftover(left):
        raise Unsure
    extras = tuple(dict.fromkeys(r for c in classes for r in lx.GRADED_EXTRAS.get(c, ())))
    gate: Rule = AnyOf((InList("conditions", ()), *extras)) if extras else InList("conditions", ())
    return AllOf((gate, Site(sentence)))


_STRATEGIES = (
    _classification,
    _duration,
    _flags,
    _participation,
    _events,
    _ckd,
    _contraception,
    _renal,
    _pregnancy_test,
    _liver_tests,
    _seropositive,
    _erosions,
    _obesity,
    _allergy,
    _tb_test,
    _smoking,
    _other_drugs,
    _dose_change,
)


def _sentence(kind: str, sentence: str) -> Rule:
    """One sentence to a rule; Unsure when it cannot be structured safely."""
    s, examples = _strip_parens(sentence)
    s = re.sub(r"^(?:\d+\s*[.)]\s*|[a-z]\)\s*)", "", s)
    s = re.sub(
        r"\b(?:at|during) (?:the )?(?:screening|baseline|enrol+ment|randomization)"
        r"(?: (?:visit|phase|period)s?)?(?: (?:and|or) (?:at )?(?:baseline|day 1|"
        r"randomization)(?: visits?)?)?\b|\bat (?:the )?time of (?:signing |giving )?(?:the )?"
        r"(?:written )?(?:informed )?consent(?: form)?(?: signature)?\b|\bat signing of (?:the )?"
        r"(?:informed )?consent(?: form)?\b|"
        r"\bprior to (?:the )?(?:first dose of study drug|randomization|screening|"
        r"baseline|enrol+ment|study (?:start|entry))\b|\bat visit \d\b",
        " ",
        s,
    )
    s = re.sub(r"\bafter amendment\b", " ", s)
    if kind == "inclusion":  # "male or female patients aged >= 18": no sex condition
        s = re.sub(
            r"^(?:(?:male|men|males) (?:or|and|and/or) (?:female|women|females)|both sexes|"
            r"either sex|any sex|either gender)\s*,?\s+(?=\S)",
            "",
            s,
        )
    s = re.sub(r"(?:,|\band\b|\bor\b|:)\s*$", "", s.strip())
    s = " ".join(s.replace("(", " ").replace(")", " ").split())
    for strategy in _STRATEGIES:
        try:
            return strategy(kind, s)
        except Unsure:
            pass
    has_drug = bool(_drugs_in(s)[0])
    if has_drug and not re.search(r"\b(?:pregnan|breast|lactat)", s):
        try:
            return _drug_frame(kind, s)
        except Unsure:
            pass
    try:
        rule = _conditions(kind, s)
        if examples and kind == "exclusion":
            return rule
        return rule
    except Unsure:
        pass
    return _measures(kind, s)


_DEFINITION = re.compile(
    r"\b(?:active|disease|ra|defined|as|by|moderate(?:ly)?|severe(?:ly)?|high|activity|to|"
    r"moderately to severely|with|having|subjects?|patients?|have|has|must|the|of|presence|"
    r"minimum|criteria|meets|following|a|an|at|least|who|both|is|are|be|low|mild|using|"
    r"based on|calculated|scale|score)\b"
)


def _measures(kind: str, s: str) -> Rule:
    if re.search(r"\b(?:ie|eg|such as|including)\b", s):
        raise Unsure
    items, connectives = _split_items(s)
    rules: list[Rule] = []
    pending: list[str] = []
    previous = ""
    for item in items:
        if not re.search(r"\d|uln|normal|\belevated\b|\bclass (?:iv|iii|ii|i)\b", item):
            if not _DEFINITION.sub(" ", item).strip(" ,"):
                continue  # "active ra", "defined by": a definition head, no condition
            pending.append(item)
            continue
        if re.match(rf"{_OPRE} ", item) and previous:
            head = re.split(rf"\s{_OPRE}\s", previous)[0]
            if not re.match(rf"{_OPRE} ", head):
                item = f"{head} {item}"  # "bmi < 18.5 or > 35": the concept written once
        if re.match(rf"{_NUM}\b", item) and re.search(rf"{_OPRE} ", previous):
            item = f"{re.search(_OPRE, previous).group(1)} {item}"  # type: ignore[union-attr]
        for bare in pending:
            tail = re.search(rf"{_OPRE}.*$", item)
            if not tail:
                raise Unsure
            rules.append(_measure(kind, f"{bare} {tail.group(0)}"))
        pending = []
        rules.append(_measure(kind, item))
        previous = item
    if pending:
        raise Unsure
    rules = [r for r in rules if not isinstance(r, Note)] or rules
    if not rules:
        raise Unsure
    if len(rules) == 1:
        return rules[0]
    ors = bool(connectives & {"or", "and/or", "/"})
    ands = "and" in connectives
    if ors and ands:
        raise Unsure
    if ors:
        return AnyOf(tuple(rules))
    return AllOf(tuple(rules))


def _conditional(kind: str, sentence: str) -> Rule | None:
    """Applies only if: "if (patients are) receiving DRUG, stable dose for N weeks" and the
    women-of-child-bearing-potential forms. None when the condition is not modelled."""
    s = _strip_parens(sentence)[0]
    m = re.match(
        r"(?:if|when) (?:the )?(?:patients?|subjects?|participants?)? ?(?:is |are )?"
        r"(?:receiving|on|taking|treated with|using) (?:treatment (?:of|with) )?"
        r"(?:>= 1 |1 or more )?(.+?)(?:,| then) (?:then )?(.*)$",
        s,
    )
    if m and kind == "inclusion":
        generics, rest = _drugs_in(m.group(1))
        if not generics or _leftover(rest.replace("¦", " ")):
            return None
        names = lx.expand(tuple(generics))
        body = m.group(2)
        wm = re.search(
            r"(?:stable|stabilize|unchanged|kept stable)[a-z ]*? (?:for )?(?:>= )?(\d+)"
            r" (days|weeks|months)",
            body,
        )
        if not wm:
            return AnyOf((Not(Exposure(names, "current")), Review(sentence)))
        weeks = float(wm.group(1)) * _TO_WEEKS[wm.group(2)]
        left = re.sub(
            r"\b(?:stable|stabilize|unchanged|kept|have|been|must|should|the|doses?|"
            r"be|for|at|least|on|a|>=|\d+|days|weeks|months|prior|to|study|start|"
            r"before|randomization|baseline|screening|been|dose)\b",
            " ",
            body,
        )
        if _leftover(left):
            return AnyOf((Not(Exposure(names, "current")), Review(sentence)))
        return AnyOf(
            (Not(Exposure(names, "current")), Exposure(names, "current", stable_weeks=round(weeks, 4)))
        )
    return None


def flatten(rule: Rule) -> Rule:
    """Nested any-of in any-of (all-of in all-of) merged; repeats dropped."""
    if isinstance(rule, AnyOf | AllOf):
        node = type(rule)
        parts: list[Rule] = []
        for part in (flatten(p) for p in rule.rules):
            parts.extend(part.rules if isinstance(part, node) else (part,))
        unique = tuple(dict.fromkeys(parts))
        return unique[0] if len(unique) == 1 else node(unique)
    if isinstance(rule, Not):
        return Not(flatten(rule.rule))
    return rule


def parse(kind: str, text: str) -> Rule | None:
    """The rule of one criterion from the layered parser, or None (review)."""
    try:
        rule = _pregnancy_plan(kind, text) or _nyha(kind, text) or _parse(kind, text)
    except (Unsure, ValueError, KeyError, IndexError, AttributeError):  # never stop an import
        return None
    return None if rule is None else flatten(_texts(rule, text))


# A plan or a future event written as the last alternative of a pregnancy exclusion
# ("pregnant, breast-feeding, or planning to become pregnant during the study"): the site's.
_PLAN = re.compile(
    r"(?:,\s*(?:or\s+|and/or\s+)?|\s+(?:or|and/or)\s+)(?:(?:women|females|female (?:patients|"
    r"subjects|participants)|those|subjects|patients|participants|men|males|male (?:patients|subjects|"
    r"participants))\s+)?(?:who\s+(?:are|is)\s+)?(?:(?:planning|plans?|intending|intends?|intention|"
    r"wishing|wish(?:es)?|wanting|wants?|desiring|desires?|considering)\s+(?:to\s+)?(?:become pregnant|"
    r"get pregnant|a pregnancy|pregnancy|conceive|father a child|breast-?feed(?:ing)?)|"
    r"(?:become|becoming|getting) pregnant)\b[^;.]*\.?\s*$",
    re.IGNORECASE,
)
_PREGNANCY_WORD = re.compile(r"\b(?:pregnan\w*|breast-?feed\w*|lactat\w*|nursing)\b", re.IGNORECASE)


_PLAN_PHRASE = re.compile(
    r"\b(?:(?:planning|plans?|planned|intending|intends?|intention|wishing|wish(?:es)?|wanting|wants?|"
    r"desiring|desires?|considering|trying)\s+(?:to\s+)?(?:become pregnant|get pregnant|a pregnancy|"
    r"pregnancy|pregnancies|conceive|father a child)|(?:become|becoming|getting) pregnant)\b",
    re.IGNORECASE,
)


def pregnancy_only_planned(text: str) -> bool:
    """Whether every pregnancy word of ``text`` is inside a plan or a future event ("planning
    to become pregnant during the study"): such a text never reads as being pregnant now."""
    if not _PLAN_PHRASE.search(text):
        return False
    return not re.search(r"\bpregnan", _PLAN_PHRASE.sub(" ", text), re.IGNORECASE)


# Heart failure by the New York Heart Association functional classification (The Criteria
# Committee of the NYHA, "Nomenclature and Criteria for Diagnosis of Diseases of the Heart and
# Great Vessels", 9th ed., 1994): class I no limitation ... class IV symptoms at rest.
_NYHA_SCALE = r"(?:nyha|new york heart association)(?: \(nyha\))?(?: functional)?(?: class(?:es)?| grade)?"
_NYHA_CLASSES = r"(?P<classes>(?:iv|iii|ii|i|[1-4])(?:(?:, ?(?:or |and )?| or | and |/| ?- ?| to |\+| )(?:iv|iii|ii|i|[1-4]))*)"
_HF = r"(?:(?:symptomatic|congestive|chronic|clinical) )*(?:heart|cardiac) failure(?: \(?chf\)?)?"
_NYHA_FORMS = (
    re.compile(
        rf"^(?:(?:current|known|presence of|patients? with|subjects? with|evidence of) )*{_HF},? "
        rf"\(?(?:(?:according to|as defined by|by|of|with|defined as|per) (?:the )?)?{_NYHA_SCALE} "
        rf"{_NYHA_CLASSES}\)?(?P<up> (?:or|and) (?:higher|above|greater|worse))?$"
    ),
    re.compile(
        rf"^(?:(?:current|known|presence of|patients? with|subjects? with|evidence of) )*{_NYHA_SCALE} "
        rf"{_NYHA_CLASSES}(?P<up> (?:or|and) (?:higher|above|greater|worse))? {_HF}$"
    ),
    # "class III or IV heart failure", "heart failure class III/IV": a class of heart failure
    # in roman or arabic numerals is the NYHA class (the ACC/AHA stages are letters A-D)
    re.compile(
        rf"^(?:(?:current|known|presence of|patients? with|subjects? with|evidence of) )*(?:functional )?"
        rf"class(?:es)? {_NYHA_CLASSES}(?P<up> (?:or|and) (?:higher|above|greater|worse))? {_HF}$"
    ),
    re.compile(
        rf"^(?:(?:current|known|presence of|patients? with|subjects? with|evidence of) )*{_HF},? "
        rf"\(?(?:functional )?class(?:es)? {_NYHA_CLASSES}\)?(?P<up> (?:or|and) (?:higher|above|greater|worse))?$"
    ),
)
_NYHA_VALUE = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _nyha(kind: str, text: str) -> Rule | None:
    """ "(Symptomatic / congestive) heart failure NYHA class III or IV", "NYHA class II-IV
    heart failure": the ``nyha_class`` fact at or above the lowest class named, when the
    classes named run up to IV (or "or higher"); otherwise None. Exclusions, and inclusions
    that negate one."""
    if kind != "exclusion":
        rest = negated_rest(text) if kind == "inclusion" else None
        inner = None if rest is None else _nyha("exclusion", rest)
        return None if inner is None else Not(inner)  # "no heart failure NYHA III or IV"
    t = normalise(text).strip(" .;")
    m = next((m for form in _NYHA_FORMS if (m := form.match(t))), None)
    if m is None:
        return None
    values = [_NYHA_VALUE[x] for x in re.findall(r"iv|iii|ii|i|[1-4]", m.group("classes"))]
    ranged = bool(re.search(r"-| to |(?:iv|iii|ii|i|[1-4]) (?:iv|iii|ii|i|[1-4])", m.group("classes")))
    low, high = min(values), max(values)
    if high != 4 and not m.group("up"):
        return None  # an upper bound too ("class II or III"): not modelled
    if not ranged and sorted(set(values)) != list(range(low, high + 1)):
        return None
    return Compare("nyha_class", ">=", float(low))


def _pregnancy_plan(kind: str, text: str) -> Rule | None:
    """An exclusion whose last alternative is a plan or a future pregnancy: the alternatives
    before it decide (any of them excludes), the plan is the site's. Only when the part before
    is itself about pregnancy or breast-feeding and is structured; otherwise None."""
    if kind != "exclusion":
        return None
    m = _PLAN.search(text)
    if m is None:
        return None
    rest = text[: m.start()].rstrip(" ,;")
    if not _PREGNANCY_WORD.search(rest):
        return None
    inner = _parse(kind, rest)
    if inner is None or isinstance(inner, Review | Site | Note) or _has_review(inner):
        return None
    return AnyOf((inner, Site(text)))


def _texts(rule: Rule, text: str) -> Rule:
    """Every review part shows the criterion as registered, not its normalised form."""
    if isinstance(rule, Review):
        return Review(text)
    if isinstance(rule, Site):
        return Site(text)
    if isinstance(rule, AnyOf | AllOf):
        return type(rule)(tuple(_texts(p, text) for p in rule.rules))
    if isinstance(rule, Not):
        return Not(_texts(rule.rule, text))
    return rule


_NOTES = re.compile(
    r"(?:current|previous|key|main|other|updated|original)? ?(?:inclusion|exclusion) criteria"
    r"(?: as of [\d/.-]+)?:?|(?:non )?interventional(?: (?:&|and) (?:non )?interventional)? "
    r"(?:phase|period|part)s?:?|target gender: (?:male ?(?:&|and|or) ?female|both)[a-z :]*|"
    r"(?:patients? (?:with|diagnosed with) |diagnosis of |diagnosed with )?(?:adult )?ra|"
    r"(?:(?:patients?|subjects?|participants?) (?:with|having|who have|diagnosed with) )?(?:an? )?"
    r"(?:(?:clinical|confirmed|documented|definite) )?(?:diagnosis of )?ra"
    r"(?: patients?| subjects?)?|ra (?:patients?|subjects?)|"
    r".*(?:please visit|www\.|https?://|for more information).*|"
    r"(?:(?:patients?|subjects?|participants?) of )?(?:both|either|any) (?:sex(?:es)?|genders?)|"
    r"(?:both )?(?:males? (?:and|or|&|and/or) females?|men (?:and|or) women)(?: (?:patients?|subjects?))?"
)


_RUN_ON_STARTS = frozenset(
    """patient patients subject subjects participant participants history received receiving
    has have had use using current currently previous prior known presence diagnosis diagnosed
    satisfies women men age aged positive evidence pregnant pregnancy breastfeeding lactating
    lactation active there must""".split()  # noqa: SIM905 (a word list reads best as text)
)
_JOINING = frozenset(
    """and or nor of in with for to than by the a an who which that as on at from per under
    over into without including such like not no is are be being been was were any all""".split()  # noqa: SIM905
)
_PERSON_NOUNS = frozenset(
    ("patient", "patients", "subject", "subjects", "participant", "participants", "women", "men")
)
_TOKEN = re.compile(r"(\S+)(\s+)(?=([A-Z][a-z]+)\b)")


def run_on_items(text: str) -> list[str]:
    """An item that runs several criteria together without a mark, as the registry mirrors
    print lists whose line breaks were lost ("Received any previous treatment with MTX
    Received any previous treatment with ETN"): cut before a capitalised word that opens a
    criterion (patient, history, received, has, current, prior...) when the word before it
    does not join it to what precedes (no preposition, article or conjunction, no "in RA").
    Only for a text without its own sentence marks; each piece holds at least three words."""
    if re.search(r"[.;:]\s", text) or not text[:1].isupper():
        return [text]
    pieces: list[str] = []
    start = 0
    for m in _TOKEN.finditer(text):
        before, word = m.group(1), m.group(3)
        if word.lower() not in _RUN_ON_STARTS or before.lower().strip(",(") in _JOINING:
            continue
        words_before = text[start : m.end(1)].split()
        noun = word.lower() in _PERSON_NOUNS
        if len(words_before) < 3 or (noun and words_before[-2].lower() in _JOINING and before[:1].isupper()):
            continue  # too short to be a criterion, or a noun phrase like "in RA Patients"
        pieces.append(text[start : m.end(1)])
        start = m.end(2)
    pieces.append(text[start:])
    return pieces if all(len(p.split()) >= 3 for p in pieces) else [text]


def _parse(kind: str, text: str) -> Rule | None:
    pieces = run_on_items(text)
    t = normalise("; ".join(pieces))
    if _NOTES.fullmatch(t.strip(" .;")):
        return Note(text)
    sex = sex_rule(text)
    if sex is not None and kind == "inclusion":
        return sex
    if re.search(r"(?<![<>=!])=(?!=)\s*\d|\?\s*\d", t):
        return None  # a lost comparator: the direction is unknown
    sentences = _split_sentences(t)
    if not sentences:
        return None
    if len(sentences) > 1 and any(_PERMISSIVE.search(s) for s in sentences):
        return Review(text)
    if len(sentences) > 1 and re.search(r":|\bfollowing\b", t):
        return Review(text)  # a list under a head: the head may qualify every item
    rules: list[Rule] = []
    for sentence in sentences:
        rules.append(_one(kind, sentence, text))
    if all(isinstance(r, Site) for r in rules):
        return Site(text)
    if len(rules) == 1:
        return rules[0]
    reviews = [r for r in rules if isinstance(r, Review | Site)]
    decided = [r for r in rules if not isinstance(r, Review | Site)]
    if not decided:
        return Review(text)
    review: list[Rule] = (
        ([Site(text)] if all(isinstance(r, Site) for r in reviews) else [Review(text)]) if reviews else []
    )
    if kind == "inclusion":
        return AllOf((*decided, *review))
    return AnyOf((*decided, *review))


_QUALIFIER_AT = re.compile(
    rf"{_DISTRIBUTIVE.pattern}|\b(?:active|acute|ongoing|current|chronic|other than|except|excluding|apart from|besides|with ?in|"
    r"in the (?:last|past)|during|prior to|before|after|since|unless|if|when|not|no|without|"
    r"never|negative|family|relatives?|vaccin\w*|etc)\b"
)
_CONCEPT_AT = re.compile(
    "|".join(
        [
            *(r.pattern for r, _ in _COND_RE),
            _MALIGNANCY.pattern,
            _INFECTION.pattern,
            _ORGAN_PHRASE.pattern,
            r"\b(?:diseases?|disorders?|conditions?)\b",
        ]
    )
)


def _dated_items(kind: str, sentence: str) -> Rule:
    """An exclusion listing drugs or events each with its own window ("etanercept within 4
    weeks or adalimumab within 8 weeks", "rituximab within 12 months, other biologics within
    8 weeks"): each item with its window is parsed alone, the head's words ("treatment with")
    lent to items that lack them; each item may exclude alone, an item not understood is a
    review part."""
    if kind != "exclusion" or len(_WINDOW.findall(sentence)) < 2:
        raise Unsure
    if _NOT_ONESELF.search(sentence) or _NEGATION.search(sentence) or _PERMISSIVE.search(sentence):
        raise Unsure
    parts = [p.strip(" ,") for p in re.split(r",?\s+(?:or|and/or)\s+|,\s+|;\s*", sentence) if p.strip(" ,")]
    if len(parts) < 2 or any(len(_WINDOW.findall(p)) != 1 for p in parts):
        raise Unsure
    first_drug = _DRUG_RE.search(parts[0])
    head = parts[0][: first_drug.start()] if first_drug else ""
    decided: list[Rule] = []
    named: set[str] = set()
    for part in parts:
        text = part if not head or part.startswith(head) or not _DRUG_RE.match(part) else f"{head}{part}"
        try:
            rule = _sentence(kind, text)
        except Unsure:
            continue
        if isinstance(rule, Exposure) and re.search(r"\bother\b", part):
            # "other biologics within 8 weeks": not the ones named before with their own window
            rule = replace(rule, names=tuple(n for n in rule.names if n not in named))
        elif re.search(r"\bother\b", part):
            continue
        if isinstance(rule, Exposure):
            named.update(rule.names)
        if not isinstance(rule, Review | Site | Note):
            decided.append(rule)
    if not decided:
        raise Unsure
    return AnyOf((*decided, Review(sentence)))


def _alternatives(kind: str, sentence: str) -> Rule:
    """An exclusion that lists alternatives of several kinds ("history of fever and infectious
    diseases, positive pregnancy test or lactation, other autoimmune diseases and
    malignancies"): each item is parsed alone and may exclude alone; an item not understood
    is a review part: any of (the items' rules, review). A qualifier scopes over its
    neighbours: one before an item's concept ("severe", "active", a window) may qualify the
    items after it, one after it ("requiring treatment", "within 6 months", "other than")
    the items before it; those items stay review. Lists naming drugs keep their own frame
    (the usage at the head governs every drug)."""
    if kind != "exclusion" or _drugs_in(sentence)[0] or re.search(r"\d", sentence):
        raise Unsure
    if _NOT_ONESELF.search(sentence) or _NEGATION.match(sentence):
        raise Unsure
    items, _connectives = _split_items(_EVER.sub("history of", sentence))
    if len(items) < 2:
        raise Unsure
    blocked = [False] * len(items)
    for i, item in enumerate(items):
        qualifier, concept = _QUALIFIER_AT.search(item), _CONCEPT_AT.search(item)
        if qualifier is None:
            continue
        if concept is None or qualifier.start() < concept.start():
            blocked[i + 1 :] = [True] * (len(items) - i - 1)
        else:
            blocked[:i] = [True] * i
    decided: list[Rule] = []
    for item, block in zip(items, blocked, strict=True):
        if block or not _leftover(item):
            continue
        try:
            rule = _conditions(kind, item)
        except Unsure:
            continue
        decided.append(rule)
    if not decided:
        raise Unsure
    return AnyOf((*decided, Review(sentence)))


_PAREN = re.compile(r"\(([^()]*)\)")
_PAREN_OPEN = re.compile(
    r"\b(?:or|and/or|either|otherwise|alternatively|eg|e g|ie|such as|including|for example|"
    r"like|except|exclud\w*|other than|but|unless|if|when|for|in|may|can|only|not|no|without|"
    r"up to|per|previous\w*|prior|past|history|ever|target|goal|aim|initial|onset|diagnosis)\b"
)


def _parenthetical(kind: str, sentence: str) -> Rule:
    """An inclusion whose own words are not understood but whose parenthetical states the
    measure it means ("disease activity stable for at least 4 weeks (DAS28-CRP <= 3.2)",
    "active disease (CDAI > 10)"): the parenthetical is required, the rest stays review:
    all of (its rule, review). Not when the parenthetical or the sentence offers an
    alternative, an example, an exception, a condition or a permission."""
    inner = [m.group(1).strip() for m in _PAREN.finditer(sentence)]
    outside = _PAREN.sub(" ", sentence)
    if kind != "inclusion" or len(inner) != 1 or _CLAUSE_ALTERNATIVE.search(outside):
        raise Unsure
    if _PAREN_OPEN.search(inner[0]) or not re.search(r"\d", inner[0]):
        raise Unsure
    rule = _measures(kind, inner[0])
    if isinstance(rule, Review | Site | Note) or _has_review(rule):
        raise Unsure
    return AllOf((rule, Review(sentence)))


def _has_review(rule: Rule) -> bool:
    if isinstance(rule, Review | Site):
        return True
    if isinstance(rule, AllOf | AnyOf):
        return any(_has_review(r) for r in rule.rules)
    return isinstance(rule, Not) and _has_review(rule.rule)


def graded(text: str) -> bool:
    """Whether a text grades or qualifies what it names ("severe", "uncontrolled", "active",
    "requiring treatment"): a diagnosis on a list does not show that grade."""
    t = normalise(text)
    return bool(_DISTRIBUTIVE.search(t) or re.search(r"\b(?:active|acute|ongoing)\b", t))


def qualified_list(text: str) -> bool:
    """Whether a text lists alternatives beside a qualifier that may scope over several of
    them ("HIV, breastfeeding or lupus requiring treatment"): the phrase patterns, which read
    each recognised phrase alone, are not asked to decide such a list."""
    t = _EVER.sub("history of", normalise(text))
    scoping = _DISTRIBUTIVE.search(t) or re.search(r"\b(?:active|acute|ongoing)\b", t)
    return bool(scoping) and len(_split_items(t)[0]) > 1


def _one(kind: str, sentence: str, text: str) -> Rule:
    if _PERMISSIVE.search(sentence):
        return Review(text)
    if _PREGNANCY_TEST.match(sentence.strip(" .")):
        return _pregnancy_test(kind, sentence) if kind == "inclusion" else Review(text)
    if _CONDITIONAL.search(sentence) or (_SCOPE_AFTER.search(sentence) and re.search(r"\d", sentence)):
        rule = _conditional(kind, sentence)
        return rule if rule is not None else Review(text)
    try:
        return _activity(kind, sentence)
    except Unsure:
        pass
    try:
        return _sentence(kind, sentence)
    except Unsure:
        pass
    try:
        return _graded(kind, sentence)
    except Unsure:
        pass
    try:
        return _clauses(kind, sentence)
    except Unsure:
        pass
    try:
        return _dated_items(kind, sentence)
    except Unsure:
        pass
    try:
        return _alternatives(kind, sentence)
    except Unsure:
        pass
    try:
        return _inclusion_alternatives(kind, sentence)
    except Unsure:
        pass
    try:
        return _parenthetical(kind, sentence)
    except Unsure:
        pass
    if _SITE.search(sentence) or _STUDY_DRUG_ALLERGY.search(sentence):
        return Site(text)
    return Review(text)


# A reaction to the study's own product: only the site knows its components.
_STUDY_DRUG_ALLERGY = re.compile(
    r"\b(?:hypersensitivit\w*|allerg\w*|anaphyla\w*|intoleran\w*)\b.*(?:\b(?:study|investigational|"
    r"trial|test) (?:drug|product|medication|treatment|agent|article|cell)s?\b|\bexcipients?\b|"
    r"\bcomponents? of (?:the )?(?:study|investigational) )"
)


_CLAUSE_BREAK = re.compile(
    r",\s+|\s+and (?=(?:has|have|had|is|are|must|be|with|who|a|an|on|stable|receiving|"
    r"taking|treated|using|no|not|without|negative|positive)\b)"
)
_BOTH_SEXES = re.compile(
    r"(?:(?:male|men|males) and (?:female|women|females)|both (?:sexes|genders)|"
    r"(?:subjects|patients) of both (?:sexes|genders))(?: (?:subjects|patients|participants))?"
)
_CLAUSE_ALTERNATIVE = re.compile(r"\b(?:or|and/or|either|neither|nor|unless|except|otherwise)\b")


_OR_IDIOM = re.compile(
    r"\bor (?:its |an? )?equivalents?\b|\b(?:oral|orally) or (?:parenteral|subcutaneous|"
    r"injectable|intramuscular)\b|\bmale or female\b|\bmen or women\b|\bor (?:more|less|"
    r"greater|higher|lower|older|younger|above|below|fewer)\b"
)


def _inclusion_alternatives(kind: str, sentence: str) -> Rule:
    """An inclusion of alternatives at top level ("DAS28-CRP > 3.2 or synovitis on
    ultrasound"): each alternative is parsed alone and is sufficient for the criterion, so
    any of (the understood alternatives, review): it may show the criterion met, never fail
    it. Not when an "and" sits beside the "or" (the grouping is unknown), nor with a
    negation, an exception, a condition or a permission."""
    if kind != "inclusion":
        raise Unsure
    listed = _INLINE_ONE_OF.match(sentence)
    if listed:
        return _listed_alternatives(kind, sentence, sentence[listed.end() :])
    plain = _OR_IDIOM.sub(" ", sentence)
    if not re.search(r"\bor\b", plain) or re.search(
        r"\b(?:and|neither|nor|unless|except|otherwise|not|no|without|if|when|only)\b|:|;", plain
    ):
        raise Unsure
    parts = [p.strip(" ,") for p in re.split(r",?\s+(?:and/or|or)\s+|,\s+(?=either\b)", sentence)]
    parts = [re.sub(r"^either\s+", "", p) for p in parts if p]
    if len(parts) < 2:
        raise Unsure
    decided: list[Rule] = []
    for i, part in enumerate(parts):
        try:
            rule = _sentence(kind, part)
        except Unsure:
            continue
        if isinstance(rule, Review | Site | Note):
            continue
        if i > 0 and not _self_contained(rule):
            continue  # "with folic or folinic acid": a later part may lack the head's verb
        decided.append(rule)
    if not decided:
        raise Unsure
    return AnyOf((*decided, Review(sentence)))


_INLINE_ONE_OF = re.compile(
    r"^(?:(?:patients?|subjects?) (?:must (?:have|meet)|with|meeting) )?(?:at least (?:one|1)|>= 1|one|1|any|"
    r"either)(?: \(1\))? of the following(?: criteria| conditions)?(?: (?:at|during) [a-z ]{0,30})?:\s*"
)


def _listed_alternatives(kind: str, sentence: str, body: str) -> Rule:
    """ "At least one of the following: A or B or C" in one item: the head says the "or"s
    separate whole alternatives (each may hold an "and"); any of the understood ones and
    review."""
    if re.search(r"\b(?:unless|except|otherwise|neither|nor|if|when)\b|;", body):
        raise Unsure
    parts = [
        p.strip(" ,.") for p in re.split(r"\s+(?:or|and/or)\s+", _OR_IDIOM.sub(" ", body)) if p.strip(" ,.")
    ]
    if len(parts) < 2:
        raise Unsure
    decided: list[Rule] = []
    for part in parts:
        try:
            rule = _sentence(kind, part)
        except Unsure:
            try:
                rule = _clauses(kind, part)
            except Unsure:
                continue
        if not isinstance(rule, Review | Site | Note):
            decided.append(rule)
    if not decided:
        raise Unsure
    if len(decided) == len(parts):
        return AnyOf(tuple(decided))  # every alternative understood: the list is whole
    return AnyOf((*decided, Review(sentence)))


def _self_contained(rule: Rule) -> bool:
    """A rule of measures and yes/no facts only: it needs no head ("response to", "treated
    with") from the alternative before it."""
    if isinstance(rule, AllOf | AnyOf):
        return all(_self_contained(r) for r in rule.rules)
    if isinstance(rule, Not):
        return _self_contained(rule.rule)
    return isinstance(rule, Compare | Flag | Equals)


def _clauses(kind: str, sentence: str) -> Rule:
    """An inclusion sentence of conjoined clauses ("meets the 1987 ACR criteria, diagnosed
    >= 6 months"; "age 18-75 and has active RA with CDAI > 10"): each clause is parsed alone and
    all are required; a clause not understood is a review part (all of: the recognised parts
    may fail the criterion, never pass it alone). Not for exclusions (a comma list there is any
    of) nor for a sentence with an alternative or exception word."""
    if kind != "inclusion" or _CLAUSE_ALTERNATIVE.search(_OR_IDIOM.sub(" ", sentence)):
        raise Unsure
    if re.search(r":|\binclud\w*|\bfollowing\b|\blist\w*", sentence):
        raise Unsure  # a list under a head
    pieces = [p.strip(" ,.") for p in _CLAUSE_BREAK.split(sentence) if p.strip(" ,.")]
    if len(pieces) < 2 or any(_enumerated(p) for p in pieces):
        raise Unsure
    rules: list[Rule] = []
    unexplained = False
    for piece in pieces:
        if not _leftover(_DEFINITION.sub(" ", piece)) or _BOTH_SEXES.fullmatch(piece):
            continue  # "active ra", "defined by", "male and female": no condition of its own
        try:
            rules.append(_sentence(kind, piece))
        except Unsure:
            unexplained = True
    decided = [r for r in rules if not isinstance(r, Review | Site | Note)]
    if not decided:
        raise Unsure
    if unexplained or len(decided) < len(rules):
        return AllOf((*decided, Review(sentence)))
    return decided[0] if len(decided) == 1 else AllOf(tuple(decided))


def _enumerated(piece: str) -> bool:
    """Whether a comma piece is only an item of an enumeration ("adalimumab", "at least four
    times"): then the commas list alternatives or examples, not clauses."""
    drugs, rest = _drugs_in(piece)
    return bool(drugs) and len(_leftover(rest.replace("¦", " "))) <= 2


def sex_rule(text: str) -> Rule | None:
    """ "Male subjects and female subjects of non child bearing potential" and similar."""
    t = normalise(text)
    if re.fullmatch(
        r"(?:male (?:subjects|patients)? ?(?:and|or) )?(?:female|women) (?:subjects|"
        r"patients)? ?(?:of|with) non child ?bearing potential|(?:men|males) or "
        r"(?:postmenopausal|post menopausal) (?:women|females)",
        t.strip(" ."),
    ):
        return AnyOf((Equals("sex", "male"), Not(Flag("childbearing_potential"))))
    return None


_SUBORDINATE_NUMBER = re.compile(
    r"\b(?:(?:for|in|among) (?:patients?|subjects?|participants?|those|women|men|females?|"
    r"males?|children|minors)|if|when|unless|in (?:japan|korea|china|taiwan|country))\b[^.;,]*\d"
)


_SCOPE_AFTER = re.compile(
    r"\b(?:in|for|at sites? in) (?:the )?(?:japan|korea|china|taiwan|india|iran|usa?|united states|"
    r"europe|eu|uk|united kingdom|germany|france|country|countries|(?:some|certain) (?:sites|"
    r"countries|regions))\b|\bin (?:women|men|females?|males?)\b|\bin (?:the )?(?:[\w-]+ ){0,2}"
    r"(?:arm|cohort|phase|part|group|substudy)\b"
)


def conditional(text: str) -> bool:
    """Whether ``text`` puts a number inside a conditional or subordinate clause ("... for
    patients aged < 20 in country X", "if ... 10 mg"), or scopes a number by a place, a sex or
    a part of the study written after it ("DAS28 > 3.2 in Japan"): such a number must not
    become a rule."""
    t = normalise(text)
    return bool(_SUBORDINATE_NUMBER.search(t)) or bool(_SCOPE_AFTER.search(t) and re.search(r"\d", t))


_COUNT_WORDS = {
    "any": 1,
    "one": 1,
    "1": 1,
    "either": 1,
    "some": 1,
    "both": 0,
    "all": 0,
    "each": 0,
    "every": 0,
    "none": -1,
    "neither": -1,
    "no": -1,
}
_GROUP = re.compile(
    r"(?:^|(?<=[\s(:,]))(?:>= |at least |minimum of |a minimum of )?(?:any )?"
    r"(\d+|any|one|either|some|both|all|each|every|none|neither|no)(?: or more)?"
    r"(?: \(\d+\))? (?:out )?of(?: the)?(?: \d+)?(?: (?:following|below|these|listed|criteria|"
    r"conditions|features|items|findings|characteristics|signs))*\b"
    r"|(?:^|(?<=[\s(:,]))(either|neither)(?: (?:of|the|following|below|criteria|conditions))*"
    r"\s*:?\s*$"
    r"|(?:^|(?<=[\s(:,]))(?:>= |at least )?(\d+|one) (?:or more )?(?:of|from) (?:the )?"
    r"(?:\d+ )?(?:criteria|conditions|features|items)\b"
)
_HEAD_WORDS = frozenset(
    """patients patient subjects subject participants participant must should will have has
    had meet meets met meeting with present presenting show showing who are is be the
    following below criteria criterion conditions condition features items listed apply
    applies fulfilled fulfil and or a an of at least must need needs require requires
    required in addition additionally also plus""".split()  # noqa: SIM905 (a word list)
)


@dataclass(frozen=True)
class GroupHead:
    """A line that introduces a list of items combined as a group, not as separate criteria.

    ``at_least`` is k of "at least k of" (1 for "any of", "either", "one of"), 0 for "both of"
    / "all of", -1 for a negated group ("none of", "neither"); ``pure`` says the line is only
    the head (no condition of its own); ``at_end`` that nothing but head words follow it.
    """

    at_least: int
    pure: bool
    at_end: bool = False


def group_head(text: str) -> GroupHead | None:
    """The group a heading line introduces ("either:", "any of the following", "at least two
    of:", "one or more of the following criteria"), or None for a plain line."""
    t = normalise(text).strip(" .;")
    m = _GROUP.search(t)
    if m is None:
        return None
    word = m.group(1) or m.group(2) or m.group(3)
    at_least = int(word) if word.isdigit() else _COUNT_WORDS[word]
    clause = re.split(r"[.;:)]\s", t[: m.start()])[-1]
    if re.search(r"\b(?:not|without|free of|absence of|no)\b", clause):
        at_least = -1  # "does not have any of the following": a negated group
    rest = (t[: m.start()] + " " + t[m.end() :]).replace(":", " ")
    pure = all(w in _HEAD_WORDS for w in _WORDS.findall(rest))
    at_end = all(w in _HEAD_WORDS for w in _WORDS.findall(t[m.end() :]))
    return GroupHead(at_least, pure, at_end)


_WORDS = re.compile(r"[a-z0-9]+")


def introduces_alternatives(text: str) -> bool:
    """Whether a line introduces alternatives ("one of the following", "at least 2 of")."""
    head = group_head(text)
    return head is not None and head.at_least != 0


_OR_END = re.compile(r"(?:^|[\s,;])(?:or|and ?/ ?or)\s*[,;:.]?\s*$", re.IGNORECASE)
_OR_START = re.compile(r"^\s*(?:or|and ?/ ?or)\b", re.IGNORECASE)


def joins_next_by_or(text: str) -> bool:
    """Whether a list item ends with "or" ("CRP >= 10 mg/L, or"): it and the next item are
    alternatives."""
    return bool(_OR_END.search(text))


def joins_previous_by_or(text: str) -> bool:
    """Whether a list item starts with "or" ("OR ESR > 28 mm/h"), or is a lone "or"."""
    return bool(_OR_START.match(text))


NEGATED_HEAD = re.compile(
    r"^\s*(?:(?:women|females?|patients?|subjects?|participants?)(?: patients| subjects)? )?"
    r"(?:must|should|will|do|does) not (?:be|have(?: had)?|suffer from|present with|"
    r"currently have|show)\s+|^\s*(?:no|absence of|free of|without|not)\s+|"
    r"^\s*none of (?:the )?(?:patients?|subjects?|participants?) (?:must|should|may|can|will) "
    r"(?:suffer from|have|present with|show)\s+|"
    r"^\s*(?:patients?|subjects?|participants?) (?:must|should) (?:have no|be free of|be without)\s+",
    re.IGNORECASE,
)


def negated_rest(text: str) -> str | None:
    """The rest of an inclusion that is an exclusion in disguise ("Must not be pregnant",
    "No active tuberculosis", "Free of hepatitis B and C"), or None. None too when the rest
    has a negation, a permission or a condition of its own."""
    m = NEGATED_HEAD.match(text)
    if m is None:
        return None
    rest = text[m.end() :]
    t = normalise(rest)
    if _NEGATION.search(t) or _PERMISSIVE.search(t) or _CONDITIONAL.search(t) or ";" in rest:
        return None
    return rest


def sentences(text: str) -> list[str]:
    """The sentences of a criterion (normalised), as the parser splits them."""
    return _split_sentences(normalise(text))
