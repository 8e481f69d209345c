"""Staff answer as themselves: their author's name, role and photo with the team
badge, or the shop's team without an author; never "Member", in pages or mails."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Site

from community.discussions.authors import authors_of
from community.members.accounts import validate_not_a_team_name
from community.members.names import public_name
from community.models import ProductAnswer, ProductQuestion, Profile
from community.questions.questions import notify_asker
from home.models import ShopSettings
from tests.factories import (
    AuthorFactory,
    ProducerPageFactory,
    ProductFactory,
    build_board,
    build_catalogue,
    build_site,
)

pytestmark = pytest.mark.django_db

SHOP = "Hofladen Lindenhof"


@pytest.fixture
def shop():
    home, __, producers = build_site()
    settings = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    settings.shop_name = SHOP
    settings.save()
    build_catalogue(home)
    build_board(home)
    producer = ProducerPageFactory(parent=producers, title="Hofkäserei Wendt")
    return ProductFactory(
        title="Heumilch-Bergkäse", slug="heumilch-bergkaese", producer=producer
    )


def account(username, stand_in_profile=False, **fields):
    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", password="pw-1", **fields
    )
    if stand_in_profile:
        # What accounts made without names got before: "Member" in German.
        Profile.objects.update_or_create(
            user=user, defaults={"display_name": "Mitglied"}
        )
    return User.objects.get(pk=user.pk)


def answered(product, asker, answerer, text="Ja, durch die lange Reifung."):
    question = ProductQuestion.objects.create(
        product=product,
        author=asker,
        text="Ist der Käse laktosefrei?",
        text_html="<p>Ist der Käse laktosefrei?</p>",
        state="published",
    )
    answer = ProductAnswer.objects.create(
        question=question,
        author=answerer,
        text=text,
        text_html=f"<p>{text}</p>",
        state="published",
    )
    return question, answer


def test_staff_with_a_stand_in_profile_read_as_the_shop_not_as_member(shop, client):
    asker = account("jana")
    admin = account("admin", stand_in_profile=True, is_staff=True, is_superuser=True)
    question, __ = answered(shop, asker, admin)

    with translation.override("de"):
        html = client.get(f"/community/questions/{question.pk}/").content.decode()
        name = public_name(admin)

    answer_html = html.split('<ol class="answers"')[1].split("</ol>")[0]
    assert name == SHOP
    assert "Mitglied" not in answer_html
    assert f">{SHOP}" in answer_html
    assert "badge--team" in answer_html
    # The initials avatar is the shop's, not the "M" of "Mitglied".
    assert '">HL</span>' in answer_html


def test_the_askers_mail_names_the_team_not_a_member(
    shop, django_capture_on_commit_callbacks
):
    asker = account("jana")
    Profile.objects.filter(user=asker).update(display_name="Jana P.")
    admin = account("admin", stand_in_profile=True, is_staff=True, is_superuser=True)
    question, answer = answered(shop, asker, admin)

    with django_capture_on_commit_callbacks(execute=True):
        assert notify_asker(None, answer)

    body = mail.outbox[-1].body
    assert f"{SHOP} antwortet:" in body
    assert "Mitglied" not in body


def test_a_team_author_gives_staff_name_role_photo_and_the_team_badge(shop, client):
    asker = account("jana")
    greta = account("greta", stand_in_profile=True, is_staff=True, is_superuser=True)
    AuthorFactory(user=greta, name="Greta Lindner", role="Inhaberin")
    question, __ = answered(shop, asker, greta)

    found = authors_of({greta.pk})[greta.pk]
    html = client.get(f"/community/questions/{question.pk}/").content.decode()

    assert found.name == "Greta Lindner"
    assert found.role == "Inhaberin"
    assert found.photo is not None
    assert [badge.kind for badge in found.badges] == ["team", "moderator"]
    assert "Greta Lindner" in html and "Inhaberin" in html


def test_staff_made_without_names_get_no_member_name(shop):
    staff = User.objects.create_user(username="kasse", password="pw-1", is_staff=True)

    assert Profile.objects.get(user=staff).display_name != "Mitglied"
    with translation.override("de"):
        assert public_name(User.objects.get(pk=staff.pk)) == SHOP


def test_staff_with_a_first_name_only_read_as_one_of_the_team(shop):
    anna = account("anna", first_name="Anna", is_staff=True)

    with translation.override("de"):
        assert public_name(anna) == f"Anna vom Team {SHOP}"
    with translation.override("en"):
        assert public_name(anna) == f"Anna from the {SHOP} team"


def test_opening_the_profile_page_gives_staff_no_member_name(shop, client):
    staff = account("kasse", is_staff=True)
    Profile.objects.filter(user=staff).delete()
    client.force_login(staff)

    html = client.get("/account/profile/", HTTP_ACCEPT_LANGUAGE="de").content.decode()

    assert Profile.objects.get(user=staff).display_name != "Mitglied"
    assert public_name(User.objects.get(pk=staff.pk)) == SHOP
    assert "not linked to an author" in html or "keinem Autor" in html


def test_the_team_name_follows_the_shops_settings(shop):
    staff = account("kasse", is_staff=True)
    assert public_name(staff) == SHOP

    settings = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    settings.shop_name = "Käserei am Markt"
    settings.save()

    assert public_name(User.objects.get(pk=staff.pk)) == "Käserei am Markt"


def test_members_are_still_named_member(shop):
    jana = account("jana", stand_in_profile=True)

    with translation.override("en"):
        assert public_name(jana) == "Member"
    assert authors_of({jana.pk})[jana.pk].badges == []


# The admin's prompt


def test_staff_without_an_author_are_asked_to_link_one_on_the_dashboard(shop, client):
    admin = account("admin", is_staff=True, is_superuser=True)
    client.force_login(admin)

    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Your account is not linked to an author" in html
    assert "/admin/snippets/blog/author/" in html


def test_staff_with_an_author_get_no_prompt(shop, client):
    admin = account("admin", is_staff=True, is_superuser=True)
    AuthorFactory(user=admin, name="Greta Lindner")
    client.force_login(admin)

    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Your account is not linked to an author" not in html


def test_no_customer_may_take_a_staff_members_team_name(shop):
    account("anna", first_name="Anna", is_staff=True)

    for name in (f"Anna vom Team {SHOP}", f"Anna from the {SHOP} team"):
        with pytest.raises(ValidationError):
            validate_not_a_team_name(name)
    validate_not_a_team_name("Anna aus Kleinried")
