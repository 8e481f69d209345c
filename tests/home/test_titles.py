"""The shop's name, from its settings: once in a page's <title>, as the sender
of the site's mails, as the admin's title."""

import email
from email.policy import default

import pytest
from django.contrib.auth.models import User
from django.core import mail
from wagtail.models import Site

from community.mail import send_mail_task
from community.members.accounts import AccountAdapter
from home.models import ShopSettings
from home.shop_name import mail_sender
from home.templatetags.home_tags import title_once
from tests.factories import build_site

pytestmark = pytest.mark.django_db

SHOP = "Hofladen Lindenhof"


@pytest.fixture
def home(settings):
    settings.DEFAULT_FROM_EMAIL = "Theke <hallo@localhost>"
    home, __, __ = build_site()
    name_the_shop(SHOP)
    home.title = SHOP
    home.save_revision().publish()
    return home


def name_the_shop(name):
    shop = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    shop.shop_name = name
    shop.save()


def title_of(html):
    return html.split("<title>")[1].split("</title>")[0]


def test_the_home_page_names_the_shop_once(client, home):
    assert title_of(client.get("/").content.decode()) == SHOP


def test_other_pages_keep_their_own_title_before_the_shops(client, home):
    assert title_of(client.get("/blog/").content.decode()).endswith(f" – {SHOP}")


def test_a_title_drops_repeated_parts_and_keeps_escaping():
    assert title_once("Käse – Käse – Hof") == "Käse – Hof"
    assert title_once("A &amp; B – a &amp; b") == "A &amp; B"


def test_mails_come_from_the_shop_at_the_configured_address(home):
    send_mail_task.call(to="jana@example.org", subject="Hallo", text="Text")

    assert sender_of(mail.outbox[-1]) == (SHOP, "hallo@localhost")


def test_a_shop_name_with_umlauts_and_a_comma_stays_one_sender(home):
    name_the_shop("Käserei, am Markt")

    send_mail_task.call(to="jana@example.org", subject="Hallo", text="Text")

    assert sender_of(mail.outbox[-1]) == ("Käserei, am Markt", "hallo@localhost")


def sender_of(message):
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=default)
    (address,) = parsed["From"].addresses
    return address.display_name, address.addr_spec


def test_the_sender_costs_no_query_once_known_and_follows_the_settings(
    home, django_assert_num_queries, django_capture_on_commit_callbacks
):
    mail_sender()
    with (
        django_assert_num_queries(0),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_mail_task.call(to="jana@example.org", subject="Hallo", text="Text")

    name_the_shop("Käserei am Markt")

    assert mail_sender() == '"Käserei am Markt" <hallo@localhost>'


def test_account_mails_come_from_the_shop_too(home, rf):
    assert AccountAdapter(rf.get("/")).get_from_email() == (
        f'"{SHOP}" <hallo@localhost>'
    )


def test_the_admin_is_titled_with_the_shops_name(client, home):
    client.force_login(User.objects.create_superuser("admin", "a@b.example", "pw-1"))

    html = client.get("/admin/").content.decode()

    assert title_of(html).strip().endswith(SHOP)
    assert "Wagtail</title>" not in html
    assert f'<h1 class="w-h1 w-mt-0"> {SHOP} </h1>' in " ".join(html.split())
