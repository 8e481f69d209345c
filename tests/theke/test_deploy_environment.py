"""The environment of docs/deploy.md and .env.example is read alike by its two
readers, systemd (`EnvironmentFile=`) and `sh` (the release step sources it),
and under it the units may write wherever the production settings write: every
folder of a unit's `ReadWritePaths` is made by the guide's setup, and the
uploads and the cache in files lie in them."""

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import PurePosixPath

import pytest

from tests.theke.test_deploy import DEPLOY, UNITS, unit
from tests.theke.test_settings import PROJECT

GUIDE = (PROJECT / "docs" / "deploy.md").read_text()
EXAMPLE = (PROJECT / ".env.example").read_text()
# Where the units run the code; paths of this checkout are moved there.
APP = PurePosixPath("/srv/theke/app")
ASSIGNMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=", flags=re.M)
DJANGO_UNITS = [
    path
    for path in UNITS
    if ("Environment", "DJANGO_SETTINGS_MODULE=theke.settings.production")
    in unit(path)["Service"]
]


def shell_blocks(markdown: str) -> list[str]:
    """The ```sh blocks of `markdown`."""
    return re.findall(r"^```sh\n(.*?)^```", markdown, flags=re.M | re.S)


def guide_environment() -> str:
    """The guide's example of /etc/theke/theke.env: its block of only comments
    and assignments."""
    (block,) = [
        block
        for block in shell_blocks(GUIDE)
        if all(
            not line or line.startswith("#") or ASSIGNMENT.match(line)
            for line in block.splitlines()
        )
    ]
    return block


def uncommented_examples() -> list[str]:
    """The commented assignments of .env.example, each as an operator who
    takes it would write it: the default it shows, or a value to set."""
    return re.findall(r"^# ([A-Z][A-Z0-9_]*=.*)$", EXAMPLE, flags=re.M)


def systemd_environment(text: str) -> dict[str, str]:
    """`text` read as systemd reads an environment file: a comment only where
    a line begins, a value to the end of its line less trailing blanks, quotes
    taken off (single ones keep everything, double ones let a backslash keep
    the next `"`, backslash, `$` or backquote), and a backslash outside quotes
    keeping the next character."""
    found, state, key, value, kept = {}, "line", "", "", 0
    for c in text + "\n":
        end = c in "\n\r"
        if state == "line":
            if c in "#;":
                state = "comment"
            elif not c.isspace():
                state, key = "key", c
        elif state == "comment":
            state = "comment-escape" if c == "\\" else "line" if end else state
        elif state == "comment-escape":
            state = "comment"
        elif state == "key":
            if end:
                state = "line"  # no "=": not an assignment
            elif c == "=":
                state, value, kept = "before-value", "", 0
            else:
                key += c
        elif state in {"before-value", "value"} and end:
            found[key.strip()] = value[:kept]
            state = "line"
        elif state == "before-value" and c in "'\"\\":
            state = {"'": "single", '"': "double", "\\": "escape"}[c]
        elif state == "before-value" and c.isspace():
            pass
        elif state in {"before-value", "value"}:
            if c == "\\":
                state = "escape"
            else:
                state, value = "value", value + c
                kept = kept if c.isspace() else len(value)
        elif state == "escape":
            state = "value"
            if not end:
                value += c
                kept = len(value)
        elif state == "single":
            if c == "'":
                state, kept = "before-value", len(value)
            else:
                value += c
        elif state == "double":
            if c == '"':
                state, kept = "before-value", len(value)
            elif c == "\\":
                state = "double-escape"
            else:
                value += c
        elif state == "double-escape":
            state = "double"
            if c in '"\\`$':
                value += c
            elif not end:
                value += "\\" + c
    return found


