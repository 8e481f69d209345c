"""Dates as people read them: one format for a date and one for a date with its
time in each language, from theke/formats, on every page and in every mail."""

import ast
import datetime
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import formats, timezone, translation
from django.utils.dates import MONTHS as MONTH_NAMES

from blog.models import BlogIndexPage
from community.models import Comment, Profile, Topic
from community.models import ProductQuestion as Question
from shop_link.models import Availability, Product, SyncRun
from tests.factories import (
    POST_URL,
    BlogPageFactory,
    ProductFactory,
    ProductSourceFactory,
    add_comment,
    answer,
    ask,
    build_shop,
    category,
    form_data,
    member,
    paragraph,
    products_block,
    question_url,
    text_of,
    topic,
)

PROJECT = Path(__file__).resolve().parents[2]
OUR_CODE = ("home", "blog", "shop_link", "community", "theke", "demo")

# The formats a template or our code may name; the formats module defines them.
DATE_FORMATS = {"DATE_FORMAT", "DATETIME_FORMAT"}
TIME_FORMATS = {"TIME_FORMAT"}
# The footer's copyright year is a number, not a date.
NOW_FORMATS = DATE_FORMATS | {"Y"}


def month_names(language: str) -> list[str]:
    with translation.override(language):
        return [str(name) for name in MONTH_NAMES.values()]


MONTHS = {language: month_names(language) for language in ("de", "en")}
_MONTH = {language: "|".join(names) for language, names in MONTHS.items()}
DATE = {
    "de": rf"\d{{1,2}}\. (?:{_MONTH['de']}) \d{{4}}",
    "en": rf"(?:{_MONTH['en']}) \d{{1,2}}, \d{{4}}",
}
TIME = r"\d{2}:\d{2}"
# Dates written in a way neither language uses: numbers only, ISO, Django's
# English abbreviations ("Dec.", "p.m."), an hour without its leading zero.
OTHER_FORMATS = re.compile(
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\."
    r"|\b[ap]\.m\."
    r"|(?<![\d:])\d:\d{2}\b"
)

# Monday, 7 December 2026, five past two in the afternoon in the shop's time zone.
DAY = datetime.date(2026, 12, 7)
WRITTEN = {
    "de": ("7. Dezember 2026", "7. Dezember 2026, 14:05"),
    "en": ("December 7, 2026", "December 7, 2026, 14:05"),
}


def moment():
    return timezone.make_aware(datetime.datetime(2026, 12, 7, 14, 5))


def wrong_dates(text: str, language: str) -> list[str]:
    """What in `text` is a date or time not in `language`'s one format per kind."""
    date = DATE[language]
    wrong = OTHER_FORMATS.findall(text)
    other = "en" if language == "de" else "de"
    wrong += [
        month
        for month in re.findall(rf"\b(?:{_MONTH[other]})\b", text)
        if month not in MONTHS[language]
    ]
    dated = [match.span() for match in re.finditer(date, text)]
    wrong += [
        found.group()
        for found in re.finditer(rf"\b(?:{_MONTH[language]})\b", text)
        if not any(start <= found.start() < end for start, end in dated)
    ]
    # A date with a time: the date, a comma and the time, nothing else.
    wrong += [
        found.group()
        for found in re.finditer(rf"{date}\W{{0,3}}(?:um |at )?\d{{1,2}}:\d{{2}}", text)
        if not re.fullmatch(rf"{date}, {TIME}", found.group())
    ]
    return wrong


# The formats


@pytest.mark.parametrize("language", ["de", "en"])
def test_each_language_has_one_format_for_a_date_and_one_with_the_time(language):
    when = timezone.localtime(moment())
    with translation.override(language):
        written = (
            formats.date_format(when, "DATE_FORMAT"),
            formats.date_format(when, "DATETIME_FORMAT"),
        )
        time = formats.time_format(when, "TIME_FORMAT")
    assert written == WRITTEN[language]
    assert time == "14:05"
    assert wrong_dates(" · ".join(written), language) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("12/07/2026", "en"),
        ("07.12.2026, 14:05", "de"),
        ("Dec. 7, 2026, 2:05 p.m.", "en"),
        ("7. Dezember 2026 14:05", "de"),
        ("December 7, 2026", "de"),
        ("7. Dezember 2026", "en"),
        ("2026-12-07 14:05", "de"),
    ],
)
def test_the_check_knows_a_date_in_another_format(text, language):
    assert wrong_dates(text, language) != []


