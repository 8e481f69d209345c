"""The German and English catalogs in locale/: complete, compiled and in use."""

import ast
import datetime
import gettext
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from blog.models import BlogPage, ProducerPage
from tests.factories import BlogPageFactory, build_site

PROJECT = Path(__file__).resolve().parents[2]
LOCALE = PROJECT / "locale"
LANGUAGES = ("de", "en")
# The folders `make messages` leaves out; locale/ is where the catalogs go.
NOT_EXTRACTED = {".git", ".venv", "bench", "locale", "media", "staticfiles", "tests"}
EXTRACTED_SUFFIXES = {".html", ".py", ".txt"}
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-+#0]*\d*(?:\.\d+)?[a-z]|\{\w*\}")
HTML_TAG = re.compile(r"</?[a-z][^>]*>")
MISSING_XGETTEXT = (
    "xgettext is not installed, so the source cannot be compared with the catalog "
    "(apt-get install gettext)."
)


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        """The message as gettext looks it up, its context included."""
        if self.msgctxt is None:
            return self.msgid
        return f"{self.msgctxt}\x04{self.msgid}"

    @property
    def translations(self) -> list[str]:
        return [self.msgstr[n] for n in sorted(self.msgstr)]

    def __str__(self):
        return repr(self.msgid)


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header and obsolete entries left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = Entry()
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                text = ast.literal_eval(line)
                if isinstance(key, int):
                    entry.msgstr[key] += text
                else:
                    setattr(entry, key, getattr(entry, key) + text)
            else:
                keyword, _, quoted = line.partition(" ")
                text = ast.literal_eval(quoted)
                if keyword.startswith("msgstr"):
                    index = re.search(r"\[(\d+)\]", keyword)
                    key = int(index.group(1)) if index else 0
                    entry.msgstr[key] = text
                else:
                    key = keyword
                    setattr(entry, key, text)
        if entry.msgid:
            entries.append(entry)
    return entries


def messages(path: Path) -> set[str]:
    return {entry.key for entry in read_po(path)}


def catalog(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def german():
    return read_po(catalog("de"))


def running_in_ci():
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


# The catalogs


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_and_its_compiled_file_are_committed(language):
    assert catalog(language).is_file()
    assert catalog(language).with_suffix(".mo").is_file()


def test_every_german_message_is_translated():
    untranslated = [str(entry) for entry in german() if not all(entry.translations)]
    assert untranslated == []


def test_german_plurals_have_both_forms():
    plurals = [entry for entry in german() if entry.msgid_plural]
    assert plurals
    assert all(sorted(entry.msgstr) == [0, 1] for entry in plurals)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_left_fuzzy(language):
    fuzzy = [
        str(entry) for entry in read_po(catalog(language)) if "fuzzy" in entry.flags
    ]
    assert fuzzy == []


def test_the_english_catalog_holds_the_same_messages_as_the_german_one():
    assert messages(catalog("en")) == messages(catalog("de"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_matches_its_source(language):
    """A .mo compiled before the last change to the .po would differ here."""
    with catalog(language).with_suffix(".mo").open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    expected = {}
    for entry in read_po(catalog(language)):
        if not all(entry.translations):
            continue  # msgfmt leaves untranslated messages out
        if entry.msgid_plural is None:
            expected[entry.key] = entry.msgstr[0]
        else:
            for n, text in entry.msgstr.items():
                expected[(entry.key, n)] = text
    compiled_messages = {key: text for key, text in mo._catalog.items() if key != ""}
    assert compiled_messages == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_and_markup(language):
    def marks(text, pattern):
        return sorted(pattern.findall(text))

    broken = []
    for entry in read_po(catalog(language)):
        sources = [entry.msgid, entry.msgid_plural or entry.msgid]
        for n, text in entry.msgstr.items():
            source = sources[min(n, 1)]
            if text and (
                marks(text, PLACEHOLDER) != marks(source, PLACEHOLDER)
                or marks(text, HTML_TAG) != marks(source, HTML_TAG)
            ):
                broken.append((entry.msgid, text))
    assert broken == []


def test_every_translatable_string_in_the_source_is_in_the_german_catalog(
    tmp_path, monkeypatch
):
    """Extracts the messages as `make messages` does, into a copy of the source."""
    if shutil.which("xgettext") is None:
        if running_in_ci():
            pytest.fail(f"CI must check the catalogs. {MISSING_XGETTEXT}")
        pytest.skip(MISSING_XGETTEXT)
    source = tmp_path / "source"
    for folder, subfolders, files in os.walk(PROJECT):
        subfolders[:] = [name for name in subfolders if name not in NOT_EXTRACTED]
        target = source / Path(folder).relative_to(PROJECT)
        for name in files:
            if Path(name).suffix in EXTRACTED_SUFFIXES:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(folder) / name, target / name)
    monkeypatch.chdir(source)
    with override_settings(LOCALE_PATHS=[source / "locale"]):
        call_command("makemessages", locale=["de"], no_location=True, verbosity=0)
    extracted = messages(source / "locale" / "de" / "LC_MESSAGES" / "django.po")
    assert extracted
    assert sorted(extracted - messages(catalog("de"))) == []


# In use


@pytest.mark.parametrize(
    ("language", "verbose_name"), [("de", "Blogbeitrag"), ("en", "blog post")]
)
def test_model_names_are_translated_for_the_admin(language, verbose_name):
    with translation.override(language):
        assert str(BlogPage._meta.verbose_name) == verbose_name


def test_a_field_label_shared_with_a_plural_message_is_translated():
    """'story' is both a field label and the singular of 'story/stories'."""
    with translation.override("de"):
        label = ProducerPage._meta.get_field("story").verbose_name
        assert str(label) == "Geschichte"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("de", ["Zum Inhalt springen", "Besuchen Sie uns"], "Skip to content"),
        ("en", ["Skip to content", "Visit us"], "Zum Inhalt springen"),
        ("fr", ["Zum Inhalt springen", "Besuchen Sie uns"], "Skip to content"),
    ],
)
def test_the_page_speaks_the_browsers_language(client, language, shown, not_shown):
    home, _, _ = build_site()
    html = client.get(home.url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    expected_code = "de" if language == "fr" else language
    assert f'<html lang="{expected_code}">' in html
    assert all(text in html for text in shown)
    assert not_shown not in html


@pytest.mark.django_db
def test_the_language_switch_overrides_the_browser(client):
    home, _, _ = build_site()
    response = client.post("/i18n/setlang/", {"language": "en", "next": home.url})
    assert response.status_code == 302
    html = client.get(home.url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    client.post("/i18n/setlang/", {"language": "de", "next": home.url})
    html = client.get(home.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Zum Inhalt springen" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "date", "reading_time"),
    [
        ("de", "14. Januar 2026", "1 Minute Lesezeit"),
        ("en", "January 14, 2026", "1 minute read"),
    ],
)
def test_dates_and_counts_are_written_for_the_language(
    client, language, date, reading_time
):
    _, blog, _ = build_site()
    post = BlogPageFactory(parent=blog, date=datetime.date(2026, 1, 14))
    html = client.get(post.url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<time datetime="2026-01-14">{date}</time>' in html
    assert reading_time in html
