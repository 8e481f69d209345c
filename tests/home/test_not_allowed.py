"""A method an address does not take gets the site's own 405 page: a short
explanation in the reader's language and a way back, with the `Allow` header,
never the blank page Django's empty answer shows."""

import pytest

from tests.factories import build_shop, member

pytestmark = pytest.mark.django_db

FORM_ONLY = {
    "de": "nimmt nur entgegen, was ein Formular schickt",
    "en": "only receives what a form sends",
}
READ_ONLY = {
    "de": "nichts schicken",
    "en": "nothing can be sent to it",
}


@pytest.fixture
def shop():
    return build_shop()


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("url", ["/comments/post/", "/feedback/send/"])
def test_opening_the_address_a_form_sends_to_shows_the_sites_page(
    client, shop, language, url
):
    response = client.get(url, headers={"accept-language": language})
    page = response.content.decode()

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response["Content-Type"].startswith("text/html")
    assert f'<html lang="{language}"' in page
    assert FORM_ONLY[language] in page
    assert 'href="/"' in page
    assert 'class="error-page__code"' in page
    assert "csrftoken" not in response.cookies


@pytest.mark.parametrize("language", ["de", "en"])
def test_sending_to_a_page_that_is_only_read_shows_the_sites_page(
    client, shop, language
):
    response = client.post("/impressum/", headers={"accept-language": language})
    page = response.content.decode()

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert READ_ONLY[language] in page
    assert FORM_ONLY[language] not in page


def test_the_way_back_leads_only_to_a_page_of_the_site(client, shop):
    own = client.get(
        "/comments/post/", headers={"referer": "http://testserver/blog/?seite=2"}
    )
    foreign = client.get(
        "/comments/post/", headers={"referer": "https://elsewhere.example/falle"}
    )

    assert 'href="/blog/?seite=2"' in own.content.decode()
    assert "elsewhere.example" not in foreign.content.decode()


def test_a_members_405_page_is_kept_by_no_cache(client, shop):
    client.force_login(member("Berta Brot", "berta@example.org", verified=True))

    response = client.get("/feedback/send/")
    control = {word.strip() for word in response["Cache-Control"].split(",")}

    assert response.status_code == 405
    assert {"private", "no-store"} <= control
