"""`ensure_admin` links the demo admin to the owner's author entry, so the
admin's answers show the owner's name, role and photo."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from blog.models import Author
from community.members.names import public_name
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def ensure_admin(**options):
    out = io.StringIO()
    call_command("ensure_admin", password="demo-admin-1", stdout=out, **options)
    return out.getvalue()


def placeholder_owner():
    """Greta's author as `load_demo` leaves it: linked to an account without a
    password."""
    greta = User(username="greta@lindenhof.example", is_staff=True)
    greta.set_unusable_password()
    greta.save()
    return AuthorFactory(name="Greta Lindner", role="Inhaberin", user=greta)


def test_the_new_admin_writes_as_the_owner():
    author = placeholder_owner()

    out = ensure_admin()

    admin = User.objects.get(username="admin")
    author.refresh_from_db()
    assert author.user == admin
    assert public_name(User.objects.get(pk=admin.pk)) == "Greta Lindner"
    assert "Greta Lindner" in out


def test_an_admin_made_earlier_is_linked_too():
    User.objects.create_superuser("admin", "admin@example.com", "pw-1")
    author = placeholder_owner()

    ensure_admin()

    author.refresh_from_db()
    assert author.user.username == "admin"


def test_the_owner_is_not_taken_from_an_account_someone_logs_in_with():
    greta = User.objects.create_user("greta", password="her-own-1", is_staff=True)
    author = AuthorFactory(name="Greta Lindner", user=greta)

    ensure_admin()

    author.refresh_from_db()
    assert author.user == greta
    assert not Author.objects.filter(user__username="admin").exists()


def test_without_the_demo_the_command_says_how_to_link_later():
    out = ensure_admin()

    assert User.objects.filter(username="admin").exists()
    assert "load_demo" in out
