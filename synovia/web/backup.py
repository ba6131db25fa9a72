"""Backup and restore of the whole instance: the database and the media files, in one archive.

An archive is an uncompressed tar file holding::

    manifest.json        format, Synovia version, engine, when, per-table row counts,
                         the database fingerprint and the SHA-256 of every other member
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API
    database.pgdump      PostgreSQL: ``pg_dump --format=custom`` (compressed by pg_dump)
    media/...            every file under MEDIA_ROOT

The fingerprint is a SHA-256 over every table's rows in primary-key order, so a restore can
prove that it brought back exactly what was saved (``restore`` checks it and refuses to call
a different database restored). Archives hold protected health information: see
docs/backup.md for encryption at rest and retention.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import connection, transaction

from synovia import __version__
from synovia.access import door
from synovia.access.models import Action

FORMAT = "synovia-backup/1"
MANIFEST = "manifest.json"
_DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
_TOOL_TIMEOUT_SECONDS = 3600


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why (the CLI exits 2)."""


@dataclass(frozen=True)
class Summary:
    path: Path
    engine: str
    tables: int
    rows: int
    media_files: int
    fingerprint: str


# -- what is in the database ---------------------------------------------------------------


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in _DUMPS:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return sorted(name for name in names if not name.startswith("sqlite_"))


def _order(cursor: Any, table: str) -> str:
    """ORDER BY the primary key, else by every column (so the row order is reproducible)."""
    key = connection.introspection.get_primary_key_column(cursor, table)
    if key:
        return connection.ops.quote_name(key)
    columns = connection.introspection.get_table_description(cursor, table)
    return ", ".join(str(i + 1) for i in range(len(columns)))


def fingerprint() -> tuple[str, dict[str, int]]:
    """SHA-256 of every table's rows in primary-key order, and the row count of each table."""
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in _tables():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY {_order(cursor, table)}")  # noqa: S608  # names from the schema  # nosec B608
            digest.update(f"\x00table {table}\x00".encode())
            count = 0
            while rows := cursor.fetchmany(2000):
                for row in rows:
                    digest.update(repr(tuple(_plain(v) for v in row)).encode())
                count += len(rows)
            counts[table] = count
    return digest.hexdigest(), counts


def _plain(value: Any) -> Any:
    """Values as both drivers give them back after a restore (memoryview -> bytes)."""
    return bytes(value) if isinstance(value, memoryview) else value


# -- backup --------------------------------------------------------------------------------


def backup(path: Path, *, media_root: Path | None = None) -> Summary:
    """Write an archive of the current database and the media files to ``path``."""
    engine = _engine()
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists already; choose a new file name")
    if not path.parent.is_dir():
        raise BackupError(f"the folder {path.parent} does not exist")
    media = Path(media_root or settings.MEDIA_ROOT)
    door.record_whole_database(door.for_command("backup"), purpose="backup", detail=path.name)
    with tempfile.TemporaryDirectory(prefix="synovia-backup-") as scratch:
        dump = Path(scratch) / _DUMPS[engine]
        with transaction.atomic():  # the dump and the fingerprint see the same snapshot
            if engine == "sqlite":
                _tables()  # a first read opens SQLite's read transaction
                _dump_sqlite(dump)
            else:
                _dump_postgres(dump)
            print_, counts = fingerprint()
        files = sorted(_media_files(media))
        manifest = {
            "format": FORMAT,
            "synovia": __version__,
            "engine": engine,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "fingerprint": print_,
            "tables": counts,
            "members": {_DUMPS[engine]: _sha256(dump)}
            | {f"media/{rel}": _sha256(media / rel) for rel in files},
        }
        partial = path.with_name(path.name + ".partial")
        try:
            with tarfile.open(partial, "w") as tar:
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
                tar.add(dump, arcname=_DUMPS[engine])
                for rel in files:
                    tar.add(media / rel, arcname=f"media/{rel}")
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    os.chmod(path, 0o600)
    return Summary(path, engine, len(counts), sum(counts.values()), len(files), print_)


def _dump_sqlite(target: Path) -> None:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _pg_env() -> dict[str, str]:
    db: dict[str, Any] = dict(settings.DATABASES["default"])
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} was not found on PATH (Debian: apt-get install postgresql-client)")
    return found


def _run(args: list[str]) -> None:
    done = subprocess.run(  # noqa: S603  # fixed tool, arguments from our settings
        args, env=_pg_env(), capture_output=True, text=True, timeout=_TOOL_TIMEOUT_SECONDS, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()[:500]}")


