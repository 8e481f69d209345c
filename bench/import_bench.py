"""How long a product import takes, and how much memory it needs.

Generates Merchant Center XML feeds of 10,000 and 100,000 products, imports each
into a fresh database with `manage.py sync_products`, syncs the 10,000 again
unchanged and prints the time and peak memory of every run. Each run is a
process of its own, so its peak memory is its own; its time is that of the
command, after Django has started. Fails (exit status 1) unless:

- 100,000 products take at most 11 times as long as 10,000 (linear),
- the import of 100,000 products peaks under 300 MB,
- the unchanged re-sync takes at most a quarter of the first import.

After the largest import, the catalogue is searched on its database
(`bench/catalogue_search.py`): queries and time of each request.

The database is a temporary SQLite file, migrated once and copied for each
import; with DATABASE_URL set to PostgreSQL, a new database per import is made
from a migrated template on that server and dropped afterwards.

    python bench/import_bench.py [--sizes 10000 100000] [--keep]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import resource
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from xml.sax.saxutils import escape

PROJECT = Path(__file__).resolve().parent.parent
SETTINGS = "theke.settings.base"
MAX_GROWTH = 11  # 10× the products may take at most 11× the time
MAX_PEAK_MB = 300
MAX_RESYNC_SHARE = 0.25

# The feed: what a farm shop with partner producers would list. No image links:
# fetching pictures is network work that the import itself does not measure.
KINDS = [
    # category, names, content sizes, unit, base, price per base unit (min, max)
    (
        "Käse > Hartkäse",
        ["Bergkäse", "Allgäuer Emmentaler", "Alpkäse", "Heumilchkäse", "Gouda"],
        [150, 200, 250, 400],
        "g",
        "1kg",
        (18, 46),
    ),
    (
        "Käse > Weichkäse",
        ["Camembert", "Ziegenfrischkäse", "Weißlacker", "Rotschmierkäse"],
        [100, 125, 200],
        "g",
        "1kg",
        (16, 38),
    ),
    (
        "Brot & Backwaren",
        ["Roggenbrot", "Dinkelvollkornbrot", "Bauernbrot", "Sauerteigbrot"],
        [500, 750, 1000, 1500],
        "g",
        "1kg",
        (4, 10),
    ),
    (
        "Honig & Aufstriche",
        ["Lindenhonig", "Rapshonig", "Waldhonig", "Apfelgelee", "Pflaumenmus"],
        [250, 500],
        "g",
        "1kg",
        (12, 32),
    ),
    (
        "Milch & Molkerei",
        ["Weidemilch", "Buttermilch", "Naturjoghurt", "Schlagsahne", "Quark"],
        [250, 500, 1000],
        "ml",
        "1l",
        (1.2, 9),
    ),
    (
        "Eier",
        ["Freilandeier", "Eier aus Weidehaltung"],
        [6, 10],
        "ct",
        "1ct",
        (0.35, 0.6),
    ),
    (
        "Fleisch & Wurst",
        ["Salami", "Leberwurst", "Kochschinken", "Bratwurst", "Rinderhack"],
        [100, 200, 300, 500],
        "g",
        "1kg",
        (14, 52),
    ),
    (
        "Obst & Gemüse",
        ["Äpfel Elstar", "Kartoffeln festkochend", "Möhren", "Rote Bete", "Kürbis"],
        [1000, 1500, 2500],
        "g",
        "1kg",
        (1.8, 5.5),
    ),
    (
        "Öle & Essig",
        ["Rapsöl kaltgepresst", "Leinöl", "Apfelessig", "Senf mittelscharf"],
        [250, 500, 750],
        "ml",
        "1l",
        (8, 42),
    ),
    (
        "Mehl & Getreide",
        ["Dinkelmehl Type 630", "Roggenmehl Type 1150", "Haferflocken", "Grünkern"],
        [500, 1000, 2500],
        "g",
        "1kg",
        (2, 7),
    ),
    (
        "Getränke",
        ["Apfelsaft naturtrüb", "Birnensaft", "Holundersirup", "Apfelschorle"],
        [330, 700, 1000],
        "ml",
        "1l",
        (2, 9),
    ),
]
VARIANTS = [
    "",
    "vom Hof",
    "Bio",
    "aus der Region",
    "handgemacht",
    "nach altem Rezept",
    "klein",
    "Familienpackung",
    "geräuchert",
    "mild",
    "kräftig",
    "saisonal",
]
PLACES = [
    ("Lindenau", "Uckermark"),
    ("Sommerfeld", "Havelland"),
    ("Grünhain", "Erzgebirge"),
    ("Oberweiler", "Allgäu"),
    ("Kleinmühlen", "Spreewald"),
    ("Bruchhausen", "Sauerland"),
    ("Wiesenthal", "Rhön"),
    ("Altkirch", "Schwäbische Alb"),
]
PRODUCERS = ["Hof", "Imkerei", "Käserei", "Backstube", "Metzgerei", "Mühle", "Mosterei"]
SEALS = ["EU-Bio", "Bioland", "Demeter", "Naturland", "Regionalfenster"]
SENTENCES = [
    "Direkt vom Erzeuger, ohne Umweg über den Großhandel.",
    "Von Tieren, die den Sommer über auf der Weide stehen.",
    "Langsam gereift und von Hand gepflegt.",
    "Ohne Zusatzstoffe, so wie es früher gemacht wurde.",
    "Aus Zutaten, die im Umkreis von fünfzig Kilometern wachsen.",
    "Frisch abgefüllt in der Woche, in der Sie bestellen.",
    "Unsere Kundinnen fragen jedes Jahr wieder danach.",
    "Passt zu einem einfachen Abendbrot genauso wie zum Festessen.",
    "Kühl und trocken lagern, nach dem Öffnen bald verbrauchen.",
    "Die Menge ist begrenzt, weil der Hof klein ist.",
]
AVAILABILITY = ["in_stock"] * 85 + ["out_of_stock"] * 8 + ["preorder"] * 4
AVAILABILITY += ["backorder"] * 3
CENT = Decimal("0.01")


# Feeds


def gtin13(number: int) -> str:
    """A valid EAN-13 in the German range (prefix 40), with its check digit."""
    body = f"40{number:010d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def write_feed(path: Path, size: int, seed: int = 2026) -> None:
    """A Merchant Center RSS feed of `size` products, the same for the same seed."""
    rng = random.Random(seed)
    brands = [
        f"{rng.choice(PRODUCERS)} {place}" for place, _region in PLACES for _ in (0, 1)
    ]
    with path.open("w", encoding="utf-8") as feed:
        feed.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n'
            "<title>Hofladen Lindenau</title>\n<link>https://hofladen.example/</link>\n"
            "<description>Alle Produkte des Hofladens und seiner Partner"
            "</description>\n"
        )
        for number in range(1, size + 1):
            feed.write(_item(rng, number, brands))
        feed.write("</channel>\n</rss>\n")


def _item(rng: random.Random, number: int, brands: list[str]) -> str:
    category, names, sizes, unit, base, (low, high) = rng.choice(KINDS)
    content = rng.choice(sizes)
    variant = rng.choice(VARIANTS)
    title = f"{rng.choice(names)} {variant}".strip() + f", {content} {unit}"
    per_base = Decimal(str(rng.uniform(low, high)))
    base_amount = {"g": 1000, "ml": 1000, "ct": 1}[unit]
    price = max(per_base * content / base_amount, Decimal("0.5"))
    price = price.quantize(CENT, ROUND_HALF_UP)
    place, region = rng.choice(PLACES)
    fields = [
        ("id", f"P{number:06d}"),
        ("title", title),
        ("description", " ".join(rng.sample(SENTENCES, rng.randint(1, 3)))),
        ("link", f"https://hofladen.example/produkt/p{number:06d}"),
        ("price", f"{price} EUR"),
        ("availability", rng.choice(AVAILABILITY)),
        ("brand", rng.choice(brands)),
        ("product_type", category),
        ("mpn", f"HL-{number:06d}"),
        ("unit_pricing_measure", f"{content}{unit}"),
        ("unit_pricing_base_measure", base),
    ]
    if rng.random() < 0.1:
        sale = (price * Decimal("0.85")).quantize(CENT, ROUND_HALF_UP)
        fields.append(("sale_price", f"{sale} EUR"))
    if rng.random() < 0.7:
        fields.append(("gtin", gtin13(number)))
    parts = [f"<g:{name}>{escape(value)}</g:{name}>" for name, value in fields]
    if rng.random() < 0.6:
        for name, value in (("Herkunftsregion", region), ("Ursprungsland", "DE")):
            parts.append(
                f"<g:product_detail><g:attribute_name>{name}</g:attribute_name>"
                f"<g:attribute_value>{value}</g:attribute_value></g:product_detail>"
            )
    if rng.random() < 0.3:
        parts.append(
            "<g:certification><g:certification_name>"
            f"{rng.choice(SEALS)}</g:certification_name></g:certification>"
        )
    return "<item>" + "".join(parts) + "</item>\n"


# Databases


def child_environment(database_url: str) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=database_url,
        SECRET_KEY=environment.get("SECRET_KEY") or secrets.token_urlsafe(50),
        PYTHONPATH=str(PROJECT),
    )
    return environment


def migrate(database_url: str) -> None:
    subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=PROJECT,
        env=child_environment(database_url),
        check=True,
    )


class SQLiteDatabases:
    """A migrated SQLite file, copied for each fresh database."""

    name = "SQLite"

    def __init__(self, folder: Path):
        self.folder = folder
        self.template = folder / "template.sqlite3"

    def prepare(self) -> None:
        migrate(f"sqlite:///{self.template}")
        with sqlite3.connect(self.template) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def fresh(self, label: str) -> str:
        path = self.folder / f"{label}.sqlite3"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"

    def drop_copies(self) -> None:
        for path in self.folder.glob("*.sqlite3*"):
            if not path.name.startswith("template."):
                path.unlink()

    def clean_up(self) -> None:
        pass


class PostgresDatabases:
    """New databases on the server of DATABASE_URL, made from a migrated template."""

    name = "PostgreSQL"

    def __init__(self, url: str):
        import psycopg

        self.psycopg = psycopg
        self.url = urlsplit(url)
        self.prefix = (self.url.path.lstrip("/") or "theke") + "_bench"
        self.created: list[str] = []

    def url_of(self, database: str) -> str:
        return urlunsplit(self.url._replace(path=f"/{database}"))

    @contextmanager
    def server(self):
        with self.psycopg.connect(self.url_of("postgres"), autocommit=True) as conn:
            yield conn

    def create(self, database: str, template: str = "") -> None:
        sql = self.psycopg.sql
        with self.server() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(database))
            )
            statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database))
            if template:
                statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
            conn.execute(statement)
        self.created.append(database)

    def prepare(self) -> None:
        self.template = f"{self.prefix}_template"
        self.create(self.template)
        migrate(self.url_of(self.template))

    def fresh(self, label: str) -> str:
        database = f"{self.prefix}_{label}"
        self.create(database, template=self.template)
        return self.url_of(database)

    def drop(self, databases: list[str]) -> None:
        sql = self.psycopg.sql
        with self.server() as conn:
            for database in databases:
                statement = sql.SQL("DROP DATABASE IF EXISTS {}")
                conn.execute(statement.format(sql.Identifier(database)))
                self.created.remove(database)

    def drop_copies(self) -> None:
        self.drop([name for name in self.created if name != self.template])

    def clean_up(self) -> None:
        self.drop(list(reversed(self.created)))


# Runs


def run_sync(feed: Path, database_url: str, expected: dict[str, int]) -> dict:
    """Sync the feed in a process of its own; its time, peak memory and counts."""
    completed = subprocess.run(  # noqa: S603 (this very script)
        [sys.executable, __file__, "--child", str(feed)],
        cwd=PROJECT,
        env=child_environment(database_url),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"The sync of {feed.name} failed.")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    counts = {name: result[name] for name in expected}
    if counts != expected:
        raise SystemExit(f"The sync of {feed.name} gave {counts}, not {expected}.")
    return result


def run_searches(database_url: str) -> dict:
    """Time the catalogue's searches on an imported database, in a process of
    its own with the page cache off, so that every request renders."""
    environment = child_environment(database_url)
    environment.update(PAGE_CACHE="off", ALLOWED_HOSTS="127.0.0.1")
    completed = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "bench.catalogue_search"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        sys.stderr.write(completed.stderr)
        raise SystemExit("Searching the catalogue failed.")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def print_searches(searches: dict) -> None:
    print()
    print(f"Catalogue search, {searches.pop('products'):,} products, warm process")
    print(f"{'search':<34} {'found':>7} {'queries':>8} {'fastest':>9} {'median':>9}")
    for label, result in searches.items():
        print(
            f"{label + ' (' + result['query'] + ')':<34} {result['found']:>7,}"
            f" {result['queries']:>8} {result['fastest_ms']:>6.0f} ms"
            f" {result['median_ms']:>6.0f} ms"
        )


def child(feed: str) -> None:
    """Inside the run's own process: `manage.py sync_products`, reported as JSON."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from shop_link.management.commands import sync_products  # noqa: F401
    from shop_link.models import ProductSource, SyncRun

    # The feeds lie in the run's temporary folder, which only this process may
    # read feeds from.
    settings.SHOP_LINK_FEED_FOLDERS = [str(Path(feed).parent)]
    baseline = peak_memory_mb()
    ProductSource.objects.get_or_create(
        name="Benchmark",
        defaults={"format": "merchant-xml", "location": feed, "shop_name": "Hofladen"},
    )
    started, cpu_started = time.perf_counter(), time.process_time()
    call_command("sync_products", "Benchmark", stdout=io.StringIO())
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    run = SyncRun.objects.latest("started_at")
    result = {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_mb": peak_memory_mb(),
        "baseline_mb": baseline,
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "rejected": run.rejected,
    }
    sys.stdout.write(json.dumps(result) + "\n")


