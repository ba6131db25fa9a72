"""``synovia backup`` and ``synovia restore``: the demo database and its media files come back
identical, on SQLite and on PostgreSQL; a damaged or foreign archive changes nothing."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.own_database]

PG = "postgres://postgres@127.0.0.1:5432/"


def _synovia(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "synovia.cli", *args],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _env(var: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SYNOVIA_", "DATABASE_URL", "DEBUG"))}
    env.update(
        {
            "SYNOVIA_VAR_DIR": str(var),
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "synovia.settings",
        }
    )
    return env


def _demo(env: dict[str, str], media: Path) -> None:
    for args in (("migrate", "-v0"), ("demo", "--no-serve")):
        done = _synovia(env, *args)
        assert done.returncode == 0, done.stderr
    (media / "community" / "ab").mkdir(parents=True)
    (media / "community" / "ab" / "photo.webp").write_bytes(os.urandom(4096))
    (media / "avatar.png").write_bytes(b"\x89PNG not really")


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _sqlite_rows(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, read with the sqlite3 module (independent of the code under test)."""
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables}


def _pg_rows(name: str) -> dict[str, list[str]]:
    with psycopg.connect(PG + name) as db:
        tables = [
            r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1")
        ]
        return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables}


def _without_restore_event(rows: dict[str, list], source: dict[str, list]) -> dict[str, list]:
    """The restored log gains one event (and its subjects): the restore itself. Drop rows not
    in the source from the two audit tables only."""
    out = {t: r for t, r in rows.items() if t != "sqlite_sequence"}  # advanced by that event
    source.pop("sqlite_sequence", None)
    for table in ("access_auditevent", "access_auditsubject"):
        out[table] = [r for r in rows[table] if r in set(source[table])]
    return out


def test_sqlite_round_trip_is_identical_media_included(tmp_path):
    source = _env(tmp_path / "one", f"sqlite:///{tmp_path / 'one.sqlite3'}")
    _demo(source, tmp_path / "one" / "media")
    archive = tmp_path / "backup.tar"
    done = _synovia(source, "backup", str(archive))
    assert done.returncode == 0, done.stderr
    assert oct(archive.stat().st_mode)[-3:] == "600"

    target = _env(tmp_path / "two", f"sqlite:///{tmp_path / 'two.sqlite3'}")
    done = _synovia(target, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "identical to the archive" in done.stdout

    before, after = _sqlite_rows(tmp_path / "one.sqlite3"), _sqlite_rows(tmp_path / "two.sqlite3")
    assert len(before["clinic_patient"]) >= 50
    assert _without_restore_event(after, before) == before
    assert len(after["access_auditevent"]) == len(before["access_auditevent"]) + 1
    assert _tree(tmp_path / "two" / "media") == _tree(tmp_path / "one" / "media")


@pytest.fixture
def two_pg_databases():
    names = [f"synovia_bk_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    try:
        admin = psycopg.connect(PG + "postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    with admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        yield names
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_postgresql_round_trip_is_identical_and_keeps_the_append_only_log(tmp_path, two_pg_databases):
    first, second = two_pg_databases
    source = _env(tmp_path / "one", PG + first)
    _demo(source, tmp_path / "one" / "media")
    archive = tmp_path / "backup.tar"
    assert _synovia(source, "backup", str(archive)).returncode == 0

    target = _env(tmp_path / "two", PG + second)
    done = _synovia(target, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    before, after = _pg_rows(first), _pg_rows(second)
    assert _without_restore_event(after, before) == before
    assert _tree(tmp_path / "two" / "media") == _tree(tmp_path / "one" / "media")
    with psycopg.connect(PG + second) as db, pytest.raises(psycopg.Error):
        db.execute("DELETE FROM access_auditevent")  # the trigger came back with the schema

    # A second restore over data is refused without --replace, and works with it.
    refused = _synovia(target, "restore", str(archive))
    assert refused.returncode == 2
    assert "--replace" in refused.stderr
    assert _synovia(target, "restore", "--replace", str(archive)).returncode == 0


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """One migrated, empty SQLite database for the refusal tests (copied into each test)."""
    root = tmp_path_factory.mktemp("migrated")
    env = _env(root / "var", f"sqlite:///{root / 'db.sqlite3'}")
    done = _synovia(env, "migrate", "-v0")
    assert done.returncode == 0, done.stderr
    return root / "db.sqlite3"


def _copy_of(migrated: Path, tmp_path: Path) -> dict[str, str]:
    shutil.copyfile(migrated, tmp_path / "db.sqlite3")
    return _env(tmp_path / "var", f"sqlite:///{tmp_path / 'db.sqlite3'}")


def _forge(path: Path, members: dict[str, bytes], manifest: dict | None = None) -> None:
    manifest = manifest or {
        "format": "synovia-backup/1",
        "engine": "sqlite",
        "fingerprint": "0",
        "tables": {},
        "members": {n: hashlib.sha256(b).hexdigest() for n, b in members.items()},
    }
    with tarfile.open(path, "w") as tar:
        for name, data in {"manifest.json": json.dumps(manifest).encode(), **members}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing", "is not a file"),
        ("not a tar", "not a readable Synovia backup"),
        ("no manifest", "not a Synovia backup"),
        ("damaged", "damaged"),
        ("escaping path", "may not be extracted"),
        ("foreign engine", "postgresql database"),
    ],
)
def test_a_bad_archive_exits_2_and_leaves_the_database_as_it_was(tmp_path, migrated, case, message):
    env = _copy_of(migrated, tmp_path)
    before = _sqlite_rows(tmp_path / "db.sqlite3")
    archive = tmp_path / "a.tar"
    if case == "not a tar":
        archive.write_bytes(b"hello")
    elif case == "no manifest":
        with tarfile.open(archive, "w") as tar:
            info = tarfile.TarInfo("x")
            tar.addfile(info, io.BytesIO(b""))
    elif case == "damaged":
        _forge(archive, {"database.sqlite3": b"abc"})
        data = archive.read_bytes().replace(b"abc", b"abd")
        archive.write_bytes(data)
    elif case == "escaping path":
        _forge(archive, {"database.sqlite3": b"abc", "media/../../evil": b"x"})
    elif case == "foreign engine":
        manifest = {"format": "synovia-backup/1", "engine": "postgresql", "fingerprint": "0", "tables": {},
                    "members": {"database.pgdump": hashlib.sha256(b"abc").hexdigest()}}  # fmt: skip
        _forge(archive, {"database.pgdump": b"abc"}, manifest)
    done = _synovia(env, "restore", str(archive))
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert _sqlite_rows(tmp_path / "db.sqlite3") == before
    assert not (tmp_path / "evil").exists()


def test_backup_refuses_to_overwrite_an_existing_file(tmp_path, migrated):
    env = _copy_of(migrated, tmp_path)
    (tmp_path / "exists.tar").write_bytes(b"keep me")
    done = _synovia(env, "backup", str(tmp_path / "exists.tar"))
    assert done.returncode == 2
    assert "exists already" in done.stderr
    assert (tmp_path / "exists.tar").read_bytes() == b"keep me"
