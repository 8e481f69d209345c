"""Interests at /account/interests/: none chosen until the member chooses, each one
click, every change a consent on record that the member and staff can read."""

import pytest
from django.urls import reverse

from community.members import interests as defined
from community.members.interests import INTERESTS, RECIPES, TASTINGS
from community.members.preferences import choose_interest
from community.models import Consent, MemberInterest
from tests.factories import build_site, member, staff, text_of

pytestmark = pytest.mark.django_db

URL = "/account/interests/"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def anna(client):
    build_site()
    anna = member("Anna Berger")
    client.force_login(anna)
    return anna


def boxes(html):
    """The interest boxes of the page: key → ticked."""
    found = {}
    for interest in INTERESTS:
        start = html.index(f'id="interest-{interest.key}-box"')
        tag = html[html.rindex("<input", 0, start) : html.index(">", start)]
        found[interest.key] = " checked" in tag
    return found


def test_every_interest_is_offered_unticked_with_its_explanation(client, anna):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert boxes(html) == {interest.key: False for interest in INTERESTS}
    text = text_of(response)
    for interest in INTERESTS:
        assert str(interest.label) in text
        assert str(interest.explanation) in text
    assert "You have not agreed to anything yet." in text


def test_the_profile_links_to_the_interests(client, anna):
    html = client.get("/account/profile/").content.decode()

    assert f'href="{URL}"' in html


def test_anonymous_readers_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_one_click_chooses_an_interest_and_records_the_consent(client, anna):
    response = client.post(URL, {"interest": RECIPES, "chosen": "on"})

    assert response.status_code == 302
    assert response["Location"] == f"{URL}#interest-{RECIPES}"
    assert list(MemberInterest.objects.filter(user=anna).values_list("interest")) == [
        (RECIPES,)
    ]
    consent = Consent.objects.get(user=anna)
    assert (consent.subject, consent.given, consent.text_version) == (RECIPES, True, 1)
    page = client.get(URL)
    assert boxes(page.content.decode())[RECIPES] is True
    assert "“Recipes and cooking” is chosen and counts from now on." in text_of(page)


def test_one_click_takes_it_back_and_records_that_too(client, anna):
    client.post(URL, {"interest": RECIPES, "chosen": "on"})

    client.post(URL, {"interest": RECIPES})

    assert not MemberInterest.objects.filter(user=anna).exists()
    assert list(
        Consent.objects.of(anna).values_list("subject", "given", "text_version")
    ) == [(RECIPES, False, 1), (RECIPES, True, 1)]


def test_the_page_script_gets_the_change_as_json(client, anna):
    response = client.post(
        URL,
        {"interest": TASTINGS, "chosen": "on"},
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 200
    assert response.json() == {
        "chosen": True,
        "message": "“Tastings and events” is chosen and counts from now on.",
    }


def test_the_same_click_twice_records_one_consent(client, anna):
    client.post(URL, {"interest": RECIPES, "chosen": "on"})
    client.post(URL, {"interest": RECIPES, "chosen": "on"})

    assert Consent.objects.filter(user=anna).count() == 1


def test_the_member_reads_what_they_agreed_to_with_the_wording(client, anna):
    choose_interest(anna, TASTINGS, True)
    choose_interest(anna, TASTINGS, False)

    text = text_of(client.get(URL))

    history = text[text.index("What you agreed to") :]
    assert history.count("Tastings and events") == 2
    assert "agreed" in history
    assert "taken back" in history
    assert "wording 1" in history
    assert str(INTERESTS[2].explanation) in history


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"interest": "<script>alert(1)</script>", "chosen": "on"},
            "There is no such interest. Choose one from the list.",
        ),
        ({"interest": "x" * 5000}, "There is no such interest."),
        ({"chosen": "on"}, "Say which interest to change."),
    ],
)
def test_hostile_input_gets_a_clear_error_and_changes_nothing(
    client, anna, data, error
):
    response = client.post(URL, data)

    assert response.status_code == 400
    assert error in text_of(response)
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not MemberInterest.objects.exists()
    assert not Consent.objects.exists()


def test_hostile_input_from_the_script_gets_the_error_as_json(client, anna):
    response = client.post(
        URL, {"interest": "nope"}, headers={"Accept": "application/json"}
    )

    assert response.status_code == 400
    assert response.json() == {
        "errors": ["There is no such interest. Choose one from the list."]
    }


def test_a_consent_on_record_is_never_changed():
    build_site()
    anna = member("Anna Berger")
    choose_interest(anna, RECIPES, True)
    consent = Consent.objects.get()
    consent.given = False

    with pytest.raises(ValueError, match="never changed"):
        consent.save()
    assert Consent.objects.get().given is True


def test_changing_an_explanation_keeps_the_wording_a_member_agreed_to(monkeypatch):
    build_site()
    anna = member("Anna Berger")
    recipes = next(interest for interest in INTERESTS if interest.key == RECIPES)
    choose_interest(anna, RECIPES, True)
    changed = type(recipes)(
        recipes.key, recipes.label, (*recipes.explanations, "New wording.")
    )
    monkeypatch.setitem(defined.BY_KEY, RECIPES, changed)

    choose_interest(anna, RECIPES, False)

    first, second = Consent.objects.order_by("pk")
    assert (first.text_version, first.wording) == (1, recipes.explanations[0])
    assert (second.text_version, second.wording) == (2, "New wording.")


def test_staff_read_a_members_consents_on_their_profile_in_the_admin(client):
    build_site()
    anna = member("Anna Berger")
    choose_interest(anna, TASTINGS, True)
    client.force_login(staff("Tom Team", superuser=True))

    response = client.get(
        reverse("wagtailsnippets_community_profile:edit", args=[anna.profile.pk])
    )

    text = text_of(response)
    assert "Tastings and events" in text
    assert "Given" in text
    assert "Version 1" in text
