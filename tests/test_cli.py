"""The `synovia` console script, end to end in a subprocess."""

import json
import os
import subprocess
import sys

import pytest

from synovia.cli import main


def _synovia(*args, stdin="", env=None):
    return subprocess.run(
        [sys.executable, "-m", "synovia.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_measures_reads_json_lines_and_answers_one_line_each():
    lines = [
        {"measure": "das28_esr", "tjc28": 4, "sjc28": 2, "esr_mm_h": 30, "ptga_mm": 50},
        {"measure": "cdai", "tjc28": 1, "sjc28": 1, "ptga_cm": 0.4, "ega_cm": 0.4},
        {"measure": "boolean_remission", "tjc28": 1, "sjc28": 0, "crp_mg_dl": 0.5, "ptga_cm": 2},
    ]
    run = _synovia("measures", stdin="\n".join(json.dumps(x) for x in lines) + "\n")
    assert run.returncode == 0, run.stderr
    out = [json.loads(x) for x in run.stdout.splitlines()]
    assert len(out) == 3
    assert out[0]["value"] == pytest.approx(4.5968, abs=1e-3) and out[0]["category"] == "moderate"
    assert out[1]["category"] == "remission"  # CDAI 2.8 <= 2.8 (Aletaha & Smolen 2005)
    assert out[2]["category"] == "remission"  # 2022 version: PtGA <= 2 (Studenic 2022)


def test_measures_reports_bad_lines_and_goes_on_then_exits_2():
    stdin = (
        "\n".join(
            [
                json.dumps({"measure": "das28_esr", "tjc28": 30, "sjc28": 2, "esr_mm_h": 30, "ptga_mm": 50}),
                "not json",
                json.dumps(
                    {"measure": "sdai", "tjc28": 1, "sjc28": 1, "ptga_cm": 1, "ega_cm": 1, "crp_mg_l": 5}
                ),
            ]
        )
        + "\n"
    )
    run = _synovia("measures", stdin=stdin)
    assert run.returncode == 2
    out = [json.loads(x) for x in run.stdout.splitlines()]
    assert "tjc28=30" in out[0]["error"]
    assert "error" in out[1]
    assert out[2]["value"] == pytest.approx(4.5)  # 1+1+1+1 + CRP 0.5 mg/dL


def test_hyphenated_commands_map_to_django_names(monkeypatch):
    seen = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", seen.append)
    main(["synovia", "demo-data", "--patients", "3"])
    assert seen == [["synovia", "demo_data", "--patients", "3"]]


def test_unknown_command_fails_clearly():
    run = _synovia("no-such-command")
    assert run.returncode != 0
    assert "Unknown command" in run.stderr
