"""A form refused by the CSRF check gets the site's own page: what happened and
what to do, in the reader's language, with what they typed shown back to copy
(escaped, never a password, a token or a form's own fields), a 403 that no
cache keeps and that sets no cookie."""

import re
from urllib.parse import urlencode

import pytest
from django.test import Client

from home.csrf_failure import MAX_CHARACTERS, MAX_FIELDS, typed_text
from tests.factories import PASSWORD, BlogPageFactory, build_site, member

pytestmark = pytest.mark.django_db

HOSTILE = '</textarea><script>alert("Käse")</script><img src=x onerror=alert(1)>'
WORDS = {
    "de": ("Ihr Formular konnte nicht gesendet werden", "Ihr Kommentar"),
    "en": ("Your form could not be sent", "Your comment"),
}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def post():
    return BlogPageFactory(parent=build_site()[1], title="Käse reift")


@pytest.fixture
def browser():
    """A client that checks CSRF as a browser's requests are checked."""
    return Client(enforce_csrf_checks=True)


def kept_values(page):
    return re.findall(r"<textarea[^>]*readonly>(.*?)</textarea>", page, re.S)


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_form_sent_after_logging_out_in_another_tab_keeps_what_was_typed(
    browser, post, language
):
    member("Berta Brot", "berta@example.org", verified=True)
    headers = {"accept-language": language}
    login = browser.get("/account/login/", headers=headers).content.decode()
    browser.post(
        "/account/login/",
        {
            "csrfmiddlewaretoken": TOKEN.search(login)[1],
            "login": "berta@example.org",
            "password": PASSWORD,
        },
        headers=headers,
    )
    form = browser.get(f"{post.url}?write=1", headers=headers).content.decode()
    token = TOKEN.search(form)[1]
    # Another tab logs out: the answer's Clear-Site-Data drops every cookie.
    logged_out = browser.post(
        "/account/logout/", {"csrfmiddlewaretoken": token}, headers=headers
    )
    assert logged_out["Clear-Site-Data"]
    browser.cookies.clear()

    response = browser.post(
        "/comments/post/",
        {
            "csrfmiddlewaretoken": token,
            "comment": f"Ist der Käse reif?\n{HOSTILE}",
            "content_type": "blog.blogpage",
            "object_pk": str(post.pk),
        },
        headers={**headers, "referer": f"http://testserver{post.url}?write=1"},
    )
    page = response.content.decode()
    title, label = WORDS[language]

    assert response.status_code == 403
    assert f'<html lang="{language}"' in page
    assert title in page
    assert label in page
    assert 'class="error-page__code"' in page
    # What was typed, escaped in a readonly field, never as markup.
    assert kept_values(page) == [
        "Ist der Käse reif?\n&lt;/textarea&gt;&lt;script&gt;alert(&quot;Käse&quot;)"
        "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    ]
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert token not in page
    assert "blog.blogpage" not in page
    # The way back to the form, and to log in again and return to it.
    assert f'href="{post.url}?write=1"' in page
    back = urlencode({"next": f"{post.url}?write=1"})
    assert f'href="/account/login/?{back}"' in page
    # Nobody keeps it, and it sets no cookie: the form's page gives a new one.
    control = {word.strip() for word in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= control
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_passwords_tokens_and_the_forms_own_fields_are_never_shown(browser, post):
    response = browser.post(
        "/account/password/change/",
        {
            "csrfmiddlewaretoken": "x" * 64,
            "oldpassword": "Alt-geheim-2026",
            "password1": "Neu-geheim-2026",
            "security_hash": "ab12cd34ef",
            "timestamp": "1767225600",
            "next": "/account/profile/",
            "honeypot": "",
            "name": "Berta Brot",
        },
    )
    page = response.content.decode()

    assert response.status_code == 403
    assert kept_values(page) == ["Berta Brot"]
    for secret in ("Alt-geheim", "Neu-geheim", "ab12cd34ef", "x" * 64, "1767225600"):
        assert secret not in page


def test_without_anything_typed_the_page_still_says_what_to_do(browser, post):
    response = browser.post("/comments/post/", {"object_pk": "1"})
    page = response.content.decode()

    assert response.status_code == 403
    assert kept_values(page) == []
    assert "Laden Sie die Seite mit dem Formular neu" in page
    # No way back was named by the browser: the front page is the one offered.
    assert 'href="/"' in page


def test_what_is_shown_back_is_bounded():
    fields = [("comment", "Käse " * MAX_CHARACTERS)]
    fields += [(f"feld{number}", f"Text {number}") for number in range(20)]

    typed = typed_text(fields)

    assert len(typed) == MAX_FIELDS
    assert len(typed[0].value) == MAX_CHARACTERS
    assert typed[0].shortened
    assert not typed[1].shortened
    assert [field.value for field in typed[1:]] == [
        f"Text {number}" for number in range(MAX_FIELDS - 1)
    ]


def test_numbers_and_choices_without_a_letter_are_not_typed_text():
    typed = typed_text([("rating", "5"), ("quantity", " 12 "), ("comment", "Gut")])

    assert [(field.name, field.value) for field in typed] == [("comment", "Gut")]
