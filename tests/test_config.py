"""Settings come from the environment through helpers that fail loudly."""

import pytest

from synovia import config


def test_database_url_defaults_to_sqlite_under_var():
    assert config.database_url("/srv/app", environ={}) == "sqlite:////srv/app/var/synovia.sqlite3"


def test_database_url_is_read_from_environment():
    url = "postgres://postgres@127.0.0.1:5432/synovia"
    assert config.database_url("/srv", environ={"DATABASE_URL": url}) == url


def test_database_url_rejects_a_non_url():
    with pytest.raises(config.ConfigError, match="DATABASE_URL"):
        config.database_url("/srv", environ={"DATABASE_URL": "synovia.db"})


def test_secret_key_is_required_when_debug_is_off():
    with pytest.raises(config.ConfigError, match="SECRET_KEY must be set"):
        config.secret_key(debug=False, environ={})


def test_secret_key_must_be_long_when_debug_is_off():
    with pytest.raises(config.ConfigError, match="32 characters"):
        config.secret_key(debug=False, environ={"SECRET_KEY": "short"})


def test_secret_key_is_taken_from_environment():
    key = "k" * 40
    assert config.secret_key(debug=False, environ={"SECRET_KEY": key}) == key


def test_debug_has_a_development_key():
    assert config.secret_key(debug=True, environ={}).startswith("synovia-development")


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("off", False), ("0", False)])
def test_env_bool_reads_known_words(raw, expected):
    assert config.env_bool("DEBUG", default=not expected, environ={"DEBUG": raw}) is expected


def test_env_bool_rejects_unknown_words():
    with pytest.raises(config.ConfigError, match="DEBUG='maybe'"):
        config.env_bool("DEBUG", default=True, environ={"DEBUG": "maybe"})


def test_allowed_hosts_is_a_comma_separated_list():
    assert config.env_list("ALLOWED_HOSTS", [], environ={"ALLOWED_HOSTS": "a.org, b.org,"}) == [
        "a.org",
        "b.org",
    ]


def test_settings_module_fails_without_secret_key_when_debug_off(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update({"DEBUG": "0", "DJANGO_SETTINGS_MODULE": "synovia.settings"})
    run = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode != 0
    assert "SECRET_KEY must be set" in run.stderr


def test_settings_read_database_url_and_allowed_hosts(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "synovia.settings",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/elsewhere",
            "ALLOWED_HOSTS": "synovia.example",
        }
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['NAME'], s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert run.stdout.split() == ["elsewhere", "django.db.backends.postgresql", "['synovia.example']"]
