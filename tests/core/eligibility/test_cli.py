"""The pure command functions: output format, default catalog, exit codes."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

from synovia.core.eligibility.cli import match_command, parse_command
from tests.core.eligibility.personas import ANA

DATA = Path(__file__).resolve().parents[3] / "synovia" / "data" / "trials"


def run_match(tmp_path: Path, patient: Any, trials: Path | None = None) -> tuple[int, str, str]:
    path = tmp_path / "patient.json"
    path.write_text(patient if isinstance(patient, str) else json.dumps(patient))
    out, err = io.StringIO(), io.StringIO()
    code = match_command(path, trials, out, err)
    return code, out.getvalue(), err.getvalue()


def test_match_prints_the_specified_json_for_the_installed_catalog(tmp_path: Path) -> None:
    code, out, err = run_match(tmp_path, ANA)
    assert code == 0 and err == ""
    result = json.loads(out)
    assert len(result) == 16
    for trial in result:
        assert set(trial) == {"trial", "verdict", "criteria"}
        assert trial["verdict"] in ("eligible", "not_eligible", "possibly_eligible")
        for c in trial["criteria"]:
            assert set(c) - {"assessed_by"} == {"kind", "text", "status", "reason"}
            assert c["kind"] in ("inclusion", "exclusion")
            assert c["status"] in ("met", "not_met", "unknown", "review")


def test_match_with_a_trials_directory(tmp_path: Path) -> None:
    trials = tmp_path / "trials"
    trials.mkdir()
    shutil.copy(DATA / "NCT01547091.json", trials)
    code, out, _ = run_match(tmp_path, {"age_years": 90})
    assert code == 0
    code, out, _ = run_match(tmp_path, {"age_years": 90}, trials)
    (only,) = json.loads(out)
    assert only["trial"] == "NCT01547091"
    assert only["verdict"] == "not_eligible"


def test_unknown_fact_key_exits_2_naming_the_key(tmp_path: Path) -> None:
    code, out, err = run_match(tmp_path, {"age_years": 50, "hb_g_dl": 12})
    assert code == 2
    assert out == ""
    assert "'hb_g_dl'" in err


def test_bad_json_exits_2(tmp_path: Path) -> None:
    code, _, err = run_match(tmp_path, "{age: 50")
    assert code == 2 and "not valid JSON" in err


def test_missing_patient_file_exits_2(tmp_path: Path) -> None:
    err = io.StringIO()
    assert match_command(tmp_path / "nope.json", None, io.StringIO(), err) == 2
    assert "cannot read" in err.getvalue()


def test_bad_trials_path_exits_2(tmp_path: Path) -> None:
    code, _, err = run_match(tmp_path, {"age_years": 50}, tmp_path / "none.json")
    assert code == 2 and "cannot read" in err


def test_parse_prints_structured_criteria(tmp_path: Path) -> None:
    out = io.StringIO()
    assert parse_command(DATA / "NCT03067870.json", out) == 0
    (study,) = json.loads(out.getvalue())
    assert study["trial"] == "NCT03067870"
    texts = [c["text"] for c in study["criteria"]]
    assert "17-75 years old" in texts
    item = study["criteria"][texts.index("17-75 years old")]
    assert item["structured"] is True
    assert item["rule"]["type"] == "all_of"


def test_parse_of_a_bad_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[1]")
    err = io.StringIO()
    assert parse_command(path, io.StringIO(), err) == 2
    assert err.getvalue().startswith("error:")
