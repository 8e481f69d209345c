"""Announcements: a banner for everyone or for those who chose an interest, for a
while; members dismiss them for good, anonymous readers in their browser only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from community.members.interests import TASTINGS
from community.members.preferences import (
    choose_interest,
    hide_blog_category,
    hide_product_category,
)
from community.models import Announcement, Dismissal
from tests.factories import (
    CategoryFactory,
    build_site,
    member,
    staff,
    text_of,
    warm_count,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def announce(text, audience="everyone", starts=-1, ends=24, **fields):
    """An announcement shown from `starts` to `ends` hours from now."""
    now = timezone.now()
    return Announcement.objects.create(
        text=text,
        audience=audience,
        starts_at=now + datetime.timedelta(hours=starts),
        ends_at=now + datetime.timedelta(hours=ends),
        **fields,
    )


@pytest.fixture
def site():
    return build_site()


def banner(response):
    """The texts of the announcements on the page."""
    html = response.content.decode()
    if "data-announcements" not in html:
        return []
    start = html.index("data-announcements")
    part = html[start : html.index("</aside>", start)]
    return [
        chunk.split("</p>")[0].split(" <a ")[0]
        for chunk in part.split('<p class="announcement__text">')[1:]
    ]


def test_an_announcement_for_everyone_shows_to_anonymous_readers(client, site):
    announce("Hoffest am Sonntag", link="/blog/", link_text="Programm")

    response = client.get("/")

    assert banner(response) == ["Hoffest am Sonntag"]
    html = response.content.decode()
    assert '<a class="announcement__link" href="/blog/">Programm</a>' in html
    # Anonymous readers dismiss in their browser: no form, no token, no cookie.
    assert "csrfmiddlewaretoken" not in html
    assert "data-announcement-close" in html
    assert not response.cookies


def test_an_announcement_for_an_interest_shows_only_to_those_who_chose_it(client, site):
    announce("Käseverkostung am Samstag", audience=TASTINGS)
    anna = member("Anna Berger")
    choose_interest(anna, TASTINGS, True)

    assert banner(client.get("/")) == []
    client.force_login(member("Bernd Leser"))
    assert banner(client.get("/")) == []
    client.force_login(anna)
    assert banner(client.get("/blog/")) == ["Käseverkostung am Samstag"]


def test_choosing_the_interest_brings_the_announcement_at_once(client, site):
    announce("Käseverkostung am Samstag", audience=TASTINGS)
    client.force_login(member("Anna Berger"))

    client.post("/account/interests/", {"interest": TASTINGS, "chosen": "on"})
    assert banner(client.get("/")) == ["Käseverkostung am Samstag"]
    client.post("/account/interests/", {"interest": TASTINGS})
    assert banner(client.get("/")) == []


def test_announcements_show_only_between_start_and_end(client, site):
    announce("Vorbei", starts=-48, ends=-1)
    announce("Kommt noch", starts=2, ends=24)
    announce("Jetzt")

    assert banner(client.get("/")) == ["Jetzt"]


def test_a_member_dismisses_an_announcement_for_good(client, site):
    shown = announce("Hoffest am Sonntag")
    anna = member("Anna Berger")
    client.force_login(anna)

    response = client.post(
        reverse("announcement_dismiss", args=[shown.pk]), {"next": "/blog/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/blog/"
    assert Dismissal.objects.filter(user=anna, announcement=shown).exists()
    assert banner(client.get("/")) == []
    client.force_login(member("Bernd Leser"))
    assert banner(client.get("/")) == ["Hoffest am Sonntag"]


def test_the_page_script_dismisses_without_leaving_the_page(client, site):
    shown = announce("Hoffest am Sonntag")
    client.force_login(member("Anna Berger"))

    response = client.post(
        reverse("announcement_dismiss", args=[shown.pk]),
        headers={"Accept": "application/json"},
    )

    assert response.json() == {"dismissed": shown.pk}


def test_dismissing_goes_nowhere_outside_the_site(client, site):
    shown = announce("Hoffest am Sonntag")
    client.force_login(member("Anna Berger"))

    response = client.post(
        reverse("announcement_dismiss", args=[shown.pk]),
        {"next": "https://evil.example/"},
    )

    assert response["Location"] == "/"


def test_anonymous_readers_cannot_dismiss_on_the_server(client, site):
    shown = announce("Hoffest am Sonntag")

    response = client.post(reverse("announcement_dismiss", args=[shown.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert not Dismissal.objects.exists()


def test_dismissing_an_unknown_announcement_is_not_found(client, site):
    client.force_login(member("Anna Berger"))

    assert (
        client.post("/announcements/99999999999999999999/dismiss/").status_code == 404
    )
    assert client.post("/announcements/12345/dismiss/").status_code == 404


def test_announcements_respect_the_categories_a_member_hid(client, site):
    cheese = CategoryFactory(name="Käse", slug="kaese")
    announce("Neue Käsesorten", blog_category=cheese)
    announce("Brot vom Vortag halbiert", product_category="Brot")
    announce("Hoffest am Sonntag")
    anna = member("Anna Berger")
    hide_blog_category(anna, cheese)
    hide_product_category(anna, "Brot")
    client.force_login(anna)

    assert banner(client.get("/")) == ["Hoffest am Sonntag"]


def test_a_page_shows_the_newest_few(client, site, settings):
    settings.COMMUNITY_ANNOUNCEMENTS_SHOWN = 2
    announce("Alt", starts=-10)
    announce("Neuer", starts=-5)
    announce("Neuest", starts=-1)

    assert banner(client.get("/")) == ["Neuest", "Neuer"]


def test_saving_an_announcement_shows_it_at_once(client, site):
    assert banner(client.get("/")) == []

    shown = announce("Hoffest am Sonntag")
    assert banner(client.get("/")) == ["Hoffest am Sonntag"]
    shown.text = "Hoffest am Montag"
    shown.save()
    assert banner(client.get("/")) == ["Hoffest am Montag"]
    shown.delete()
    assert banner(client.get("/")) == []


def test_announcements_cost_an_anonymous_page_no_query(client, site):
    before = warm_count(client, "/")
    announce("Hoffest am Sonntag")
    announce("Käseverkostung", audience=TASTINGS)

    assert warm_count(client, "/") == before


def test_announcements_cost_a_member_a_fixed_number_of_queries(client, site):
    anna = member("Anna Berger")
    choose_interest(anna, TASTINGS, True)
    client.force_login(anna)
    announce("Hoffest am Sonntag")
    announce("Verkostung", audience=TASTINGS)
    announce("Markt", product_category="Brot")
    small = warm_count(client, "/blog/")
    for n in range(10):
        announce(f"Verkostung {n}", audience=TASTINGS)
        announce(f"Markt {n}", product_category="Brot")

    assert warm_count(client, "/blog/") == small


def test_pages_for_members_are_private_and_anonymous_ones_are_not(client, site):
    anonymous = client.get("/")
    client.force_login(member("Anna Berger"))
    private = [client.get(url) for url in ("/", "/blog/", "/account/interests/")]

    assert "private" not in anonymous.get("Cache-Control", "")
    for response in private:
        assert "private" in response["Cache-Control"]


# Staff write them in the admin.

ADD = reverse("wagtailsnippets_community_announcement:add")


def admin_data(**fields):
    data = {
        "text": "Käseverkostung am Samstag um 11",
        "link": "/blog/",
        "link_text": "Mehr dazu",
        "starts_at": "2026-10-01 09:00",
        "ends_at": "2026-10-04 18:00",
        "audience": TASTINGS,
        "blog_category": "",
        "product_category": "",
    }
    data.update(fields)
    return data


def test_staff_write_an_announcement_for_an_interest(client, site):
    client.force_login(staff("Tom Team", superuser=True))

    response = client.post(ADD, admin_data())

    assert response.status_code == 302
    saved = Announcement.objects.get()
    assert (saved.audience, saved.link) == (TASTINGS, "/blog/")


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"ends_at": "2026-09-30 09:00"}, "The end must come after the start."),
        ({"link": "javascript:alert(1)"}, "starting with “/”"),
        ({"link": "//evil.example/"}, "starting with “/”"),
        ({"audience": "<script>"}, "Select a valid choice."),
        ({"text": "x" * 201}, "at most 200 characters"),
        ({"product_category": "Gibt es nicht"}, "Select a valid choice."),
    ],
)
def test_the_admin_explains_what_is_wrong_and_keeps_what_was_typed(
    client, site, fields, error
):
    client.force_login(staff("Tom Team", superuser=True))

    data = admin_data(**fields)

    response = client.post(ADD, data)

    assert response.status_code == 200
    assert error in text_of(response)
    assert f'value="{data["text"]}"' in response.content.decode()
    assert not Announcement.objects.exists()