def _dump_postgres(target: Path) -> None:
    """pg_dump of the snapshot of this transaction (exported to it), so the fingerprint taken
    in the same transaction describes exactly what was dumped."""
    name = str(settings.DATABASES["default"]["NAME"])
    with connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
    _run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
         f"--file={target}", name]
    )  # fmt: skip


def _media_files(root: Path) -> Iterator[str]:
    if not root.is_dir():
        return
    for file in root.rglob("*"):
        if file.is_symlink():
            continue  # never follow a link out of MEDIA_ROOT
        if file.is_file():
            yield file.relative_to(root).as_posix()


def _sha256(file: Path) -> str:
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stream_sha256(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


# -- restore -------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict[str, Any]:
    """The archive's manifest, after checking its format and the checksum of every member."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    try:
        with tarfile.open(path, "r:") as tar:
            member = tar.extractfile(MANIFEST) if MANIFEST in tar.getnames() else None
            if member is None:
                raise BackupError(f"{path} has no {MANIFEST}: not a Synovia backup")
            manifest: dict[str, Any] = json.loads(member.read(1 << 22))
            if manifest.get("format") != FORMAT:
                raise BackupError(f"{path} is not a {FORMAT} archive")
            names = {m.name for m in tar.getmembers()} - {MANIFEST}
            if names != set(manifest["members"]):
                raise BackupError(f"{path} does not hold exactly the members its manifest lists")
            for name, expected in manifest["members"].items():
                handle = tar.extractfile(name)
                if handle is None or _stream_sha256(handle) != expected:
                    raise BackupError(f"{name} in {path} is damaged (checksum differs)")
    except (tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{path} is not a readable Synovia backup: {exc}") from exc
    return manifest


def restore(path: Path, *, media_root: Path | None = None, replace: bool = False) -> Summary:
    """Replace the current database and media files with those of the archive at ``path``.

    Refuses when the database already holds patients or users, unless ``replace`` is given,
    and checks afterwards that the restored database has the archive's fingerprint.
    """
    manifest = read_manifest(path)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(f"the archive holds a {manifest['engine']} database; this instance uses {engine}")
    if not replace and _holds_data():
        raise BackupError("this database already holds data; give --replace to overwrite it")
    media = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="synovia-restore-") as scratch, tarfile.open(path, "r:") as tar:
        try:
            tar.extractall(scratch, filter="data")  # refuses links and paths out of the folder
        except tarfile.TarError as exc:
            raise BackupError(f"{path} holds a member that may not be extracted: {exc}") from exc
        dump = Path(scratch) / _DUMPS[engine]
        _load_sqlite(dump) if engine == "sqlite" else _load_postgres(dump)
        _swap_media(Path(scratch) / "media", media)
    print_, counts = fingerprint()
    if print_ != manifest["fingerprint"]:
        raise BackupError("the restored database differs from the archive (fingerprint mismatch)")
    # After the check: the restored log gains one event saying who brought it back, and when.
    door.record_whole_database(
        door.for_command("restore"), purpose="restore", action=Action.UPDATE, detail=Path(path).name
    )
    files = [m for m in manifest["members"] if PurePosixPath(m).parts[0] == "media"]
    return Summary(Path(path), engine, len(counts), sum(counts.values()), len(files), print_)


def _swap_media(staged: Path, media: Path) -> None:
    """Put the archive's media in place of the current ones; the old folder goes only once the
    new one is complete."""
    fresh = media.with_name(media.name + ".restoring")
    old = media.with_name(media.name + ".replaced")
    for leftover in (fresh, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    if staged.is_dir():
        shutil.copytree(staged, fresh)
    else:
        fresh.mkdir(parents=True)
    if media.exists():
        media.rename(old)
    fresh.rename(media)
    if old.exists():
        shutil.rmtree(old)


def _holds_data() -> bool:
    tables = set(_tables())
    with connection.cursor() as cursor:
        for table in ("clinic_patient", "accounts_user"):
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608  # a fixed table name  # nosec B608
                if cursor.fetchone() is not None:
                    return True
    return False


def _load_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _load_postgres(dump: Path) -> None:
    """Drop the current schema and load the dump in ONE transaction: a failure changes nothing."""
    db = settings.DATABASES["default"]
    script = dump.with_suffix(".sql")
    _run([_tool("pg_restore"), "--no-owner", "--no-privileges", f"--file={script}", str(dump)])
    body = script.read_text(encoding="utf-8")
    # ANALYZE at the end: the planner's statistics are not in a dump, and without them the first
    # queries on a restored registry are planned as on empty tables.
    script.write_text(
        "DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n" + body + "\nANALYZE;\n", encoding="utf-8"
    )
    connection.close()
    _run(
        [_tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1",
         f"--dbname={db['NAME']}", f"--file={script}"]
    )  # fmt: skip
