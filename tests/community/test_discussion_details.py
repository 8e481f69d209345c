"""Small things readers see: whole sentences for screen readers, dates in the
reader's locale."""

import datetime

import pytest

from tests.factories import (
    BlogPageFactory,
    add_comment,
    build_board,
    build_site,
    category,
    member,
    topic,
)

pytestmark = pytest.mark.django_db


def test_reply_reads_as_one_sentence_and_shows_only_reply(client, settings):
    settings.LANGUAGE_CODE = "en"
    __, blog, __ = build_site()
    post = BlogPageFactory(parent=blog)
    add_comment(post, member("Anna Berger"))

    html = client.get(post.url).content.decode()

    assert 'Reply<span class="visually-hidden"> to Anna Berger</span></a>' in html


@pytest.mark.parametrize(
    ("language", "date"), [("en", "March 5, 2026"), ("de", "5. März 2026")]
)
def test_board_and_topic_dates_follow_the_locale(client, settings, language, date):
    settings.LANGUAGE_CODE = language
    settings.LANGUAGES = [(language, language)]
    build_board()
    when = datetime.datetime(2026, 3, 5, 12, 0, tzinfo=datetime.UTC)
    started = topic(member(), category(), "Ofengemüse")
    type(started).objects.filter(pk=started.pk).update(
        created_at=when, last_activity_at=when
    )

    board = client.get("/community/").content.decode()
    page = client.get(f"/community/{started.slug}/").content.decode()

    assert date in board
    assert date in page
