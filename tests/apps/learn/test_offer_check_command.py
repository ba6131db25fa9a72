"""``synovia offer-check [FILE]``: one JSON object, ids looked up in the catalog, exit 2 on bad input."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from synovia.core.offercheck import FLAG_CODES
from synovia.trials.importing import catalog_dir, read_records
from synovia.trials.services import trials_import
from tests.core.offercheck.adverts import ADVERTS

ROOT = Path(__file__).resolve().parents[3]
OFFER = (
    "Start your online process for FREE! Our cells regenerate cartilage with no side effects. "
    "Package: $16K. Ask about trial NCT01851070 or ISRCTN12345678."
)


def _run(*args, stdin: bytes | None = None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = 0
    try:
        call_command("offer_check", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def catalog(db):
    studies, raw = read_records(catalog_dir())
    trials_import(studies=studies, raw_by_id=raw)


def test_prints_one_json_object_with_catalog_lookups(catalog, tmp_path):
    path = tmp_path / "offer.txt"
    path.write_text(OFFER, encoding="utf-8")
    code, out, _ = _run(str(path))
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"language", "registry_ids", "flags"}
    assert result["language"] == "en"
    assert result["registry_ids"] == [
        {"id": "NCT01851070", "in_catalog": True, "status": "COMPLETED"},
        {"id": "ISRCTN12345678", "in_catalog": False, "status": None},
    ]
    codes = [f["code"] for f in result["flags"]]
    assert "no_registry_id" not in codes
    assert {"claims_no_risk", "claims_cure_or_regeneration", "charges_patient"} <= set(codes)
    for flag in result["flags"]:
        assert flag["code"] in FLAG_CODES
        assert all(quote in OFFER for quote in flag["evidence"])


@pytest.mark.parametrize("arg", [[], ["-"]])
def test_reads_standard_input_without_a_file_or_with_a_dash(db, monkeypatch, arg):
    text = ADVERTS[11][1]  # a Spanish offer
    code, out, _ = _run(*arg, stdin=text.encode("utf-8"), monkeypatch=monkeypatch)
    result = json.loads(out)
    assert code == 0 and result["language"] == "es"
    assert {f["code"] for f in result["flags"]} == ADVERTS[11][2]
    assert all(q in text for f in result["flags"] for q in f["evidence"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"abc\x00def", "binary"),
        (b"\xff\xfe\xfa not utf-8", "UTF-8"),
        (b"a" * 200_001, "larger than"),
        ("é".encode() * 50_001, "longer than"),
    ],
)
def test_bad_input_exits_2_with_a_message(db, tmp_path, content, message):
    path = tmp_path / "offer.txt"
    path.write_bytes(content)
    code, out, err = _run(str(path))
    assert code == 2 and out == ""
    assert message in err


def test_a_missing_file_exits_2(db, tmp_path):
    code, _, err = _run(str(tmp_path / "nowhere.txt"))
    assert code == 2 and "cannot read" in err


def test_empty_standard_input_exits_2(db, monkeypatch):
    code, _, err = _run(stdin=b"", monkeypatch=monkeypatch)
    assert code == 2 and "empty" in err


@pytest.mark.own_database
def test_through_the_console_script_path(tmp_path):
    """The ``synovia`` entry point (synovia.cli.main), as another tool would call it."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-c", "from synovia.cli import main; main(['synovia', 'migrate', '-v0'])"],
        cwd=ROOT, env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    script = "from synovia.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", script, "offer-check", "-"],
        input=OFFER.encode(), cwd=ROOT, env=env, capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["registry_ids"][0] == {"id": "NCT01851070", "in_catalog": False, "status": None}
    empty = subprocess.run(
        [sys.executable, "-c", script, "offer-check"],
        input=b"",
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert empty.returncode == 2 and b"empty" in empty.stderr
