"""Trial registry numbers, recognised in their real formats and written in canonical form.

Formats, as each registry documents its identifiers (WHO ICTRP primary registries and the
others it lists, https://www.who.int/tools/clinical-trials-registry-platform/network):

====================  ===============================  ==========================
registry              format                           example
====================  ===============================  ==========================
ClinicalTrials.gov    NCT + 8 digits                   NCT01851070
ISRCTN                ISRCTN + 8 digits                ISRCTN12345678
EU CTIS               YYYY-NNNNNN-NN-NN                2023-501234-12-00
EudraCT               YYYY-NNNNNN-NN                   2010-021234-12
ChiCTR                ChiCTR + 10 digits, or           ChiCTR2000029990
                      ChiCTR-XXX-YYNNNNNN (before     ChiCTR-IOR-17012345
                      2016)
IRCT (Iran)           IRCT + digits + N + digits       IRCT20180520039737N1
jRCT (Japan)          jRCT + 10 digits, or jRCTs/b +   jRCT2031210001
                      9 digits                         jRCTs031180001
UMIN-CTR (Japan)      UMIN + 9 digits                  UMIN000012345
ANZCTR                ACTRN + 14 digits                ACTRN12617001234567
CTRI (India)          CTRI/YYYY/MM(M)/NNNNNN           CTRI/2019/05/019056
DRKS (Germany)        DRKS + 8 digits                  DRKS00012345
CRiS (Korea)          KCT + 7 digits                   KCT0001234
Netherlands           NTR + 1-5 digits, NL + 4-5       NTR1234, NL7890,
                      digits, NL-OMON + digits         NL-OMON12345
PACTR (Africa)        PACTR + 15 digits                PACTR201901123456789
ReBEC (Brazil)        RBR- + 6 to 8 letters/digits     RBR-6zxbx2
TCTR (Thailand)       TCTR + 11 digits                 TCTR20190110001
SLCTR (Sri Lanka)     SLCTR/YYYY/NNN                   SLCTR/2019/001
LBCTR (Lebanon)       LBCTR + 10 digits                LBCTR2019010123
RPCEC (Cuba)          RPCEC + 8 digits                 RPCEC00000123
REPEC (Peru)          PER- + 3 digits - 2 digits       PER-012-19
WHO UTN               U + 4-4-4 digits                 U1111-1234-5678
====================  ===============================  ==========================

Prefixes are read in any case and with an optional space or hyphen after them ("nct 01851070");
the canonical id is the registry's own spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class RegistryId:
    id: str
    registry: str
    start: int
    end: int


_SEP = r"[ \-]?"
# (registry, pattern, canonical prefix or None when the match is kept as written, upper-cased)
_PATTERNS: tuple[tuple[str, str, str | None], ...] = (
    ("ClinicalTrials.gov", rf"NCT{_SEP}(\d{{8}})", "NCT"),
    ("ISRCTN", rf"ISRCTN{_SEP}(\d{{8}})", "ISRCTN"),
    ("EU CTIS", r"(?:EUCTR)?(\d{4}-\d{6}-\d{2}-\d{2})", ""),
    ("EudraCT", r"(?:EUCTR)?(\d{4}-\d{6}-\d{2})(?:-[A-Z]{2}|(?!-?\d))", ""),
    ("ChiCTR", r"ChiCTR(\d{10}|-[A-Z]{2,5}-\d{8})", "ChiCTR"),
    ("IRCT", r"IRCT(\d{8,14}N\d{1,3})", "IRCT"),
    ("jRCT", r"jRCT(\d{10}|[a-z]\d{9})", "jRCT"),
    ("UMIN-CTR", rf"UMIN{_SEP}(\d{{9}})", "UMIN"),
    ("ANZCTR", rf"ACTRN{_SEP}(\d{{14}})", "ACTRN"),
    ("CTRI", r"CTRI/(\d{4}/\d{2,3}/\d{6})", "CTRI/"),
    ("DRKS", rf"DRKS{_SEP}(\d{{8}})", "DRKS"),
    ("CRiS", rf"KCT{_SEP}(\d{{7}})", "KCT"),
    ("Netherlands Trial Register", r"(NL-OMON\d{1,6}|NTR\d{1,5}|NL\d{4,5})", ""),
    ("PACTR", rf"PACTR{_SEP}(\d{{15}})", "PACTR"),
    ("ReBEC", r"RBR-([0-9a-z]{6,8})", "RBR-"),
    ("TCTR", rf"TCTR{_SEP}(\d{{11}})", "TCTR"),
    ("SLCTR", r"SLCTR/(\d{4}/\d{3})", "SLCTR/"),
    ("LBCTR", r"LBCTR(\d{10})", "LBCTR"),
    ("RPCEC", r"RPCEC(\d{8})", "RPCEC"),
    ("REPEC", r"PER-(\d{3}-\d{2})", "PER-"),
    ("WHO UTN", r"U(\d{4}-\d{4}-\d{4})", "U"),
)
_COMPILED = tuple(
    (name, re.compile(rf"(?<![\w/-]){pattern}(?![\w/])", re.IGNORECASE), prefix)
    for name, pattern, prefix in _PATTERNS
)


def _canonical(match: re.Match[str], prefix: str | None) -> str:
    body = match.group(1)
    if prefix == "":
        return body.upper()
    if prefix in {"jRCT", "RBR-"}:
        return prefix + body.lower()
    return f"{prefix}{body.upper()}"


def find_registry_ids(text: str) -> list[RegistryId]:
    """Every registry id in ``text``, in order of appearance, each once (first position)."""
    found: dict[str, RegistryId] = {}
    taken: list[tuple[int, int]] = []
    for name, pattern, prefix in _COMPILED:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            canonical = _canonical(match, prefix)
            taken.append((start, end))
            found.setdefault(canonical, RegistryId(canonical, name, start, end))
    return sorted(found.values(), key=lambda r: r.start)
