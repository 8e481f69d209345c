"""Interests in the admin: counts without names, the categories that serve each,
and the export of an audience only with its own permission and purpose."""

import csv
import io
import re

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from community.members.interests import RECIPES, TASTINGS
from community.members.preferences import choose_interest
from community.models import InterestCategories
from tests.factories import (
    CategoryFactory,
    ProductFactory,
    build_site,
    member,
    staff,
    text_of,
)

pytestmark = pytest.mark.django_db

LIST = reverse("wagtailsnippets_community_interestcategories:list")


def export_url(key):
    return reverse("theke_interest_audience_export", args=[key])


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def audience():
    build_site()
    people = [
        member("Anna Berger"),
        member("Bernd Leser"),
        member("=HYPERLINK(1) Carla", email="carla@example.org"),
    ]
    for person in people:
        choose_interest(person, TASTINGS, True)
    choose_interest(people[0], RECIPES, True)
    choose_interest(people[1], RECIPES, True)
    choose_interest(people[1], RECIPES, False)
    return people


def row_of(html, label):
    """The listing's row for the interest, spaces removed."""
    start = html.index(label)
    return re.sub(r"\s+", "", html[start : html.index("</tr>", start)])


def test_staff_see_how_many_chose_each_interest_but_not_who(client, audience):
    client.force_login(staff("Tom Team", superuser=True))

    response = client.get(LIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<td>3</td>" in row_of(html, "Tastings and events")
    assert "<td>1</td>" in row_of(html, "Recipes and cooking")
    for person in audience:
        assert person.profile.display_name not in html
        assert person.email not in html


def test_staff_put_categories_under_an_interest(client, audience):
    recipes = CategoryFactory(name="Rezepte", slug="rezepte")
    ProductFactory(category="Käse")
    client.force_login(staff("Tom Team", superuser=True))
    row = InterestCategories.objects.get(interest=RECIPES)

    response = client.post(
        reverse("wagtailsnippets_community_interestcategories:edit", args=[row.pk]),
        {"blog_categories": [recipes.pk], "product_categories": ["Käse"]},
    )

    assert response.status_code == 302
    row.refresh_from_db()
    assert list(row.blog_categories.all()) == [recipes]
    assert row.product_categories == ["Käse"]
    assert "Rezepte, Käse" in text_of(client.get(LIST))


def test_interests_are_neither_added_nor_deleted_in_the_admin(client, audience):
    client.force_login(staff("Tom Team", superuser=True))
    row = InterestCategories.objects.get(interest=RECIPES)

    assert client.get(
        reverse("wagtailsnippets_community_interestcategories:add")
    ).status_code in {302, 403}
    client.post(
        reverse("wagtailsnippets_community_interestcategories:delete", args=[row.pk])
    )
    assert InterestCategories.objects.filter(pk=row.pk).exists()


def test_staff_without_the_permission_see_the_counts_but_cannot_export(
    client, audience
):
    editor = staff(
        "Eva Editor", permissions=["access_admin", "change_interestcategories"]
    )
    client.force_login(editor)

    listing = client.get(LIST)
    assert listing.status_code == 200
    assert "Export who chose it" not in text_of(listing)
    for response in (
        client.get(export_url(TASTINGS)),
        client.post(export_url(TASTINGS)),
    ):
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        assert "text/csv" not in response["Content-Type"]


@pytest.fixture
def exporter(client):
    person = staff(
        "Ole Organiser", permissions=["access_admin", "export_interest_audience"]
    )
    client.force_login(person)
    return person


def test_the_export_names_its_purpose_before_anything_is_sent(
    client, audience, exporter
):
    response = client.get(export_url(TASTINGS))

    assert response.status_code == 200
    text = text_of(response)
    assert "To invite the members who chose “Tastings and events”" in text
    assert "3 members chose this interest." in text
    assert audience[0].email not in text


def test_the_export_sends_who_chose_it_and_is_logged(client, audience, exporter):
    response = client.post(export_url(TASTINGS))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith(
        'attachment; filename="interest-tastings-'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Public name", "E-mail address", "Chosen on"]
    assert sorted(row[1] for row in rows[1:]) == sorted(p.email for p in audience)
    assert "'=HYPERLINK(1) Carla" in [row[0] for row in rows]
    entry = ModelLogEntry.objects.get(action="community.export_interest_audience")
    assert entry.user == exporter
    assert entry.data == {"interest": TASTINGS, "members": 3}


def test_an_interest_that_names_no_purpose_cannot_be_exported(
    client, audience, exporter
):
    assert client.get(export_url(RECIPES)).status_code == 404
    assert client.post(export_url(RECIPES)).status_code == 404
    assert client.get(export_url("nonsense")).status_code == 404
