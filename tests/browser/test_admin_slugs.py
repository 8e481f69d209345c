"""An editor types a German title in the admin and sees the slug spell its
umlauts out."""

import re

import pytest

from tests.factories import PASSWORD, build_site, staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def blog():
    return build_site()[1]


@pytest.fixture
def admin(context, live_server):
    staff("Lena Lindner", superuser=True)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "lena@team.example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Käse aus dem Allgäu", "kaese-aus-dem-allgaeu"),
        ("Äpfel & Süßmost aus Öhringen", "aepfel-suessmost-aus-oehringen"),
    ],
)
def test_the_slug_spells_out_the_umlauts_of_the_title_as_it_is_typed(
    live_server, admin, blog, title, slug
):
    from playwright.sync_api import expect

    admin.goto(f"{live_server.url}/admin/pages/add/blog/blogpage/{blog.pk}/")
    admin.locator("#id_title").press_sequentially(title)

    expect(admin.locator("#id_slug")).to_have_value(slug)
