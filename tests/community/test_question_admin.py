"""Product questions in the admin: menu count, list, answering, dashboard panel."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from community.models import ModerationState, ProductAnswer, ProductQuestion
from tests.factories import (
    answer,
    ask,
    build_shop,
    member,
    staff,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/community/productquestion/"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def shop():
    return build_shop()


@pytest.fixture
def admin_user():
    return staff(email="greta@lindenhof.example", superuser=True)


def edit_url(question):
    return f"{LIST_URL}edit/{question.pk}/"


def test_the_community_menu_counts_unanswered_published_questions(
    client, shop, admin_user
):
    jana = member()
    ask(shop["cheese"], jana, "Erste offene Frage?")
    ask(shop["cheese"], jana, "Zweite offene Frage?")
    answered = ask(shop["cheese"], jana, "Beantwortete Frage?")
    answer(answered, admin_user)
    ask(shop["cheese"], jana, "Gehaltene Frage?", state=ModerationState.PENDING)
    client.force_login(admin_user)

    html = client.get("/admin/").content.decode()

    assert "Product questions (2)" in html


def test_the_list_is_newest_first_and_filters_unanswered_and_product(
    client, shop, admin_user
):
    from tests.factories import ProductFactory

    jana = member()
    older = ask(shop["cheese"], jana, "Ältere Frage zum Käse?")
    newer = ask(shop["cheese"], jana, "Neuere Frage zum Käse?")
    answer(older, admin_user)
    bread = ProductFactory(title="Dinkelbrot")
    ask(bread, jana, "Frage zum Brot?")
    client.force_login(admin_user)

    everything = client.get(LIST_URL).content.decode()
    open_ones = client.get(LIST_URL, {"answered": "no"}).content.decode()
    answered = client.get(LIST_URL, {"answered": "yes"}).content.decode()
    cheese = client.get(LIST_URL, {"product": shop["cheese"].pk}).content.decode()

    assert everything.index("Frage zum Brot?") < everything.index(newer.text)
    assert everything.index(newer.text) < everything.index(older.text)
    assert older.text not in open_ones and newer.text in open_ones
    assert older.text in answered and newer.text not in answered
    assert "Frage zum Brot?" not in cheese and newer.text in cheese


def test_staff_answer_in_the_admin_mark_it_accepted_and_the_asker_is_mailed(
    client, shop, admin_user, django_capture_on_commit_callbacks
):
    jana = member()
    question = ask(shop["cheese"], jana)
    client.force_login(admin_user)

    page = client.get(edit_url(question)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(question),
            {
                "accepted_answer": "",
                "new_answer": "Ja, nach zwölf Monaten ist keine Laktose mehr darin.",
                "accept_new_answer": "on",
                "state": ModerationState.PUBLISHED,
                "notify_asker": "on",
            },
        )

    question.refresh_from_db()
    given = ProductAnswer.objects.get()
    assert 'name="new_answer"' in page
    assert response.status_code == 302
    assert given.author == admin_user
    assert given.state == ModerationState.PUBLISHED
    assert question.accepted_answer == given
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jana@example.org"]
    assert "keine Laktose" in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(
        object_id=str(question.pk), action="wagtail.edit", user=admin_user
    ).exists()


def test_an_existing_answer_is_accepted_in_the_admin(client, shop, admin_user):
    question = ask(shop["cheese"], member())
    first = answer(question, admin_user, "Erste Antwort.")
    second = answer(question, admin_user, "Zweite Antwort.")
    client.force_login(admin_user)

    page = client.get(edit_url(question)).content.decode()
    client.post(
        edit_url(question),
        {
            "accepted_answer": second.pk,
            "new_answer": "",
            "state": ModerationState.PUBLISHED,
            "notify_asker": "on",
        },
    )

    question.refresh_from_db()
    assert "Erste Antwort." in page and "Zweite Antwort." in page
    assert question.accepted_answer == second
    assert first.pk != second.pk


def test_answering_a_held_question_in_the_admin_is_refused_with_a_message(
    client, shop, admin_user
):
    question = ask(shop["cheese"], member(), state=ModerationState.PENDING)
    client.force_login(admin_user)

    response = client.post(
        edit_url(question),
        {
            "accepted_answer": "",
            "new_answer": "Eine Antwort.",
            "state": ModerationState.PENDING,
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "This question is not public, so it takes no answers." in html
    assert "Eine Antwort." in html
    assert not ProductAnswer.objects.exists()


def test_a_hostile_admin_answer_gets_a_message_and_keeps_the_text(
    client, shop, admin_user
):
    question = ask(shop["cheese"], member())
    client.force_login(admin_user)

    response = client.post(
        edit_url(question),
        {
            "accepted_answer": "",
            "new_answer": "Antwort mit \u202eTrick",
            "state": ModerationState.PUBLISHED,
        },
    )

    assert "reverse the reading direction" in response.content.decode()
    assert not ProductAnswer.objects.exists()


def test_staff_cannot_add_questions_in_the_admin(client, admin_user):
    client.force_login(admin_user)

    listing = client.get(LIST_URL).content.decode()
    response = client.get(f"{LIST_URL}add/")

    assert f'href="{LIST_URL}add/"' not in listing
    assert response.status_code == 302  # Wagtail sends those without permission away


def test_the_dashboard_panel_lists_unanswered_questions_newest_first(
    client, shop, admin_user
):
    jana = member()
    older = ask(shop["cheese"], jana, "Ältere offene Frage?")
    newer = ask(shop["cheese"], jana, "Neuere offene Frage?")
    answer(ask(shop["cheese"], jana, "Schon beantwortet?"), admin_user)
    client.force_login(admin_user)

    html = client.get("/admin/").content.decode()

    assert "2 product questions wait for an answer" in html
    assert html.index(newer.text) < html.index(older.text)
    assert "Schon beantwortet?" not in html
    assert edit_url(newer) in html


def test_unanswered_counts_only_published_answers(shop):
    jana = member()
    question = ask(shop["cheese"], jana)
    answer(question, jana, state=ModerationState.PENDING)

    assert list(ProductQuestion.objects.unanswered()) == [question]