# What templates and code may write


def template_files():
    return sorted(
        path
        for path in (PROJECT / "templates").rglob("*")
        if path.suffix in {".html", ".txt", ".xml"}
    )


def named_formats(source: str, filter_name: str) -> list[str]:
    """The format each `|date` or `|time` in a template asks for ("" for none)."""
    return [
        argument.strip("\"'")
        for argument in re.findall(
            rf"\|{filter_name}\b(?::(\"[^\"]*\"|'[^']*'|[^\s|%}}]+))?", source
        )
    ]


def test_templates_name_the_formats_instead_of_spelling_one_out():
    spelled = []
    for path in template_files():
        source = path.read_text(encoding="utf-8")
        where = path.relative_to(PROJECT)
        spelled += [
            (str(where), f"|date:{name}")
            for name in named_formats(source, "date")
            if name and name not in DATE_FORMATS
        ]
        spelled += [
            (str(where), f"|time:{name}")
            for name in named_formats(source, "time")
            if name and name not in TIME_FORMATS
        ]
        spelled += [
            (str(where), f"now {name}")
            for name in re.findall(r"{%\s*now\s+[\"']([^\"']*)[\"']", source)
            if name not in NOW_FORMATS
        ]
    assert spelled == []


def test_the_template_check_finds_a_format_spelled_out():
    source = '{{ a|date:"j. F Y" }} {{ b|date:"SHORT_DATE_FORMAT" }} {{ c|date }}'
    assert named_formats(source, "date") == ["j. F Y", "SHORT_DATE_FORMAT", ""]
    assert named_formats("{{ t|time:'H:i' }}", "time") == ["H:i"]


def python_files():
    for folder in OUR_CODE:
        for path in sorted((PROJECT / folder).rglob("*.py")):
            parts = path.relative_to(PROJECT).parts
            if "migrations" not in parts and parts[:2] != ("theke", "formats"):
                yield path


