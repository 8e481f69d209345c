"""Look-alike letters do not get a customer or a guest the name of the team.

Names are compared by their confusable skeleton (in the manner of Unicode TR39)
as well as by case, accents and punctuation; a word mixing look-alike alphabets
is refused outright.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Site

from community.discussions.forms import CommentForm
from community.members.accounts import validate_display_name, validate_not_a_team_name
from community.models import Comment, Profile
from home.models import ShopSettings
from home.text import mixes_alphabets, name_skeletons
from tests.factories import AuthorFactory, BlogPageFactory, build_site

pytestmark = pytest.mark.django_db

PASSWORD = "Kuchen-mit-Sahne-42"  # noqa: S105
TAKEN = "This is the name of someone in the shop&#x27;s team"
MIXED = "Please write each word of the name in one alphabet"
LOOKALIKES = [
    "Grеta Lindner",  # Cyrillic е
    "Greta Lіndner",  # Cyrillic і
    "Greta Lındner",  # dotless ı
    "Hofladen Lindenhοf",  # Greek ο
    "HofIaden Lindenhof",  # capital I for l
    "HOFLADEN LINDENH0F",  # zero for O
    "ＧＲＥＴＡ ＬＩＮＤＮＥＲ",  # full-width letters
    "Tеam",  # Cyrillic е
]


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None


@pytest.fixture
def shop():
    """The shop "Hofladen Lindenhof" and its owner, the author Greta Lindner."""
    home, blog, __ = build_site()
    settings = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    settings.shop_name = "Hofladen Lindenhof"
    settings.save()
    owner = get_user_model().objects.create_user(
        username="greta", email="greta@hof.example", password=PASSWORD, is_staff=True
    )
    AuthorFactory(name="Greta Lindner", user=owner)
    return {"blog": blog, "owner": owner}


def make_customer(email="berta@example.org", name="Berta Brot"):
    user = get_user_model().objects.create_user(
        username=f"member-{email.split('@')[0]}", email=email, password=PASSWORD
    )
    Profile.objects.filter(user=user).update(display_name=name)
    return user


def test_look_alike_letters_share_the_skeleton_of_the_latin_name():
    original = name_skeletons("Greta Lindner") | name_skeletons("Hofladen Lindenhof")
    for name in LOOKALIKES[:-1]:
        assert name_skeletons(name) & original, name
    assert not name_skeletons("Greta aus Prenzlau") & original
    assert not name_skeletons("Berta Brot") & original


@pytest.mark.parametrize("name", LOOKALIKES)
def test_a_look_alike_of_a_team_name_is_refused(shop, name):
    with pytest.raises(ValidationError, match="shop's team"):
        validate_not_a_team_name(name)


def test_the_team_member_keeps_their_own_name_however_written(shop):
    validate_not_a_team_name("Grеta Lindner", user=shop["owner"])


@pytest.mark.parametrize(
    "name", ["Grеta Lindner", "Hofladen Lindenhοf", "Аnna", "Մarta Ꭺdler"]
)
def test_a_word_mixing_look_alike_alphabets_is_refused(name):
    assert mixes_alphabets(name)
    with pytest.raises(ValidationError, match="one alphabet"):
        validate_display_name(name)


@pytest.mark.parametrize(
    "name",
    ["Anna Müller", "Ελένη Παπαδοπούλου", "Елена Смирнова", "Ελένη Schmidt", "Işık Ö"],
)
def test_names_in_one_alphabet_per_word_pass(name):
    assert not mixes_alphabets(name)
    validate_display_name(name)


def test_sign_up_with_a_look_alike_of_a_team_name_is_refused_and_kept(client, shop):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "anna@example.org",
            "display_name": "Greta Lındner",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert TAKEN in html
    assert 'value="Greta Lındner"' in html
    assert not get_user_model().objects.filter(email="anna@example.org").exists()


@pytest.mark.parametrize(
    ("name", "message"), [("Hofladen Lindenhοf", MIXED), ("HofIaden Lindenhof", TAKEN)]
)
def test_a_customer_cannot_rename_themselves_with_look_alikes(
    client, shop, name, message
):
    customer = make_customer()
    client.force_login(customer)

    response = client.post(reverse("account_profile"), {"display_name": name})

    assert response.status_code == 200
    assert message in response.content.decode()
    customer.profile.refresh_from_db()
    assert customer.profile.display_name == "Berta Brot"


@pytest.mark.parametrize(
    ("name", "message"), [("Grеta Lindner", MIXED), ("Greta Lındner", TAKEN)]
)
def test_a_guest_cannot_comment_under_a_look_alike(
    client, shop, settings, name, message
):
    settings.COMMUNITY_GUESTS_MAY_COMMENT = True
    post = BlogPageFactory(parent=shop["blog"])
    data = CommentForm(post).initial.copy()
    data.update(
        comment="Sehr gut!",
        reply_to=0,
        name=name,
        email="gast@example.org",
        honeypot="",
    )

    response = client.post(reverse("comments-post-comment"), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert not Comment.objects.exists()
