"""Where the load benchmark keeps the large demo it built, and when to build
it again: a SQLite file in bench/.data/, or the PostgreSQL database that
DATABASE_URL names, with a digest of everything the build follows from."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parent.parent
DATA = PROJECT / "bench" / ".data"
# What builds the large demo: a change to any of these builds it again.
BUILDER_SOURCES = (
    "bench/large_demo.py",
    "bench/bulk.py",
    "bench/demo_words.py",
    "demo",
    "requirements.txt",
)


def fingerprint(size_key: str, database_url: str) -> str:
    """A digest of everything the built database follows from."""
    digest = hashlib.sha256(f"{size_key}\n{database_url}\n".encode())
    paths = []
    for name in BUILDER_SOURCES:
        place = PROJECT / name
        paths += sorted(place.rglob("*.py")) if place.is_dir() else [place]
    paths += sorted(PROJECT.glob("*/migrations/*.py"))
    for path in paths:
        digest.update(str(path.relative_to(PROJECT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class SQLiteStore:
    """The built database as a file in bench/.data/."""

    def __init__(self, label: str):
        self.path = DATA / f"site-{label}.sqlite3"
        self.url = f"sqlite:///{self.path}"
        self.media = DATA / f"media-{label}"
        self.stamp = DATA / f"site-{label}.json"
        self.name = "SQLite"

    def drop(self) -> None:
        for path in DATA.glob(f"{self.path.name}*"):
            path.unlink()
        shutil.rmtree(self.media, ignore_errors=True)
        self.stamp.unlink(missing_ok=True)


class PostgresStore:
    """The built database on the server DATABASE_URL names."""

    def __init__(self, url: str):
        self.url = url
        self.database = urlsplit(url).path.lstrip("/") or "theke_bench"
        self.media = DATA / f"media-postgres-{self.database}"
        self.stamp = DATA / f"postgres-{self.database}.json"
        self.name = "PostgreSQL"

    def drop(self) -> None:
        import psycopg
        from psycopg import sql

        server = urlunsplit(urlsplit(self.url)._replace(path="/postgres"))
        with psycopg.connect(server, autocommit=True) as connection:
            name = sql.Identifier(self.database)
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(name))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
        shutil.rmtree(self.media, ignore_errors=True)
        self.stamp.unlink(missing_ok=True)


def store_for(label: str):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return PostgresStore(url)
    return SQLiteStore(label)
