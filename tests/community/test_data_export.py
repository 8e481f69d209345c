"""The member's data: a page of everything Theke keeps about them and the same as
a JSON download, for them alone and never cached; and no model that refers to an
account or keeps personal data is left out of it."""

import datetime
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from community.members.interests import OFFERS
from community.members.preferences import choose_interest
from community.models import Announcement, Dismissal, Reaction, Report
from community.privacy.export import NOT_EXPORTED, PARTS, as_json
from home.personal_data import PersonalData, declarations_of
from tests.factories import (
    PASSWORD,
    BlogPageFactory,
    add_comment,
    ask,
    build_shop,
    category,
    member,
    topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _refers_to_accounts(model) -> bool:
    user = get_user_model()
    return any(
        field.is_relation
        and field.concrete
        and field.related_model is not None
        and issubclass(field.related_model, user)
        for field in model._meta.get_fields()
    )


def _keeps_personal_data(model) -> bool:
    return any(isinstance(item, PersonalData) for item in declarations_of(model))


def test_every_model_about_people_is_exported_or_left_out_with_a_reason():
    exported = {part.model._meta.label_lower for part in PARTS}
    forgotten = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if issubclass(model, Page) and model is not Page:
            label = "wagtailcore.page"  # the team's pages, one reason for all
        if not (_refers_to_accounts(model) or _keeps_personal_data(model)):
            continue
        if label not in exported and label not in NOT_EXPORTED:
            forgotten.append(label)
    assert forgotten == []


def test_the_reasons_name_only_models_that_exist_and_are_not_exported():
    labels = {model._meta.label_lower for model in apps.get_models()}
    exported = {part.model._meta.label_lower for part in PARTS}
    optional = {"django_tasks_db.dbtaskresult"}  # only with the database queue
    assert set(NOT_EXPORTED) - labels - optional == set()
    assert set(NOT_EXPORTED) & exported == set()


@pytest.fixture
def jana():
    shop = build_shop()
    jana = member("Jana Quellenberg", "jana.quellenberg@example.org")
    other = member("Bernd Leser")
    post = BlogPageFactory(parent=shop["board"].get_parent(), title="Heuernte")
    add_comment(post, jana, text="Der Bergkäse schmeckt nach Alpenwiese")
    theirs = add_comment(post, other, text="Stimmt!")
    Reaction.objects.create(comment=theirs, user=jana, kind=Reaction.Kind.THANKS)
    Report.objects.create(
        comment=theirs, user=jana, reason=Report.Reason.RUDE, note="Unhöflich"
    )
    topic(jana, category(), title="Kartoffelsorten im Herbst")
    ask(shop["cheese"], jana, text="Ist die Rinde essbar?")
    choose_interest(jana, OFFERS, True)
    now = timezone.now()
    note = Announcement.objects.create(
        text="Hoffest am Samstag",
        audience="everyone",
        starts_at=now,
        ends_at=now + datetime.timedelta(days=1),
    )
    Dismissal.objects.create(user=jana, announcement=note)
    return jana


def test_the_download_holds_every_kind_of_data_and_nobody_elses(client, jana):
    client.force_login(jana)
    response = client.get("/account/data/export.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)["data"]
    assert data["account"][0]["email"] == "jana.quellenberg@example.org"
    assert "password" not in data["account"][0]
    assert data["profile"][0]["display_name"] == "Jana Quellenberg"
    assert [row["comment"] for row in data["comments"]] == [
        "Der Bergkäse schmeckt nach Alpenwiese"
    ]
    assert [row["title"] for row in data["topics"]] == ["Kartoffelsorten im Herbst"]
    assert [row["text"] for row in data["questions"]] == ["Ist die Rinde essbar?"]
    assert [row["kind"] for row in data["reactions"]] == ["Thanks"]
    assert [row["note"] for row in data["reports"]] == ["Unhöflich"]
    assert [row["interest"] for row in data["interests"]] == ["Offers and coupons"]
    assert len(data["consents"]) == 1
    assert len(data["announcements_dismissed"]) == 1
    assert "Bernd" not in response.content.decode()


def test_the_page_shows_the_same_and_links_the_download(client, jana):
    client.force_login(jana)
    response = client.get("/account/data/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Der Bergkäse schmeckt nach Alpenwiese" in page
    assert "Kartoffelsorten im Herbst" in page
    assert 'href="/account/data/export.json"' in page
    assert 'href="/account/delete/"' in page
    assert PASSWORD not in page


def test_the_profile_links_both_pages(client, jana):
    client.force_login(jana)
    page = client.get("/account/profile/").content.decode()
    assert 'href="/account/data/"' in page
    assert 'href="/account/delete/"' in page


@pytest.mark.parametrize("url", ["/account/data/", "/account/data/export.json"])
def test_nobody_but_the_member_gets_their_data(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert "no-store" in response["Cache-Control"]


def test_the_json_is_made_from_the_same_parts_as_the_page(jana):
    data = as_json(jana)["data"]
    assert list(data) == [part.key for part in PARTS]
