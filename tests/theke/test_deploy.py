"""The example deployment in deploy/ is real: its systemd units run commands
that exist with arguments they accept, every variable the production settings
read is documented, and a backup made by deploy/backup.sh restores into an
empty database with every row."""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
from pathlib import PurePosixPath
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection
from gunicorn.config import Config
from gunicorn.util import import_app

from tests.theke.test_settings import (
    PROJECT,
    environment_variables_read_by_the_settings,
)

DEPLOY = PROJECT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
# Read by django-storages and boto3 themselves when a bucket is named.
READ_BY_STORAGES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def unit(path) -> dict[str, list[tuple[str, str]]]:
    """A systemd unit file's sections, each a list of its (key, value) lines:
    a key may come more than once (ExecStart= of a oneshot service)."""
    sections, current = {}, None
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
        else:
            key, _, value = line.partition("=")
            current.append((key.strip(), value.strip()))
    return sections


def commands_of(path) -> list[list[str]]:
    return [
        shlex.split(value)
        for key, value in unit(path)["Service"]
        if key in {"ExecStart", "ExecStartPre", "ExecStartPost"}
    ]


def all_commands() -> list[tuple[str, list[str]]]:
    return [(path.name, argv) for path in UNITS for argv in commands_of(path)]


def test_every_unit_runs_the_production_settings_from_the_environment_file():
    for path in UNITS:
        lines = unit(path)["Service"]
        service = dict(lines)
        assert service["EnvironmentFile"] == "/etc/theke/theke.env", path.name
        assert service["User"] == "theke", path.name
        if path.name == "theke-backup.service":
            continue
        assert (
            "Environment",
            "DJANGO_SETTINGS_MODULE=theke.settings.production",
        ) in lines, path.name


# CI installs systemd for this test: there, its absence is a failure.
@pytest.mark.skipif(
    not shutil.which("systemd-analyze")
    and os.environ.get("CI", "").strip().lower() not in {"1", "true", "yes"},
    reason="systemd-analyze is not installed",
)
def test_systemd_reads_every_unit_and_timer_without_a_complaint():
    """An unknown or misspelt setting is only a warning in the journal, and
    the unit runs without it: systemd's own reading of the files finds it.
    The programs are not on this machine, so their absence is no complaint."""
    for path in sorted((DEPLOY / "systemd").iterdir()):
        result = subprocess.run(  # noqa: S603
            ["systemd-analyze", "verify", str(path)],  # noqa: S607
            capture_output=True,
            text=True,
        )
        complaints = [
            line
            for line in (result.stdout + result.stderr).splitlines()
            if not re.search(r": Command /srv/theke/\S+ is not executable", line)
        ]
        assert complaints == [], path.name


def test_every_timer_starts_a_unit_that_exists():
    for timer in (DEPLOY / "systemd").glob("*.timer"):
        service = timer.with_suffix(".service")
        assert service.exists(), timer.name
        assert "OnCalendar" in dict(unit(timer)["Timer"]), timer.name


# Run as the units run it: the production settings, the worker's task backend.
CHECK_COMMANDS = """
import json, sys
import django
django.setup()
from django.core.management import get_commands, load_command_class
found = get_commands()
for command, *arguments in json.loads(sys.argv[1]):
    if command not in found:
        sys.exit(f"no command {command}")
    parser = load_command_class(found[command], command).create_parser(
        "manage.py", command
    )
    parser.parse_args(arguments)  # exits with a message on what it does not take
print("ok")
"""


def test_every_manage_py_command_of_the_units_exists_and_takes_its_arguments():
    run = [
        argv[argv.index("manage.py") + 1 :]
        for _, argv in all_commands()
        if "manage.py" in argv
    ]
    assert {command for command, *_ in run} == {
        "db_worker",
        "purge_expired",
        "purge_address_hashes",
        "prune_db_task_results",
        "sync_products",
    }
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "theke.settings.production",
        "SECRET_KEY": "k" * 50,
        "TASKS_BACKEND": "database",
        "DATABASE_URL": "",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CHECK_COMMANDS, json.dumps(run)],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_app_unit_serves_thekes_wsgi_application_with_gunicorn():
    (argv,) = commands_of(DEPLOY / "systemd" / "theke.service")
    assert argv[0].endswith("/gunicorn")
    options = Config().parser().parse_args(argv[1:])
    (app,) = options.args
    assert app == "theke.wsgi:application"
    assert callable(import_app(app))
    assert options.bind == ["127.0.0.1:8000"]


