"""The markup a validator and a screen reader read: ids, references and dates."""

import re
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.template import Context, Template
from django.utils import timezone

from community.models import CommunityIndexPage
from home.dates import machine_time
from tests.factories import (
    ProducerPageFactory,
    ProductFactory,
    build_catalogue,
    build_site,
    publish,
)

PASSWORD = "lang-und-geheim-42"  # noqa: S105

# What HTML's datetime attribute takes: a date, or a time to the second at
# most (the validator allows three decimals; we write none) with its offset.
MACHINE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z))?$"
)


class Markup:
    """Ids, the forms they sit in, aria references, labels and datetimes of a page."""

    TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^>]*)?)>")
    ATTRIBUTE = re.compile(r'([a-zA-Z:-]+)="([^"]*)"')

    def __init__(self, html: str):
        self.ids = []
        self.form_of_id = {}
        self.described_by = []
        self.labels = []
        self.datetimes = []
        form = None
        forms = 0
        for closing, tag, rest in self.TAG.findall(html):
            tag = tag.lower()
            if tag == "form":
                if closing:
                    form = None
                else:
                    forms += 1
                    form = forms
                continue
            attrs = dict(self.ATTRIBUTE.findall(rest))
            if "id" in attrs:
                self.ids.append(attrs["id"])
                self.form_of_id.setdefault(attrs["id"], form)
            if "aria-describedby" in attrs:
                self.described_by.append(
                    (attrs.get("id"), attrs["aria-describedby"].split())
                )
            if tag == "label" and "for" in attrs:
                self.labels.append((attrs["for"], form))
            if tag == "time" and "datetime" in attrs:
                self.datetimes.append(attrs["datetime"])

    def repeated_ids(self) -> list[str]:
        return [name for name, count in Counter(self.ids).items() if count > 1]

    def dangling_descriptions(self) -> list[tuple[str, str]]:
        """(field, id) for every aria-describedby id that names no element."""
        known = set(self.ids)
        return [
            (field, name)
            for field, names in self.described_by
            for name in names
            if name not in known
        ]

    def labels_for_other_forms(self) -> list[str]:
        return [
            target
            for target, form in self.labels
            if self.form_of_id.get(target, "missing") != form
        ]


def make_member(email="jana@example.com", name="Jana Körber"):
    user = User.objects.create_user(
        username=email.split("@")[0], email=email, password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    user.profile.display_name = name
    user.profile.save()
    return user


def logged_in(client):
    """A member logged in just now with a password, as allauth's re-check wants."""
    make_member()
    response = client.post(
        "/account/login/", {"login": "jana@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def build_shop():
    """A catalogue, the board page, and a producer's product."""
    home, __, producers = build_site()
    build_catalogue(home)
    board = CommunityIndexPage(title="Gemeinschaft", slug="community")
    home.add_child(instance=board)
    publish(board)
    producer = ProducerPageFactory(parent=producers, title="Hofkäserei Wendt")
    return ProductFactory(
        title="Heumilch-Bergkäse", slug="heumilch-bergkaese", producer=producer
    )


# Errors tied to their fields

ANONYMOUS_FORMS = {
    "login": ("/account/login/", {"login": "", "password": ""}),
    "signup": ("/account/signup/", {"email": "kaputt", "password1": "x"}),
}
MEMBER_FORMS = {
    "password": ("/account/password/change/", {"oldpassword": "falsch"}),
    "e-mail": ("/account/email/", {"action_add": "", "email": "kaputt"}),
    "profile": ("/account/profile/", {"display_name": ""}),
    "new topic": ("/community/new/", {"title": "", "text": ""}),
}


def assert_errors_are_tied_to_their_fields(response):
    markup = Markup(response.content.decode())
    assert response.status_code in {200, 400}
    assert 'class="form-field__errors"' in response.content.decode()
    assert markup.described_by, "no field points at a description"
    assert markup.dangling_descriptions() == []
    assert markup.repeated_ids() == []


@pytest.mark.django_db
@pytest.mark.parametrize("form", ANONYMOUS_FORMS)
def test_an_invalid_account_field_is_described_by_its_own_errors(client, form):
    build_site()
    url, data = ANONYMOUS_FORMS[form]

    assert_errors_are_tied_to_their_fields(client.post(url, data))


@pytest.mark.django_db
@pytest.mark.parametrize("form", MEMBER_FORMS)
def test_an_invalid_member_field_is_described_by_its_own_errors(client, form):
    build_shop()
    url, data = MEMBER_FORMS[form]

    assert_errors_are_tied_to_their_fields(logged_in(client).post(url, data))


@pytest.mark.django_db
def test_an_invalid_password_on_reauthentication_is_described_by_its_error(client):
    build_site()
    client.force_login(make_member())

    response = client.post("/account/reauthenticate/", {"password": "falsch"})

    assert_errors_are_tied_to_their_fields(response)


# Dates for machines


def test_machine_times_stop_at_the_second_in_the_current_time_zone(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    moment = datetime(2026, 12, 6, 22, 54, 49, 632481, tzinfo=UTC)

    with timezone.override("Europe/Berlin"):
        assert machine_time(moment) == "2026-12-06T23:54:49+01:00"
    assert machine_time(date(2026, 5, 2)) == "2026-05-02"
    assert machine_time(None) == ""


def test_the_template_filter_writes_machine_times():
    moment = datetime(2026, 12, 6, 22, 54, 49, 632481, tzinfo=UTC)
    template = Template("{% load home_tags %}{{ moment|machine_time }}")

    written = template.render(Context({"moment": moment}))

    assert MACHINE_TIME.match(written), written


@pytest.mark.django_db
def test_a_product_page_writes_its_times_without_microseconds(client):
    product = build_shop()
    product.last_seen_at = timezone.now().replace(microsecond=632481)
    product.synced_at = product.last_seen_at
    product.save()

    markup = Markup(client.get(product.get_absolute_url()).content.decode())

    assert markup.datetimes
    assert [value for value in markup.datetimes if not MACHINE_TIME.match(value)] == []


# The trap field of each form


@pytest.mark.django_db
def test_the_question_and_comment_forms_on_a_product_page_have_traps_of_their_own(
    client,
):
    product = build_shop()
    client.force_login(make_member())

    html = client.get(product.get_absolute_url()).content.decode()

    markup = Markup(html)
    assert html.count('class="form-trap"') == 2
    assert html.count('name="website"') == 2
    assert markup.repeated_ids() == []
    assert markup.labels_for_other_forms() == []


@pytest.mark.django_db
def test_the_question_forms_trap_still_refuses_what_fills_it(client):
    product = build_shop()
    client.force_login(make_member())
    html = client.get(product.get_absolute_url()).content.decode()
    ask_url = re.search(r'action="(/questions/ask/\d+/)"', html).group(1)
    question = {"text": "Ist der Käse laktosefrei?", "confirmed": "on"}

    client.post(ask_url, {**question, "website": "https://spam.example"})
    assert product.questions.count() == 0

    client.post(ask_url, {**question, "website": ""})
    assert product.questions.count() == 1
