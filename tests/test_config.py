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


def test_secret_key_is_required_in_production():
    with pytest.raises(config.ConfigError, match="SECRET_KEY must be set in production"):
        config.secret_key(None, environ={})


@pytest.mark.parametrize("key", ["short", "a" * 80, "django-insecure-" + "abcdefghij" * 5])
def test_secret_key_must_be_long_and_varied(key, tmp_path):
    with pytest.raises(config.ConfigError, match="SECRET_KEY"):
        config.secret_key(tmp_path / "secret_key", environ={"SECRET_KEY": key})


def test_secret_key_is_taken_from_environment(tmp_path):
    key = "k0123456789" * 5
    assert config.secret_key(None, environ={"SECRET_KEY": key}) == key
    assert not (tmp_path / "secret_key").exists()


def test_secret_key_is_generated_once_into_a_private_file(tmp_path):
    path = tmp_path / "var" / "secret_key"
    first = config.secret_key(path, environ={})
    assert len(first) >= 50
    assert path.stat().st_mode & 0o777 == 0o600
    assert config.secret_key(path, environ={}) == first
    assert config.secret_key(tmp_path / "other", environ={}) != first
    assert list(path.parent.iterdir()) == [path]  # no draft left behind


def test_env_int_reads_bounded_whole_numbers():
    assert config.env_int("N", 30, low=1, high=60, environ={}) == 30
    assert config.env_int("N", 30, low=1, high=60, environ={"N": " 45 "}) == 45
    for raw in ["0", "61", "-5", "1.5", "3e1", "30 minutes", "9" * 400, "٣"]:
        with pytest.raises(config.ConfigError, match="N="):
            config.env_int("N", 30, low=1, high=60, environ={"N": raw})


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


def _settings_run(tmp_path, code: str, **env_vars: str):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SYNOVIA_", "DEBUG", "SECRET_KEY"))}
    env.update({"DJANGO_SETTINGS_MODULE": "synovia.settings", "SYNOVIA_VAR_DIR": str(tmp_path / "var")})
    env.update(env_vars)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; " + code,
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )


def test_settings_default_to_debug_off_with_a_generated_key_and_mail_to_files(tmp_path):
    code = "print(s.DEBUG, s.EMAIL_BACKEND, s.EMAIL_FILE_PATH, s.SESSION_COOKIE_SECURE, s.ALLOWED_HOSTS)"
    run = _settings_run(tmp_path, code)
    assert run.returncode == 0, run.stderr
    debug, backend, mail_dir, secure, hosts = run.stdout.split(" ", 4)
    assert (debug, backend, secure) == ("False", "django.core.mail.backends.filebased.EmailBackend", "False")
    assert mail_dir == str(tmp_path / "var" / "mail")
    assert "testserver" not in hosts and "127.0.0.1" in hosts
    assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o777 == 0o600


def test_debug_only_when_asked(tmp_path):
    assert _settings_run(tmp_path, "print(s.DEBUG)", DEBUG="1").stdout.strip() == "True"
    assert _settings_run(tmp_path, "print(s.DEBUG)", DEBUG="0").stdout.strip() == "False"


def test_production_settings_need_secret_key_and_hosts(tmp_path):
    run = _settings_run(tmp_path, "print(1)", SYNOVIA_HTTPS="1", ALLOWED_HOSTS="synovia.example")
    assert run.returncode != 0 and "SECRET_KEY must be set in production" in run.stderr
    run = _settings_run(tmp_path, "print(1)", SYNOVIA_HTTPS="1", SECRET_KEY="x1y2z3" * 10)
    assert run.returncode != 0 and "ALLOWED_HOSTS must be set in production" in run.stderr


def test_production_settings_switch_on_https(tmp_path):
    code = (
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    run = _settings_run(
        tmp_path, code, SYNOVIA_HTTPS="1", SECRET_KEY="x1y2z3" * 10, ALLOWED_HOSTS="synovia.example"
    )
    assert run.stdout.split() == ["True", "31536000", "True", "True"]


def test_check_deploy_with_production_settings_has_no_warnings(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SYNOVIA_", "DEBUG", "SECRET_KEY"))}
    env.update(
        {
            "SYNOVIA_HTTPS": "1",
            "SECRET_KEY": "x1y2z3-production-like-key-" * 3,
            "ALLOWED_HOSTS": "synovia.example",
            "SYNOVIA_VAR_DIR": str(tmp_path / "var"),
        }
    )
    run = subprocess.run(
        [sys.executable, "-m", "synovia.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "System check identified no issues (0 silenced)." in run.stdout


def test_postgres_connections_time_out_quickly(tmp_path):
    code = "print(s.DATABASES['default']['OPTIONS']['connect_timeout'])"
    run = _settings_run(tmp_path, code, DATABASE_URL="postgres://postgres@127.0.0.1:5432/x")
    assert run.stdout.strip() == "3"
    run = _settings_run(
        tmp_path, code, DATABASE_URL="postgres://postgres@127.0.0.1:5432/x", DATABASE_CONNECT_TIMEOUT="9"
    )
    assert run.stdout.strip() == "9"


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
