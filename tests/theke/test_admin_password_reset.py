"""The admin's password reset mails links to the team only, within the site's
limits, and its links set no customer's password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import build_site

pytestmark = pytest.mark.django_db

PASSWORD = "Kuchen-mit-Sahne-42"  # noqa: S105
RESET_URL = "/admin/password_reset/"
DONE_URL = "/admin/password_reset/done/"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.LANGUAGE_CODE = "en"
    build_site()


def make_account(email, *, staff=False, admin_access=False):
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, is_staff=staff
    )
    if admin_access:
        user.user_permissions.add(
            Permission.objects.get(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
        )
    return user


def ask_reset(client, email):
    return client.post(RESET_URL, {"email": email})


def confirm_url(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return f"/admin/password_reset/confirm/{uid}/{token}/"


def test_the_admin_reset_is_answered_by_theke():
    assert reverse("wagtailadmin_password_reset") == RESET_URL


def test_a_customer_gets_no_reset_mail_however_often_asked(client):
    make_account("kundin@example.org")

    responses = [ask_reset(client, "kundin@example.org") for __ in range(8)]

    assert mail.outbox == []
    # Only the first requests pass the limit; none sends anything.
    assert responses[0].status_code == 302
    assert responses[0]["Location"] == DONE_URL
    assert {response.status_code for response in responses[3:]} == {429}


def test_a_customer_and_an_unknown_address_are_answered_as_the_team(client):
    make_account("kundin@example.org")
    make_account("greta@hof.example", admin_access=True)

    answers = [
        ask_reset(client, email)
        for email in ("kundin@example.org", "niemand@example.org", "greta@hof.example")
    ]

    assert [(a.status_code, a["Location"]) for a in answers] == [(302, DONE_URL)] * 3
    assert [message.to for message in mail.outbox] == [["greta@hof.example"]]


def test_the_team_gets_a_link_that_sets_their_password(client):
    greta = make_account("greta@hof.example", admin_access=True)

    ask_reset(client, "greta@hof.example")
    link = re.search(r"/admin/password_reset/confirm/\S+/\S+/", mail.outbox[0].body)
    form_page = client.get(link[0], follow=True)
    new = "Neues-Passwort-fuer-Greta-7"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
    )

    greta.refresh_from_db()
    assert greta.check_password(new)


def test_a_staff_flag_without_admin_access_gets_no_mail(client):
    make_account("aushilfe@hof.example", staff=True)

    ask_reset(client, "aushilfe@hof.example")

    assert mail.outbox == []


def test_a_reset_link_for_a_customer_sets_no_password(client):
    customer = make_account("kundin@example.org")

    page = client.get(confirm_url(customer), follow=True)
    new = "Uebernommen-vom-Angreifer-1"
    client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else confirm_url(customer),
        {"new_password1": new, "new_password2": new},
    )

    customer.refresh_from_db()
    assert customer.check_password(PASSWORD)
    assert not customer.check_password(new)


def test_admin_resets_are_limited_per_address_like_the_sites_own(client):
    make_account("greta@hof.example", admin_access=True)

    codes = [ask_reset(client, "greta@hof.example").status_code for __ in range(5)]

    assert codes == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3


def test_admin_and_site_resets_share_one_limit(client):
    make_account("greta@hof.example", admin_access=True)

    for __ in range(3):
        client.post(reverse("account_reset_password"), {"email": "greta@hof.example"})

    assert ask_reset(client, "greta@hof.example").status_code == 429
