"""Small helpers that read configuration from the environment and fail loudly.

Nothing here runs at import time of any other module: settings call these helpers once.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})

# Django's own deploy check (security.W009) asks for at least 50 characters and 5 distinct ones.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE = 5


class ConfigError(RuntimeError):
    """A required setting is missing or malformed; the message names the variable."""


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    """Read a boolean such as ``DEBUG=1``; anything but a known word is an error."""
    env = os.environ if environ is None else environ
    raw = env.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def env_int(name: str, default: int, *, low: int, high: int, environ: Mapping[str, str] | None = None) -> int:
    """Read a whole number within ``[low, high]``, such as ``SYNOVIA_SESSION_IDLE_MINUTES=30``."""
    env = os.environ if environ is None else environ
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise ConfigError(f"{name}={raw[:20]!r} is not a whole number")
    value = int(raw)
    if not low <= value <= high:
        raise ConfigError(f"{name}={value} is outside {low}..{high}")
    return value


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    """Read a comma-separated list such as ``ALLOWED_HOSTS=a.example,b.example``."""
    env = os.environ if environ is None else environ
    raw = env.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str | None, environ: Mapping[str, str] | None = None) -> str:
    """Read a string; with no default the variable is required."""
    env = os.environ if environ is None else environ
    raw = env.get(name)
    if raw is None or raw == "":
        if default is None:
            raise ConfigError(f"{name} must be set")
        return default
    return raw


def secret_key(key_file: Path | None, environ: Mapping[str, str] | None = None) -> str:
    """The SECRET_KEY: ``SECRET_KEY`` from the environment, else one generated once into ``key_file``.

    With ``key_file=None`` (production, ``SYNOVIA_HTTPS=1``) the variable is required: several
    servers behind one address must share the key, so none is made up on one machine. There is
    no built-in key: a local demo gets its own random key, written with mode 0600.
    """
    env = os.environ if environ is None else environ
    key = env.get("SECRET_KEY", "")
    if key:
        _check_key(key, "SECRET_KEY")
        return key
    if key_file is None:
        raise ConfigError("SECRET_KEY must be set in production (SYNOVIA_HTTPS=1)")
    return _key_from_file(key_file)


def _check_key(key: str, source: str) -> None:
    if len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < SECRET_KEY_MIN_UNIQUE:
        raise ConfigError(
            f"{source} must be at least {SECRET_KEY_MIN_LENGTH} characters with {SECRET_KEY_MIN_UNIQUE} "
            "different ones (python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )
    if key.startswith("django-insecure"):
        raise ConfigError(f"{source} must not be Django's insecure development key")


def _key_from_file(key_file: Path) -> str:
    """Read the key file, creating it first if absent; safe when several processes start at once."""
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        draft = key_file.with_name(f".{key_file.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(64))
        # link() refuses to replace: the first process to finish wins, the others read its key.
        with contextlib.suppress(FileExistsError):
            os.link(draft, key_file)
        draft.unlink()
    key = key_file.read_text(encoding="ascii").strip()
    _check_key(key, str(key_file))
    return key


def database_url(base_dir: str, environ: Mapping[str, str] | None = None) -> str:
    """DATABASE_URL, defaulting to a SQLite file under ``var/``."""
    env = os.environ if environ is None else environ
    url = env.get("DATABASE_URL", "")
    if url:
        if "://" not in url:
            raise ConfigError(f"DATABASE_URL={url!r} is not a URL (postgres://... or sqlite:///...)")
        return url
    return f"sqlite:///{os.path.join(base_dir, 'var', 'synovia.sqlite3')}"
