# ruff: noqa: E501  (lexicon data: one phrase family per line reads better than wrapped)
"""Diseases a clinic may list, grouped by organ system, in English and Spanish (folded text).

``treats_many_conditions`` is raised when the same offer names at least three different
conditions from at least two systems, or five conditions in all: the pattern of clinics that
sell one cell product for unrelated diseases (Turner and Knoepfler, Cell Stem Cell 2016,
doi:10.1016/j.stem.2016.06.007, found US clinics marketing the same cells for dozens of
conditions). Mentions in a sentence about exclusions or medical history do not count: a trial's
list of who may not take part is not a list of diseases treated.
"""

from __future__ import annotations

import re

# (system, condition, pattern)
CONDITIONS: tuple[tuple[str, str, str], ...] = (
    ("joints", "rheumatoid arthritis", r"rheumatoid arthritis|artritis reumatoide?"),
    (
        "joints",
        "osteoarthritis",
        r"osteo ?arthritis|osteo ?artritis|osteoartrosis|artrosis|degenerative joint disease",
    ),
    ("joints", "psoriatic arthritis", r"psoriatic arthritis|artritis psoriasica"),
    ("joints", "ankylosing spondylitis", r"ankylosing spondylitis|espondilitis anquilosante"),
    ("joints", "lupus", r"lupus"),
    ("joints", "scleroderma", r"scleroderma|esclerodermia|systemic sclerosis|esclerosis sistemica"),
    ("joints", "fibromyalgia", r"fibromyalgia|fibromialgia"),
    (
        "joints",
        "back pain",
        r"back pain|dolor de espalda|lumbalgia|herniated discs?|hernias? de disco|degenerative disc",
    ),
    (
        "joints",
        "sports injuries",
        r"sports injur(?:y|ies)|lesiones deportivas|tendinitis|tendonitis|tendinopat\w+|rotator cuff|manguito rotador|ligament\w* (?:tears?|injur\w+)",
    ),
    ("nerves", "multiple sclerosis", r"multiple sclerosis|esclerosis multiple|\bms\b"),
    ("nerves", "Parkinson's disease", r"parkinson'?s?"),
    ("nerves", "Alzheimer's disease or dementia", r"alzheimer'?s?|dementia|demencia"),
    ("nerves", "ALS", r"\bals\b|amyotrophic lateral sclerosis|esclerosis lateral amiotrofica|lou gehrig'?s?"),
    ("nerves", "stroke", r"stroke|accidente cerebrovascular|derrame cerebral|\bictus\b|embolia cerebral"),
    (
        "nerves",
        "spinal cord injury",
        r"spinal cord injur(?:y|ies)|lesion(?:es)? (?:de la )?medula(?:r| espinal)|lesion medular",
    ),
    ("nerves", "cerebral palsy", r"cerebral palsy|paralisis cerebral"),
    ("nerves", "autism", r"autism|autismo|\btea\b"),
    ("nerves", "neuropathy", r"neuropath(?:y|ies)|neuropatia"),
    (
        "heart and lungs",
        "heart disease",
        r"heart (?:failure|disease)|insuficiencia cardiaca|enfermedad(?:es)? cardiacas?|cardiopatia|cardiomyopathy|miocardiopatia",
    ),
    ("heart and lungs", "COPD", r"\bcopd\b|\bepoc\b|emphysema|enfisema|chronic obstructive"),
    ("heart and lungs", "pulmonary fibrosis", r"pulmonary fibrosis|fibrosis pulmonar"),
    ("heart and lungs", "asthma", r"asthma|\basma\b"),
    ("heart and lungs", "long COVID", r"long covid|covid (?:persistente|prolongado|largo)|post covid"),
    ("metabolism, kidney and liver", "diabetes", r"diabetes"),
    (
        "metabolism, kidney and liver",
        "kidney disease",
        r"kidney (?:disease|failure)|renal failure|enfermedad renal|insuficiencia renal",
    ),
    (
        "metabolism, kidney and liver",
        "liver disease",
        r"cirrhosis|cirrosis|liver (?:disease|failure)|enfermedad hepatica|hepatopatia",
    ),
    ("gut and skin", "Crohn's disease", r"crohn'?s?"),
    ("gut and skin", "ulcerative colitis", r"ulcerative colitis|colitis ulcerosa"),
    ("gut and skin", "psoriasis", r"(?<!arthritis )psoriasis(?! arthritis)"),
    ("gut and skin", "eczema", r"eczema|atopic dermatitis|dermatitis atopica"),
    ("eyes", "macular degeneration", r"macular degeneration|degeneracion macular"),
    ("eyes", "retinal disease", r"retinitis pigmentosa|glaucoma"),
    ("aesthetics and ageing", "erectile dysfunction", r"erectile dysfunction|disfuncion erectil"),
    (
        "aesthetics and ageing",
        "anti-ageing",
        r"anti ?aging|anti ?ageing|antienvejecimiento|anti envejecimiento|rejuvenation|rejuvenecimiento|longevity|longevidad",
    ),
    ("aesthetics and ageing", "hair loss", r"hair loss|alopecia|caida del cabello"),
    ("aesthetics and ageing", "infertility", r"infertility|infertilidad"),
)

COMPILED = tuple((system, name, re.compile(rf"\b(?:{pattern})\b")) for system, name, pattern in CONDITIONS)

EXCLUSION_CONTEXT = re.compile(
    r"\b(?:exclu\w*|not eligible|ineligible|history of|contraindicat\w*|must not have|may not take part|"
    r"antecedentes?|no podran|no pueden participar|no podra participar|criterios de)\b"
)

MIN_CONDITIONS = 3
MIN_SYSTEMS = 2
MANY_CONDITIONS = 5