def sh_environment(text: str, tmp_path) -> dict[str, str]:
    """The variables `text` sets when sourced by sh, as the release step does."""
    path = tmp_path / "theke.env"
    path.write_text(text)
    result = subprocess.run(  # noqa: S603
        ["sh", "-c", 'set -a; . "$1"; set +a; env -0', "sh", str(path)],  # noqa: S607
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (text, result.stderr)
    assert result.stderr == "", (text, result.stderr)
    return dict(item.split("=", 1) for item in result.stdout.split("\0") if item)


def assert_read_alike(text, tmp_path):
    by_systemd = systemd_environment(text)
    by_sh = sh_environment(text, tmp_path)

    assert set(by_systemd) == set(ASSIGNMENT.findall(text))
    for name, value in by_systemd.items():
        assert by_sh.get(name) == value, (name, value, by_sh.get(name))
        # Left to each reader's own rules, these would part ways.
        assert not set(value) & set("$`\\"), (name, value)


def test_systemd_and_sh_read_the_guides_environment_alike(tmp_path):
    text = guide_environment()

    assert_read_alike(text, tmp_path)
    read = systemd_environment(text)
    assert read["DEFAULT_FROM_EMAIL"] == "Hofladen Lindenau <hallo@shop.example.org>"
    assert read["DATABASE_URL"] == "postgres://theke@/theke"


def test_systemd_and_sh_read_the_example_environment_alike(tmp_path):
    assert_read_alike(EXAMPLE, tmp_path)


@pytest.mark.parametrize("line", uncommented_examples())
def test_every_commented_example_read_alike_once_taken(line, tmp_path):
    assert_read_alike(line + "\n", tmp_path)


def test_the_systemd_reading_keeps_what_sh_would_drop():
    """The reader above is systemd's, not sh's: where the two differ, as on
    the lines the guide used to have, it says what systemd does."""
    read = systemd_environment(
        "A=Hofladen Lindenau <hallo@example.org>\n"
        "B=postgres://theke@/theke   # the local socket\n"
        "# C=commented\n"
        "D='a # b'  \n"
        'E="say \\"hi\\" \\$x"\n'
        "F=  spaced out  \n"
    )

    assert read == {
        "A": "Hofladen Lindenau <hallo@example.org>",
        "B": "postgres://theke@/theke   # the local socket",
        "D": "a # b",
        "E": 'say "hi" $x',
        "F": "spaced out",
    }


# --- the folders the units write to -----------------------------------------


def folders_made_by_the_guide() -> dict[PurePosixPath, str]:
    """Each folder the guide's setup commands make, with its owner."""
    (setup,) = [block for block in shell_blocks(GUIDE) if "adduser" in block]
    made = {}
    for line in setup.splitlines():
        argv = shlex.split(line, comments=True)
        user = "root"
        if argv[:2] == ["sudo", "-u"]:
            user, argv = argv[2], argv[3:]
        if not argv:
            continue
        if argv[0] == "adduser" and "--home" in argv:
            made[PurePosixPath(argv[argv.index("--home") + 1])] = argv[-1]
        elif argv[0] == "mkdir":
            for path in (PurePosixPath(a) for a in argv[1:] if a[0] != "-"):
                made[path] = user
                if "-p" in argv:
                    for parent in path.parents:
                        made.setdefault(parent, user)
        elif argv[0] == "install" and "-d" in argv:
            owner = argv[argv.index("-o") + 1] if "-o" in argv else user
            options_with_values = {"-m", "-o", "-g"}
            operands = [
                a
                for i, a in enumerate(argv[1:], start=1)
                if a[0] != "-" and argv[i - 1] not in options_with_values
            ]
            for path in operands:
                made[PurePosixPath(path)] = owner
    return made


# The folders systemd makes for a unit itself, and where.
UNIT_DIRECTORIES = {
    "RuntimeDirectory": "/run",
    "StateDirectory": "/var/lib",
    "CacheDirectory": "/var/cache",
    "LogsDirectory": "/var/log",
}


def writable_paths(path) -> list[PurePosixPath]:
    service = unit(path)["Service"]
    return [
        PurePosixPath(folder.removeprefix("-"))
        for key, value in service
        if key == "ReadWritePaths"
        for folder in value.split()
    ]


@pytest.mark.parametrize("path", UNITS, ids=lambda path: path.name)
def test_every_folder_a_unit_may_write_to_is_made_for_its_user(path):
    service = unit(path)["Service"]
    user = dict(service)["User"]
    made = folders_made_by_the_guide()
    by_systemd = {
        PurePosixPath(UNIT_DIRECTORIES[key]) / name
        for key, value in service
        if key in UNIT_DIRECTORIES
        for name in value.split()
    }

    assert writable_paths(path)
    for folder in writable_paths(path):
        assert folder in by_systemd or made.get(folder) == user, folder


# The folders the settings write to, as the units' processes see them.
WRITTEN = """
import json, tempfile
from django.conf import settings
cache = settings.CACHES["default"]
print(json.dumps({
    "cache": cache["LOCATION"] if "FileBased" in cache["BACKEND"] else None,
    "media": str(settings.MEDIA_ROOT),
    "uploads": settings.FILE_UPLOAD_TEMP_DIR,
    "static": str(settings.STATIC_ROOT),
}))
"""


def written_folders(path, env_file: str) -> dict[str, PurePosixPath | None]:
    """Where the production settings write under unit `path` with `env_file`
    as its environment file, without Redis: this checkout's paths moved to
    where the units run the code."""
    service = unit(path)["Service"]
    environment = dict(
        value.split("=", 1) for key, value in service if key == "Environment"
    )
    # systemd: the environment file overrides the unit's Environment= lines.
    environment |= systemd_environment(env_file)
    environment |= {"SECRET_KEY": "w" * 50, "PATH": os.environ["PATH"]}
    environment.pop("REDIS_URL", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", WRITTEN],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    working = PurePosixPath(dict(service)["WorkingDirectory"])

    def as_run(folder):
        if folder is None:
            return None
        folder = PurePosixPath(folder)
        if folder.is_relative_to(PROJECT):
            return APP / folder.relative_to(PROJECT)
        return working / folder  # absolute stays, relative is the unit's

    return {name: as_run(f) for name, f in json.loads(result.stdout).items()}


ENVIRONMENT_FILES = {
    "the guide's": guide_environment(),
    ".env.example": EXAMPLE,
    "an empty one": "",
}


@pytest.mark.parametrize("path", DJANGO_UNITS, ids=lambda path: path.name)
@pytest.mark.parametrize("env_file", ENVIRONMENT_FILES, ids=str)
def test_the_units_may_write_where_the_production_settings_write(path, env_file):
    folders = written_folders(path, ENVIRONMENT_FILES[env_file])
    writable = writable_paths(path)
    service = dict(unit(path)["Service"])

    def may_write(folder):
        return any(folder.is_relative_to(root) for root in writable)

    assert may_write(folders["cache"]), folders["cache"]
    assert may_write(folders["media"]), folders["media"]
    # Uploads on their way to the storage: the unit's own /tmp.
    assert folders["uploads"] is None and service["PrivateTmp"] == "true"
    # Static files are written by the release step, as the code's owner, and
    # only read by the units.
    assert folders["static"].is_relative_to(APP)
    assert not may_write(folders["static"])


def test_the_release_step_collects_static_files_as_the_codes_owner():
    (release,) = [block for block in shell_blocks(GUIDE) if "collectstatic" in block]

    assert "sudo -u theke sh -c 'set -a; . /etc/theke/theke.env; set +a" in release
    assert "manage.py collectstatic --no-input" in release
    assert "sudo -u theke git clone" in GUIDE


def test_the_backup_unit_writes_where_it_may():
    path = DEPLOY / "systemd" / "theke-backup.service"
    environment = dict(
        value.split("=", 1)
        for key, value in unit(path)["Service"]
        if key == "Environment"
    )

    assert PurePosixPath(environment["BACKUP_DIR"]) in writable_paths(path)
