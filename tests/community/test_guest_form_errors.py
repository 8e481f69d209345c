"""Without the page's script, a guest's refused first try leaves no error behind
once the second is taken."""

import pytest
from django.core import mail

from tests.factories import (
    POST_URL,
    AuthorFactory,
    build_board,
    category,
    form_data,
    member,
    staff,
    topic,
)

pytestmark = pytest.mark.django_db

TAKEN = "This is the name of someone in the shop&#x27;s team"


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.LANGUAGE_CODE = "en"
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_GUESTS_MAY_COMMENT = True


def test_the_page_after_a_second_send_carries_no_error_of_the_first(
    client, django_capture_on_commit_callbacks
):
    build_board()
    AuthorFactory(user=staff("Greta vom Hof"), name="Greta Lindner")
    started = topic(member(), category(), "Sauerteig")

    refused = client.post(
        POST_URL,
        form_data(started, "Mit Roggen.", name="Greta Lindner", email="g@example.org"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(
            POST_URL,
            form_data(
                started, "Mit Roggen.", name="Greta aus Prenzlau", email="g@example.org"
            ),
        )
    topic_html = client.get(f"/community/{started.slug}/").content.decode()

    assert refused.status_code == 400
    assert TAKEN in refused.content.decode()
    assert taken.status_code == 200
    html = taken.content.decode()
    assert "Please confirm your comment" in html
    assert TAKEN not in html
    assert "form-errors" not in html and "form-field__errors" not in html
    assert TAKEN not in topic_html
    assert len(mail.outbox) == 1
