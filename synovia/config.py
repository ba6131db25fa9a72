"""Small helpers that read configuration from the environment and fail loudly.

Nothing here runs at import time of any other module: settings call these helpers once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


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


def secret_key(debug: bool, environ: Mapping[str, str] | None = None) -> str:
    """The SECRET_KEY: required when DEBUG is off, a fixed development key otherwise."""
    env = os.environ if environ is None else environ
    key = env.get("SECRET_KEY", "")
    if key:
        if not debug and len(key) < 32:
            raise ConfigError("SECRET_KEY must be at least 32 characters when DEBUG is off")
        return key
    if not debug:
        raise ConfigError("SECRET_KEY must be set when DEBUG is off")
    return "synovia-development-only-key-never-use-in-production-0123456789"


def database_url(base_dir: str, environ: Mapping[str, str] | None = None) -> str:
    """DATABASE_URL, defaulting to a SQLite file under ``var/``."""
    env = os.environ if environ is None else environ
    url = env.get("DATABASE_URL", "")
    if url:
        if "://" not in url:
            raise ConfigError(f"DATABASE_URL={url!r} is not a URL (postgres://... or sqlite:///...)")
        return url
    return f"sqlite:///{os.path.join(base_dir, 'var', 'synovia.sqlite3')}"


def env_int(name: str, default: int, *, low: int, high: int, environ: Mapping[str, str] | None = None) -> int:
    """Read a whole number such as ``SYNOVIA_FUTURE_DATE_MARGIN_DAYS=1`` within ``low``-``high``."""
    env = os.environ if environ is None else environ
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if not low <= value <= high:
        raise ConfigError(f"{name}={value} must be from {low} to {high}")
    return value
