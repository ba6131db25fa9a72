"""The two readers of VISITS.csv and EVENTS.csv give the same result: the fast path (Polars over
a plainly split file) and the slow path (Python's csv module, which locates the first bad row).

Generated files: random cohorts written with every quoting style, CRLF or LF, a byte order
mark, extra and reordered columns, values with commas, quotes and spaces; then mutated (a
quote, a comma, a blank line, a lone CR, a bad value inserted). Whatever the file, both paths
return equal frames or raise the same error (file, line, column, message)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synovia.core.outcomes import InputError, analyse, csvio

TIMEPOINTS = ("baseline", "m1", "m6", "m12")
TEXT = st.text(alphabet=st.sampled_from('ab ,"é\tG'), max_size=6)
NUMBER = st.one_of(
    st.just(""),
    st.decimals(min_value=0, max_value=12, places=3, allow_nan=False).map(str),
    st.sampled_from(["1.625", "1.405", " 2.6 ", "3.2", "x", "1e2", "-1"]),
)
LEVEL = st.sampled_from(["", "none", "ACR20", "ACR50", "ACR70", "moderate", "good", "bad"])
BOOL = st.sampled_from(["", "true", "false", "yes"])


@st.composite
def visit_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    patients = draw(st.lists(st.sampled_from(["p1", "p2", "p3", "p4", " p5", "", "q,1", 'r"2']), max_size=6))
    rows = []
    for pid in patients:
        for tp in draw(
            st.lists(st.sampled_from([*TIMEPOINTS, "m3", ""]), min_size=1, max_size=3, unique=True)
        ):
            rows.append(
                {
                    "patient_id": pid,
                    "group": draw(st.one_of(st.sampled_from(["", "IV", "IA", "all"]), TEXT)),
                    "timepoint": tp,
                    "das28": draw(NUMBER),
                    "cdai": draw(NUMBER),
                    "haq_di": draw(NUMBER),
                    "acr": draw(LEVEL),
                    "eular": draw(LEVEL),
                    "boolean_remission": draw(BOOL),
                    "extra": draw(TEXT),
                }
            )
    return rows


QUOTING = [csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]


def render(rows: list[dict[str, str]], columns: list[str], quoting: int, crlf: bool, bom: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, quoting=quoting, lineterminator="\r\n" if crlf else "\n")
    writer.writeheader()
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


MUTATIONS = st.one_of(
    st.just(b""),
    st.sampled_from([b'"', b",", b"\n", b"\n\n", b"\r", b'""', b'"x"', b"\xff", b" "]),
)


def outcome(read, path: Path) -> object:  # type: ignore[no-untyped-def]
    try:
        return read(path).to_dicts()
    except InputError as exc:
        return ("error", exc.file, exc.line, exc.column, exc.message)


def both(read, path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:  # type: ignore[no-untyped-def]
    fast = outcome(read, path)
    with monkeypatch.context() as patch:
        patch.setattr(csvio, "_fast_rows", lambda *args: None)
        slow = outcome(read, path)
    return fast, slow


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(
    rows=visit_rows(),
    order=st.permutations([*csvio.VISIT_COLUMNS, "extra"]),
    quoting=st.sampled_from(QUOTING),
    crlf=st.booleans(),
    bom=st.booleans(),
    cut=st.floats(0, 1),
    insert=MUTATIONS,
)
def test_visits_fast_and_slow_paths_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows, order, quoting, crlf, bom, cut, insert
) -> None:
    data = render(rows, list(order), quoting, crlf, bom)
    at = int(cut * len(data))
    path = tmp_path / "visits.csv"
    path.write_bytes(data[:at] + insert + data[at:])
    fast, slow = both(csvio.read_visits, path, monkeypatch)
    assert fast == slow


@SETTINGS
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "patient_id": st.sampled_from(["a", "b", "c", "d", "", "e,1"]),
                "group": st.one_of(st.sampled_from(["", "IV", "all"]), TEXT),
                "time_days": st.sampled_from(["0", "30", "90.5", "100001", "-1", "", "soon", " 7 "]),
                "event": st.sampled_from(["0", "1", "2", ""]),
            }
        ),
        max_size=8,
    ),
    quoting=st.sampled_from(QUOTING),
    crlf=st.booleans(),
    cut=st.floats(0, 1),
    insert=MUTATIONS,
)
def test_events_fast_and_slow_paths_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows, quoting, crlf, cut, insert
) -> None:
    data = render(rows, list(csvio.EVENT_COLUMNS), quoting, crlf, False)
    at = int(cut * len(data))
    path = tmp_path / "events.csv"
    path.write_bytes(data[:at] + insert + data[at:])
    fast, slow = both(csvio.read_events, path, monkeypatch)
    assert fast == slow


def valid_cohort(n: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    ids = [f"P{i}" for i in range(n)]
    visits = pl.DataFrame(
        {
            "patient_id": ids * 2,
            "group": (["IV", "", "IA, local"] * n)[:n] * 2,
            "timepoint": ["baseline"] * n + ["m6"] * n,
            "das28": [f"{2 + (i % 50) / 10:.2f}" for i in range(2 * n)],
            "cdai": ["2.8", ""] * n,
            "haq_di": ["1.625", "1.405"] * n,
            "acr": ["", "ACR50"] * n,
            "eular": ["good", ""] * n,
            "boolean_remission": ["true", ""] * n,
        }
    )
    events = pl.DataFrame(
        {"patient_id": ids, "group": ["IV"] * n, "time_days": list(range(n)), "event": [1, 0] * (n // 2)}
    )
    return visits, events


@pytest.mark.parametrize("n", [10, 400])
def test_the_export_takes_the_fast_path_and_gives_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    visits, events = valid_cohort(n)
    vpath, epath = tmp_path / "v.csv", tmp_path / "e.csv"
    visits.write_csv(vpath)  # as the report page exports it (empty strings quoted)
    events.write_csv(epath)
    assert csvio._fast_rows(vpath, str(vpath), csvio.VISIT_COLUMNS) is not None
    assert csvio._fast_rows(epath, str(epath), csvio.EVENT_COLUMNS) is not None
    fast = analyse(csvio.read_visits(vpath), csvio.read_events(epath))
    with monkeypatch.context() as patch:
        patch.setattr(csvio, "_fast_rows", lambda *args: None)
        slow = analyse(csvio.read_visits(vpath), csvio.read_events(epath))
    assert fast == slow


def test_a_bad_row_is_located_by_the_slow_path(tmp_path: Path) -> None:
    visits, _ = valid_cohort(50)
    text = visits.write_csv().splitlines()
    text[60] = text[60].replace("m6", "m9")
    path = tmp_path / "v.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        csvio.read_visits(path)
    assert (caught.value.line, caught.value.column) == (61, "3 (timepoint)")
