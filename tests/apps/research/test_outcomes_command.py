"""``synovia outcomes``: the fixed interface, and exit status 2 for every malformed input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synovia.cli import main

HEADER = "patient_id,group,timepoint,das28,cdai,haq_di,acr,eular,boolean_remission"
GOOD_VISITS = (
    "eular,extra,timepoint,patient_id,group,das28,cdai,haq_di,acr,boolean_remission\n"  # any order
    ",x,baseline,a,IV,5.1,30,1.625,,\n"
    "good,y,m1,a,IV,2.5,2.8,1.405,ACR50,true\n"
    ",,baseline,b,IA,6,40,2,,\n"
    "moderate,,m1,b,IA,3.3,10,1.9,ACR20,false\n"
    ",,baseline,c,,5,20,1,,\n"
)
GOOD_EVENTS = "patient_id,group,time_days,event\na,IV,30,1\nb,IA,90,0\nc,,90,1\nd,IA,200.5,1\n"


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        main(["synovia", "outcomes", *args])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def write(tmp_path: Path, name: str, text: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def test_prints_one_json_object_of_the_documented_shape(tmp_path, capsys) -> None:
    visits, events = write(tmp_path, "v.csv", GOOD_VISITS), write(tmp_path, "e.csv", GOOD_EVENTS)
    code, out, _ = run(capsys, "--visits", visits, "--events", events, "--times", "30,90,365")
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"enrolled", "responses", "survival"}
    assert result["enrolled"] == {"all": 3, "IA": 1, "IV": 1}
    first = result["responses"][0]
    assert list(first) == ["group", "timepoint", "endpoint", "analysis", "n", "N", "rate", "ci95"]
    haq = next(
        r
        for r in result["responses"]
        if (r["group"], r["timepoint"], r["endpoint"], r["analysis"]) == ("IV", "m1", "HAQ_MCID", "nri")
    )
    assert (haq["n"], haq["N"], haq["rate"]) == (1, 1, 1.0)  # 1.625 - 1.405 = 0.22: met
    surv = result["survival"]
    assert list(surv[0]) == ["group", "time_days", "survival", "ci95", "at_risk"]
    assert [(s["group"], s["time_days"]) for s in surv[:3]] == [("all", 30), ("all", 90), ("all", 365)]
    # all: event at 30 (4 at risk) -> 3/4; at 90: b censored, c event, 3 at risk -> 3/4 * 2/3
    assert [s["survival"] for s in surv[:2]] == pytest.approx([0.75, 0.5])
    assert [s["at_risk"] for s in surv[:3]] == [4, 3, 0]
    assert {s["group"] for s in surv} == {"all", "IA", "IV"}


def test_without_events_survival_is_empty_and_times_default(tmp_path, capsys) -> None:
    code, out, _ = run(capsys, "--visits", write(tmp_path, "v.csv", GOOD_VISITS))
    assert code == 0 and json.loads(out)["survival"] == []
    code, out, _ = run(
        capsys,
        "--visits",
        write(tmp_path, "v.csv", GOOD_VISITS),
        "--events",
        write(tmp_path, "e.csv", GOOD_EVENTS),
    )
    assert [s["time_days"] for s in json.loads(out)["survival"][:3]] == [90, 180, 365]


def visits_with(line: str) -> str:
    return f"{HEADER}\na,G,baseline,5,20,1,,,\n{line}\n"


# (what, file content, line, column named in the message)
MALFORMED_VISITS = [
    ("empty file", "", 1, "-"),
    ("blank header", "\n\n", 1, "-"),
    (
        "missing column",
        "patient_id,group,timepoint,das28,cdai,haq_di,acr,eular\na,,baseline,,,,,\n",
        1,
        "9 (boolean_remission)",
    ),
    ("duplicate column", f"{HEADER},das28\na,,baseline,,,,,,,\n", 1, "10 (das28)"),
    ("too few fields", visits_with("b,G,baseline,5"), 3, "5"),
    ("too many fields", visits_with("b,G,baseline,5,20,1,,,,extra"), 3, "10"),
    ("unclosed quote", visits_with('b,G,baseline,"5,20,1,,,'), 3, "-"),
    ("empty patient", visits_with(",G,baseline,5,20,1,,,"), 3, "1 (patient_id)"),
    ("long patient id", visits_with("p" * 65 + ",G,baseline,5,20,1,,,"), 3, "1 (patient_id)"),
    ("long group", visits_with("b," + "g" * 65 + ",baseline,5,20,1,,,"), 3, "2 (group)"),
    ("reserved group", visits_with("b,all,baseline,5,20,1,,,"), 3, "2 (group)"),
    ("unknown time point", visits_with("b,G,m3,5,20,1,,,"), 3, "3 (timepoint)"),
    ("empty time point", visits_with("b,G,,5,20,1,,,"), 3, "3 (timepoint)"),
    ("word for a number", visits_with("b,G,baseline,high,20,1,,,"), 3, "4 (das28)"),
    ("negative number", visits_with("b,G,baseline,-1,20,1,,,"), 3, "4 (das28)"),
    ("exponent", visits_with("b,G,baseline,5e0,20,1,,,"), 3, "4 (das28)"),
    ("comma decimal", visits_with('b,G,baseline,"5,1",20,1,,,'), 3, "4 (das28)"),
    ("ten decimals", visits_with("b,G,baseline,5.0000000001,20,1,,,"), 3, "4 (das28)"),
    ("DAS28 out of range", visits_with("b,G,baseline,10.01,20,1,,,"), 3, "4 (das28)"),
    ("CDAI out of range", visits_with("b,G,baseline,5,77,1,,,"), 3, "5 (cdai)"),
    ("HAQ out of range", visits_with("b,G,baseline,5,20,3.125,,,"), 3, "6 (haq_di)"),
    ("NaN", visits_with("b,G,baseline,nan,20,1,,,"), 3, "4 (das28)"),
    ("bad ACR", visits_with("b,G,m1,5,20,1,ACR30,,"), 3, "7 (acr)"),
    ("bad EULAR", visits_with("b,G,m1,5,20,1,,great,"), 3, "8 (eular)"),
    ("bad boolean", visits_with("b,G,m1,5,20,1,,,yes"), 3, "9 (boolean_remission)"),
    ("duplicate time point", visits_with("a,G,baseline,4,20,1,,,"), 3, "3 (timepoint)"),
    ("first problem in file order", f"{HEADER}\na,G,m1,5,20,1,bad,,\nb,G,m9,5,20,1,,,\n", 2, "7 (acr)"),
    ("leftmost problem in a row", f"{HEADER}\na,G,m1,99,20,1,bad,,\n", 2, "4 (das28)"),
]


@pytest.mark.parametrize(
    ("what", "content", "line", "column"), MALFORMED_VISITS, ids=[m[0] for m in MALFORMED_VISITS]
)
def test_malformed_visits_exit_2_naming_file_line_and_column(
    tmp_path, capsys, what, content, line, column
) -> None:
    path = write(tmp_path, "visits.csv", content)
    code, out, err = run(capsys, "--visits", path)
    assert code == 2, (what, err)
    assert out == ""
    assert f"{path}, line {line}, column {column}:" in err, err


def test_unreadable_and_non_utf8_files_exit_2(tmp_path, capsys) -> None:
    code, _, err = run(capsys, "--visits", str(tmp_path / "absent.csv"))
    assert code == 2 and "absent.csv" in err and "cannot be read" in err
    path = write(tmp_path, "latin.csv", (HEADER + "\n").encode() + "a,Gé,baseline,,,,,,\n".encode("latin-1"))
    code, _, err = run(capsys, "--visits", path)
    assert code == 2 and f"{path}, line 2" in err and "UTF-8" in err


def test_a_byte_order_mark_and_blank_lines_are_accepted(tmp_path, capsys) -> None:
    path = write(tmp_path, "bom.csv", "\ufeff" + HEADER + "\n\na,G,baseline,5,20,1,,,\n\n")
    code, out, _ = run(capsys, "--visits", path)
    assert code == 0 and json.loads(out)["enrolled"] == {"all": 1, "G": 1}


EVENTS_HEADER = "patient_id,group,time_days,event"
MALFORMED_EVENTS = [
    ("missing column", "patient_id,group,time_days\na,,3\n", 1, "4 (event)"),
    ("negative time", f"{EVENTS_HEADER}\na,,-1,1\n", 2, "3 (time_days)"),
    ("empty time", f"{EVENTS_HEADER}\na,,,1\n", 2, "3 (time_days)"),
    ("time too large", f"{EVENTS_HEADER}\na,,100001,1\n", 2, "3 (time_days)"),
    ("word for a time", f"{EVENTS_HEADER}\na,,soon,1\n", 2, "3 (time_days)"),
    ("event 2", f"{EVENTS_HEADER}\na,,5,2\n", 2, "4 (event)"),
    ("event empty", f"{EVENTS_HEADER}\na,,5,\n", 2, "4 (event)"),
    ("event true", f"{EVENTS_HEADER}\na,,5,true\n", 2, "4 (event)"),
    ("two rows for a patient", f"{EVENTS_HEADER}\na,,5,1\na,,9,0\n", 3, "1 (patient_id)"),
    ("empty patient", f"{EVENTS_HEADER}\n,,5,1\n", 2, "1 (patient_id)"),
    ("reserved group", f"{EVENTS_HEADER}\na,all,5,1\n", 2, "2 (group)"),
    ("wrong field count", f"{EVENTS_HEADER}\na,,5\n", 2, "4"),
]


@pytest.mark.parametrize(
    ("what", "content", "line", "column"), MALFORMED_EVENTS, ids=[m[0] for m in MALFORMED_EVENTS]
)
def test_malformed_events_exit_2_naming_file_line_and_column(
    tmp_path, capsys, what, content, line, column
) -> None:
    visits = write(tmp_path, "v.csv", GOOD_VISITS)
    path = write(tmp_path, "events.csv", content)
    code, out, err = run(capsys, "--visits", visits, "--events", path)
    assert code == 2, (what, err)
    assert out == ""
    assert f"{path}, line {line}, column {column}:" in err, err


@pytest.mark.parametrize("times", ["", "x", "90,,180", "-1", "100001", "nan", "inf", ",".join(["1"] * 101)])
def test_bad_times_exit_2(tmp_path, capsys, times) -> None:
    code, out, err = run(capsys, "--visits", write(tmp_path, "v.csv", GOOD_VISITS), "--times", times)
    assert code == 2 and out == "" and "--times" in err


def test_missing_visits_argument_exits_2(capsys) -> None:
    code, _, err = run(capsys)
    assert code == 2 and "--visits" in err
