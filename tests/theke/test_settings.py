import ast
import os
import re
import subprocess
import sys
from pathlib import Path

from django.db.backends.sqlite3.base import DatabaseWrapper

from theke.settings import base

PROJECT = Path(__file__).resolve().parents[2]


def run_settings(module, **env):
    """Import a settings module in a fresh interpreter and return the result."""
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import {module}"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_settings("theke.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY is missing" in result.stderr


def test_production_settings_accept_a_long_secret_key():
    result = run_settings("theke.settings.production", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_sqlite_files_run_in_wal_mode_with_a_busy_timeout(tmp_path, django_db_blocker):
    settings_dict = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "wal.sqlite3"),
        "OPTIONS": base.SQLITE_OPTIONS,
        "TIME_ZONE": None,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
    }
    connection = DatabaseWrapper(settings_dict, alias="wal-check")
    with django_db_blocker.unblock():
        try:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
                cursor.execute("PRAGMA busy_timeout")
                assert cursor.fetchone()[0] == 20_000
        finally:
            connection.close()


def test_an_empty_database_url_means_the_embedded_sqlite_default():
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "from theke.settings.base import DATABASES; "
            "print(DATABASES['default']['ENGINE'])",
        ],
        cwd=PROJECT,
        env={**os.environ, "DATABASE_URL": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def environment_variables_read_by_the_settings(pattern="*.py") -> set[str]:
    """The names the settings modules matching `pattern` read with os.environ,
    env_list or env_bool."""
    names = []
    for path in sorted((PROJECT / "theke" / "settings").glob(pattern)):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                function = ast.unparse(node.func)
                if function in {"os.environ.get", "env_list", "env_bool"}:
                    names.append(node.args[0])
            elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == (
                "os.environ"
            ):
                names.append(node.slice)
    # The helpers read their argument: the names are where they are called.
    return {name.value for name in names if isinstance(name, ast.Constant)}


def test_the_example_environment_lists_every_variable_the_settings_read():
    example = (PROJECT / ".env.example").read_text()
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, flags=re.M))
    read = environment_variables_read_by_the_settings()

    assert {"COMMENTS_XTD_SALT", "SECRET_KEY", "DATABASE_URL"} <= read
    assert read - listed == set()


def test_hsts_preload_is_off_unless_the_operator_turns_it_on():
    code = (
        "import theke.settings.production as s; "
        "print(s.SECURE_HSTS_PRELOAD, getattr(s, 'SILENCED_SYSTEM_CHECKS', []))"
    )
    outcomes = {}
    for value in ("", "true"):
        environment = dict(os.environ, SECRET_KEY="x" * 50)
        environment.pop("SECURE_HSTS_PRELOAD", None)
        if value:
            environment["SECURE_HSTS_PRELOAD"] = value
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code],
            cwd=PROJECT,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        outcomes[value] = result.stdout.strip() or result.stderr

    assert outcomes == {"": "False ['security.W021']", "true": "True []"}
