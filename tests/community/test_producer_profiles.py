"""Staff link a member to the producer they speak for in the admin, without
seeing addresses they may not see; the member's profile page shows the link."""

import pytest
from django.contrib.auth.models import Group, Permission, User

from community.models import Profile
from tests.factories import ProducerPageFactory, build_site

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/community/profile/"


@pytest.fixture
def producer():
    __, __, producers = build_site()
    return ProducerPageFactory(parent=producers, title="Hofkäserei Wendt")


def member(name, email):
    user = User.objects.create_user(username=email, email=email, password="pw-1")
    Profile.objects.update_or_create(user=user, defaults={"display_name": name})
    return User.objects.get(pk=user.pk)


def editor(*codenames):
    """Staff in a group that may use the admin and change profiles."""
    user = User.objects.create_user(
        username="editor", email="editor@team.example", password="pw-1", is_staff=True
    )
    group = Group.objects.create(name="Profile editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            codename__in=codenames, content_type__app_label="community"
        ),
    )
    user.groups.add(group)
    return user


def test_staff_link_a_member_to_their_producer(client, producer):
    wendt = member("Wilma Wendt", "wilma@wendt.example")
    client.force_login(editor("change_profile"))
    url = f"{LIST}edit/{wendt.profile.pk}/"

    assert client.get(url).status_code == 200
    response = client.post(url, {"producer": producer.pk, "display_name": "Die Chefin"})

    assert response.status_code == 302
    profile = Profile.objects.get(user=wendt)
    assert profile.producer_id == producer.pk
    # Only the producer changes here: the name is the member's own.
    assert profile.display_name == "Wilma Wendt"


def test_the_list_shows_no_addresses_without_the_right_to_see_them(client, producer):
    member("Wilma Wendt", "wilma@wendt.example")
    client.force_login(editor("change_profile"))

    listing = client.get(LIST).content.decode()
    found = client.get(LIST, {"q": "wilma@wendt.example"}).content.decode()

    assert "Wilma Wendt" in listing
    assert "wilma@wendt.example" not in listing
    # No finding a member by an address one may not see.
    assert "Wilma Wendt" not in found


def test_those_who_may_see_addresses_see_and_find_them(client, producer):
    member("Wilma Wendt", "wilma@wendt.example")
    client.force_login(editor("change_profile", "view_member_email"))

    found = client.get(LIST, {"q": "wilma@wendt.example"}).content.decode()

    assert "Wilma Wendt" in found
    assert "wilma@wendt.example" in found


def test_profiles_are_neither_added_nor_deleted_in_the_admin(client, producer):
    wendt = member("Wilma Wendt", "wilma@wendt.example")
    client.force_login(User.objects.create_superuser("admin", "a@b.example", "pw-1"))

    assert client.get(f"{LIST}add/").status_code in {302, 403}
    client.post(f"{LIST}delete/{wendt.profile.pk}/")

    assert Profile.objects.filter(user=wendt).exists()


def test_the_members_profile_page_shows_the_producer_they_speak_for(client, producer):
    wendt = member("Wilma Wendt", "wilma@wendt.example")
    Profile.objects.filter(user=wendt).update(producer=producer)
    client.force_login(wendt)

    html = client.get("/account/profile/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "You speak for" in html
    assert f'href="{producer.url}"' in html
    assert "Hofkäserei Wendt" in html


def test_a_member_without_a_producer_is_told_nothing_about_one(client, producer):
    client.force_login(member("Jana P.", "jana@example.org"))

    html = client.get("/account/profile/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "You speak for" not in html