def peak_memory_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def best(results: list[dict]) -> dict:
    """The fastest of repeated runs, with the highest peak memory of them all."""
    fastest = dict(min(results, key=lambda result: result["seconds"]))
    fastest["peak_mb"] = max(result["peak_mb"] for result in results)
    return fastest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", metavar="FEED", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000])
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run everything this often and keep the fastest times",
    )
    parser.add_argument("--keep", action="store_true", help="keep feeds and databases")
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.child)
        return 0

    small, large = arguments.sizes
    folder = Path(tempfile.mkdtemp(prefix="theke-bench-"))
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        databases = PostgresDatabases(database_url)
    else:
        databases = SQLiteDatabases(folder)
    firsts, agains, bigs = [], [], []
    searches = {}
    try:
        print(f"Writing feeds of {small:,} and {large:,} products to {folder} …")
        feeds = {}
        for size in (small, large):
            feeds[size] = folder / f"feed-{size}.xml"
            write_feed(feeds[size], size)
        print(f"Migrating a fresh {databases.name} database …")
        databases.prepare()
        for round_ in range(1, arguments.repeat + 1):
            if arguments.repeat > 1:
                print(f"Round {round_} of {arguments.repeat}:")
            print(f"  importing {small:,} products …")
            small_db = databases.fresh(f"small{round_}")
            expected = {"created": small, "rejected": 0}
            firsts.append(run_sync(feeds[small], small_db, expected))
            print(f"  syncing the {small:,} products again, unchanged …")
            expected = {"unchanged": small, "updated": 0, "created": 0}
            agains.append(run_sync(feeds[small], small_db, expected))
            print(f"  importing {large:,} products …")
            large_db = databases.fresh(f"large{round_}")
            expected = {"created": large, "rejected": 0}
            bigs.append(run_sync(feeds[large], large_db, expected))
            if not searches:
                print(f"  searching the catalogue of {large:,} products …")
                searches = run_searches(large_db)
            databases.drop_copies()
    finally:
        if not arguments.keep:
            databases.clean_up()
            shutil.rmtree(folder, ignore_errors=True)
    first, again, big = best(firsts), best(agains), best(bigs)
    rows = [
        (f"import {small:,} (fresh database)", first),
        (f"re-sync {small:,} unchanged", again),
        (f"import {large:,} (fresh database)", big),
    ]

    print()
    print(
        f"Product import, {databases.name}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs"
        + (f", fastest of {arguments.repeat} rounds" if arguments.repeat > 1 else "")
    )
    print(
        f"{'run':<34} {'time':>9} {'CPU time':>9} {'per 1,000':>10} {'peak memory':>12}"
    )
    for label, result in rows:
        count = result["created"] + result["updated"] + result["unchanged"]
        print(
            f"{label:<34} {result['seconds']:>7.2f} s {result['cpu_seconds']:>7.2f} s"
            f" {result['seconds'] / count * 1000:>8.3f} s "
            f"{result['peak_mb']:>9.0f} MB"
        )
    print(
        f"(Django and the project loaded: {first['baseline_mb']:.0f} MB before a sync)"
    )
    print_searches(searches)

    growth = big["seconds"] / first["seconds"]
    share = again["seconds"] / first["seconds"]
    allowed_growth = MAX_GROWTH * (large / small) / 10
    checks = [
        (
            f"{large:,} products take {growth:.1f}× as long as {small:,} "
            f"(at most {allowed_growth:g}×)",
            growth <= allowed_growth,
        ),
        (
            f"peak memory importing {large:,}: {big['peak_mb']:.0f} MB "
            f"(under {MAX_PEAK_MB} MB)",
            big["peak_mb"] < MAX_PEAK_MB,
        ),
        (
            f"unchanged re-sync: {share:.2f} of the first import's time "
            f"(at most {MAX_RESYNC_SHARE})",
            share <= MAX_RESYNC_SHARE,
        ),
    ]
    print()
    for text, passed in checks:
        print(f"  {'ok  ' if passed else 'FAIL'}  {text}")
    return 0 if all(passed for _text, passed in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