def test_gunicorns_control_socket_is_in_the_app_units_runtime_folder():
    """gunicorn's default control socket, ~/.gunicorn/gunicorn.ctl, is
    read-only under ProtectSystem=strict (an error at every start) and would
    be shared by every gunicorn of the user."""
    path = DEPLOY / "systemd" / "theke.service"
    (argv,) = commands_of(path)
    options = Config().parser().parse_args(argv[1:])
    service = dict(unit(path)["Service"])

    assert not options.control_socket_disable
    socket = PurePosixPath(options.control_socket)
    assert socket.parent == PurePosixPath("/run") / service["RuntimeDirectory"]
    assert not socket.is_relative_to(PurePosixPath("/srv/theke"))


def test_the_units_scripts_are_in_the_repository():
    for name, argv in all_commands():
        program = argv[0]
        if program.startswith("/srv/theke/app/"):
            script = PROJECT / program.removeprefix("/srv/theke/app/")
            assert script.exists(), (name, program)
            assert os.access(script, os.X_OK), (name, program)


def test_every_variable_the_production_settings_read_is_documented():
    read = environment_variables_read_by_the_settings("[bp]*.py")  # base, production
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "TASKS_BACKEND"} <= read
    assert "AWS_STORAGE_BUCKET_NAME" in read
    deploy = (PROJECT / "docs" / "deploy.md").read_text()
    example = (PROJECT / ".env.example").read_text()
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, flags=re.M))
    for name in sorted(read | READ_BY_STORAGES):
        assert f"`{name}`" in deploy, name
        assert name in listed, name


def test_the_readme_points_at_the_deployment_guide():
    readme = (PROJECT / "README.md").read_text()
    production = readme[readme.index("## Production") :]
    assert "docs/deploy.md" in production


# --- backups -----------------------------------------------------------------

needs_postgres = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore")),
    reason="pg_dump and pg_restore are not installed",
)


def database_url(**settings) -> str:
    user = quote(settings["USER"] or "", safe="")
    password = (
        f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
    )
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or "5432"
    return f"postgresql://{user}{password}@{host}:{port}/{settings['NAME']}"


def row_counts(url) -> dict[str, int]:
    with psycopg.connect(url) as db:
        tables = db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
        return {
            table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for (table,) in tables
        }


@needs_postgres
@pytest.mark.django_db
def test_a_backup_restores_into_an_empty_database_with_every_row(tmp_path):
    """The test database as its migrations left it (what this test writes is
    not committed, and so not seen by pg_dump): the site, its home page, the
    content types, permissions and groups, and every table empty or not."""
    if connection.vendor != "postgresql":
        pytest.skip("the backup is of PostgreSQL: run the tests with DATABASE_URL")
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "kaese.jpg").write_bytes(b"\xff\xd8\xff")

    source = database_url(**connection.settings_dict)
    target_name = f"{connection.settings_dict['NAME']}_restored"
    target = database_url(**{**connection.settings_dict, "NAME": target_name})
    server = database_url(**{**connection.settings_dict, "NAME": "postgres"})
    environment = {
        **os.environ,
        "DATABASE_URL": source,
        "BACKUP_DIR": str(tmp_path / "backups"),
        "MEDIA_ROOT": str(media),
    }
    backup = subprocess.run(  # noqa: S603
        [DEPLOY / "backup.sh"], env=environment, capture_output=True, text=True
    )
    assert backup.returncode == 0, backup.stderr
    dump = backup.stdout.strip()
    assert dump.endswith(".dump") and os.path.getsize(dump) > 0
    (archive,) = (tmp_path / "backups").glob("media-*.tar.gz")
    with tarfile.open(archive) as tar:
        assert "./original_images/kaese.jpg" in tar.getnames()

    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{target_name}"')
        db.execute(f'CREATE DATABASE "{target_name}"')
    try:
        restore = subprocess.run(  # noqa: S603
            [DEPLOY / "restore.sh", dump],
            env={**os.environ, "DATABASE_URL": target},
            capture_output=True,
            text=True,
        )
        assert restore.returncode == 0, restore.stderr
        before, after = row_counts(source), row_counts(target)
        assert before == after
        assert before["wagtailcore_page"] >= 2  # the root and the home page
        assert before["django_migrations"] > 100
        assert len(before) > 80
    finally:
        with psycopg.connect(server, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')