def spelled_formats(source: str) -> list[str]:
    """Dates our Python writes for people without a named format: strftime,
    `f"{when:%d.%m.%Y}"`, date_format with a format of its own."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name == "strftime":
                found.append("strftime")
            elif name in {"date_format", "time_format"}:
                given = [*node.args[1:2], *(k.value for k in node.keywords)]
                allowed = DATE_FORMATS if name == "date_format" else TIME_FORMATS
                found += [
                    f"{name}({ast.unparse(arg)})"
                    for arg in given
                    if not (isinstance(arg, ast.Constant) and arg.value in allowed)
                ]
                if not given:
                    found.append(f"{name} without a named format")
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = ast.unparse(node.format_spec)
            if "%" in spec:
                found.append(spec)
    return found


def test_our_code_names_the_formats_instead_of_spelling_one_out():
    spelled = {
        str(path.relative_to(PROJECT)): found
        for path in python_files()
        if (found := spelled_formats(path.read_text(encoding="utf-8")))
    }
    assert spelled == {}


def test_the_code_check_finds_a_format_spelled_out():
    source = (
        'a = f"{run.started_at:%Y-%m-%d %H:%M}"\n'
        "b = when.strftime('%d.%m.%Y')\n"
        'c = date_format(when, "SHORT_DATETIME_FORMAT")\n'
        "d = formats.date_format(when)\n"
        'e = date_format(when, "DATETIME_FORMAT")\n'
    )
    assert len(spelled_formats(source)) == 4


# What people read


@pytest.fixture
def shop(db, settings):
    """A post, a topic, a product question and a product, all of 7 December 2026
    at 14:05, with a comment or an answer of that moment."""
    settings.TIME_ZONE = "Europe/Berlin"
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    shop = build_shop()
    blog = BlogIndexPage.objects.get()
    at = moment()
    Product.objects.filter(pk=shop["cheese"].pk).update(last_seen_at=at, synced_at=at)
    shop["cheese"].refresh_from_db()
    anna = member("Anna Berger")
    shop["anna"] = anna
    shop["post"] = BlogPageFactory(
        parent=blog,
        date=DAY,
        title="Heuernte am Lindenhof",
        body=[paragraph("Ein Besuch."), products_block(shop["cheese"])],
    )
    shop["blog"] = blog
    add_comment(shop["post"], anna, "Schön!", submit_date=at, followup=True)
    started = topic(anna, category(), title="Ofengemüse")
    Topic.objects.filter(pk=started.pk).update(
        created_at=at, first_published_at=at, last_activity_at=at
    )
    shop["topic"] = Topic.objects.get(pk=started.pk)
    add_comment(shop["topic"], anna, "Mit Thymian.", submit_date=at)
    question = ask(shop["cheese"], anna)
    Question.objects.filter(pk=question.pk).update(created_at=at)
    reply = answer(question, member("Bernd Kurz"))
    type(reply).objects.filter(pk=reply.pk).update(created_at=at)
    shop["question"] = question
    return shop


def read(client, url, language):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return text_of(response)


@pytest.mark.parametrize("language", ["de", "en"])
def test_pages_write_dates_and_times_in_the_one_format_of_their_language(
    client, shop, language
):
    date, date_and_time = WRITTEN[language]
    pages = {
        # page: what it dates, and what it gives the time of
        shop["post"].url: ([date], [date_and_time]),  # the post, a comment, a card
        shop["blog"].url: ([date], []),
        shop["topic"].get_absolute_url(): ([date], [date_and_time]),
        shop["board"].url: ([date], []),
        question_url(shop["question"]): ([date], []),
        f"{shop['catalogue'].url}{shop['cheese'].slug}/": ([date], [date_and_time]),
    }
    wrong, missing = {}, {}
    for url, (dates, dates_and_times) in pages.items():
        text = read(client, url, language)
        if found := wrong_dates(text, language):
            wrong[url] = found
        if absent := [shown for shown in dates + dates_and_times if shown not in text]:
            missing[url] = absent
    assert wrong == {}
    assert missing == {}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_product_card_gives_its_price_the_date_and_time(client, shop, language):
    as_of = {
        "de": "Preisstand: 7. Dezember 2026, 14:05 Uhr",
        "en": "Price as of December 7, 2026, 14:05",
    }
    assert as_of[language] in read(client, shop["post"].url, language)


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_account_page_writes_no_other_date_format(client, shop, language):
    client.force_login(shop["anna"])
    text = read(client, "/account/profile/", language)
    assert shop["post"].title in text  # the discussion Anna follows
    assert wrong_dates(text, language) == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_mail_writes_no_other_date_format(
    client, shop, language, django_capture_on_commit_callbacks
):
    Profile.objects.filter(user=shop["anna"]).update(language=language)
    first = Comment.objects.get(comment="Schön!")
    client.force_login(member("Carla Wendt"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(POST_URL, form_data(shop["post"], text="Danke!", reply_to=first.pk))
    (message,) = [sent for sent in mail.outbox if sent.to == [shop["anna"].email]]
    assert message.extra_headers["Content-Language"] == language
    assert wrong_dates(f"{message.subject}\n{message.body}", language) == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_product_no_longer_sold_was_last_offered_on_a_date(client, shop, language):
    gone = ProductFactory(
        title="Sommerkäse",
        slug="sommerkaese",
        producer=shop["producer"],
        availability=Availability.DISCONTINUED,
        last_seen_at=moment(),
    )
    text = read(client, f"{shop['catalogue'].url}{gone.slug}/", language)
    assert WRITTEN[language][0] in text
    assert wrong_dates(text, language) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_a_sync_run_is_named_for_its_source_and_local_start(settings, language):
    """The admin names a run in its headings and its history by this."""
    settings.TIME_ZONE = "Europe/Berlin"
    run = SyncRun.objects.create(source=ProductSourceFactory(name="Hofladen"))
    SyncRun.objects.filter(pk=run.pk).update(started_at=moment())
    run.refresh_from_db()
    with translation.override(language):
        assert str(run) == f"Hofladen, {WRITTEN[language][1]}"
