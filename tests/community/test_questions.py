"""Product questions: asked on the product page, answered, accepted, mailed."""

import re

import pytest
from django.core import mail

from community.models import (
    ModerationState,
    ProductAnswer,
    ProductQuestion,
    Profile,
)
from community.questions.similar import is_similar, key_words, similar_questions
from shop_link.models import Availability
from tests.factories import (
    ProductFactory,
    answer,
    ask,
    build_shop,
    json_ld_of,
    member,
    product_url,
    question_url,
)

pytestmark = pytest.mark.django_db

RULES = {
    "COMMUNITY_HOLD_FIRST_POSTS": 0,
    "COMMUNITY_RATE_LIMIT": None,
    "COMMUNITY_BLOCKED_WORDS": [],
    "COMMUNITY_HELD_WORDS": [],
}


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def rules(settings):
    for name, value in RULES.items():
        setattr(settings, name, value)


@pytest.fixture
def shop():
    return build_shop()


# The product page


def test_the_product_page_lists_published_questions_with_the_accepted_answer_first(
    client, shop
):
    jana = member()
    staff = member("Greta Lindner", is_staff=True)
    question = ask(shop["cheese"], jana)
    answer(question, staff, "Eine erste Antwort.")
    accepted = answer(question, staff, "Die beste Antwort.")
    question.accepted_answer = accepted
    question.save()
    ask(shop["cheese"], jana, "Versteckte Frage?", state=ModerationState.PENDING)

    html = client.get(product_url(shop)).content.decode()

    assert "Questions about this product" in html
    assert "Ist der Käse laktosefrei?" in html
    assert "Versteckte Frage?" not in html
    assert html.index("Die beste Antwort.") < html.index("Eine erste Antwort.")
    assert "Accepted answer" in html
    assert f'href="{question_url(question)}"' in html


def test_guests_get_a_login_link_back_to_the_product_instead_of_the_form(client, shop):
    html = client.get(product_url(shop)).content.decode()

    assert "Please log in to ask a question." in html
    assert "/account/login/?next=/products/heumilch-bergkaese/%23ask" in html
    assert 'name="text"' not in html


def test_members_see_the_ask_form_with_honeypot(client, shop):
    client.force_login(member())

    html = client.get(product_url(shop)).content.decode()

    assert f'action="/questions/ask/{shop["cheese"].pk}/"' in html
    assert 'name="website"' in html
    assert "data-similar-url" in html


def test_a_product_no_longer_sold_shows_its_questions_but_takes_no_new_ones(
    client, shop, rules
):
    jana = member()
    ask(shop["cheese"], jana)
    shop["cheese"].availability = Availability.DISCONTINUED
    shop["cheese"].save()
    client.force_login(jana)

    html = client.get(product_url(shop)).content.decode()
    response = client.post(
        f"/questions/ask/{shop['cheese'].pk}/", {"text": "Gibt es ihn wieder bald?"}
    )

    assert "Ist der Käse laktosefrei?" in html
    assert "takes no new questions" in html
    assert response.status_code == 403
    assert "no longer sold" in response.content.decode()
    assert ProductQuestion.objects.count() == 1


def test_the_product_page_shows_ten_questions_and_a_link_to_all(client, shop):
    jana = member()
    for n in range(12):
        ask(shop["cheese"], jana, f"Frage Nummer {n} zum Käse?")

    few = client.get(product_url(shop)).content.decode()
    every = client.get(product_url(shop) + "?questions=all").content.decode()

    assert listed(few) == 10
    assert "Show all 12 questions" in few
    assert listed(every) == 12


def listed(html):
    return len(re.findall(r'<li class="question\b', html))


def add_questions(shop, count, askers, staff):
    for n in range(count):
        question = ask(shop["cheese"], askers[n % len(askers)], f"Frage {n}?")
        first = answer(question, staff, f"Antwort {n}.")
        answer(question, askers[(n + 1) % len(askers)], f"Noch eine {n}.")
        question.accepted_answer = first
        question.save()


# A member's warm product page with all its questions shown: the product page's
# own (see tests/shop_link) and the member's session, plus the questions, their
# answers, authors, the board page for the questions' addresses and the
# member's profile (may they answer?). Its discussion comes from the shared
# cache; the member's own reactions and waiting comments there each process
# remembers while nothing was purged.
# The admin's bar, with its permission lookups, is for the team only. The
# product's own part (its stories, where else it is shown, more from its
# producer) comes from the shared cache too, rendered once per change.
PRODUCT_PAGE_QUERIES = 8


def test_a_product_page_takes_the_same_queries_for_5_and_50_questions(
    client, shop, django_assert_num_queries
):
    askers = [member(f"Mitglied {n}", f"m{n}@example.org") for n in range(5)]
    staff = member("Greta Lindner", is_staff=True)
    client.force_login(askers[0])
    url = product_url(shop) + "?questions=all"
    add_questions(shop, 5, askers, staff)
    # Warms the content type and site caches; the first request also makes
    # the shop's settings, which purges every page, so the second stores again.
    client.get(url)
    client.get(url)

    with django_assert_num_queries(PRODUCT_PAGE_QUERIES):
        client.get(url)
    add_questions(shop, 45, askers, staff)
    client.get(url)  # renders again what the new questions purged
    with django_assert_num_queries(PRODUCT_PAGE_QUERIES):
        response = client.get(url)

    assert listed(response.content.decode()) == 50


# Asking


def post_question(client, shop, **data):
    data.setdefault("text", "Wie lange hält sich der Käse im Kühlschrank?")
    data.setdefault("notify", "on")
    return client.post(f"/questions/ask/{shop['cheese'].pk}/", data)


def test_a_member_asks_and_lands_on_the_questions_page(client, shop, rules):
    jana = member()
    client.force_login(jana)

    response = post_question(client, shop)

    question = ProductQuestion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == question_url(question)
    assert question.author == jana
    assert question.state == ModerationState.PUBLISHED
    assert question.notify_asker
    assert question.text_html == "<p>Wie lange hält sich der Käse im Kühlschrank?</p>"
    page = client.get(response["Location"]).content.decode()
    assert "Your question is online." in page


def test_guests_who_post_are_sent_to_log_in(client, shop):
    response = post_question(client, shop)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert not ProductQuestion.objects.exists()


def test_a_held_question_tells_the_asker_and_is_kept(client, shop, rules, settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 1
    client.force_login(member())

    response = post_question(client, shop, text="Meine allererste Frage zum Käse?")
    page = client.get(response["Location"]).content.decode()

    question = ProductQuestion.objects.get()
    assert question.state == ModerationState.PENDING
    assert question.held_reason
    assert "waits for a moderator" in page
    assert "Meine allererste Frage zum Käse?" in page
    # Others do not see it.
    client.logout()
    assert client.get(response["Location"]).status_code == 404


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Frage mit \u202eumgedrehtem\u202c Text?", "reverse the reading direction"),
        ("Frage mit NUL\x00 Zeichen?", "Null characters are not allowed"),
        ("x" * 2001, "The text is too long"),
        ("Hm?", "at least 10 characters"),
        ("   ", "Please write your question."),
    ],
)
def test_hostile_questions_get_a_clear_message_and_keep_the_text(
    client, shop, rules, text, message
):
    client.force_login(member())

    response = post_question(client, shop, text=text)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    if text.strip() and "\x00" not in text:
        assert text.replace("\u202e", "").replace("\u202c", "")[:20] in html.replace(
            "\u202e", ""
        ).replace("\u202c", "")
    assert not ProductQuestion.objects.exists()


def test_script_in_a_question_is_refused_clearly_and_kept(client, shop, rules):
    client.force_login(member())
    text = 'Ist das <script>alert("x")</script> [Link](javascript:alert(1)) sicher?'

    response = post_question(client, shop, text=text)

    page = response.content.decode()
    assert response.status_code == 400
    assert "HTML such as &lt;script&gt; or &lt;img&gt; is not allowed here" in page
    assert "javascript: links, are not allowed" in page
    assert "Ist das &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert not ProductQuestion.objects.exists()


def test_the_honeypot_refuses_a_question(client, shop, rules):
    client.force_login(member())

    response = post_question(client, shop, website="http://spam.example")

    assert response.status_code == 400
    assert "could not be accepted" in response.content.decode()
    assert not ProductQuestion.objects.exists()


def test_the_rate_limit_refuses_a_burst_of_questions(client, shop, rules, settings):
    settings.COMMUNITY_RATE_LIMIT = "2/m"
    client.force_login(member())

    codes = [
        post_question(
            client, shop, text=f"Frage {n}: Wie schmeckt er?", confirmed="1"
        ).status_code
        for n in range(3)
    ]

    assert codes == [302, 302, 400]
    assert ProductQuestion.objects.count() == 2


def test_csrf_is_required_to_ask(shop, rules):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(member())

    response = csrf_client.post(
        f"/questions/ask/{shop['cheese'].pk}/", {"text": "Eine Frage ohne Token?"}
    )

    assert response.status_code == 403


# Similar questions


def test_key_words_fold_umlauts_and_drop_common_words():
    assert key_words("Ist der Käse für Schwangere geeignet?") == [
        "kaese",
        "schwangere",
        "geeignet",
    ]
    assert key_words("Kaese, KÄSE und käse") == ["kaese"]


def test_questions_are_alike_when_they_share_most_key_words():
    asked = key_words("Ist der Bergkäse laktosefrei?")

    assert is_similar(asked, key_words("Bergkäse: enthält er Laktose?"))[0]
    assert not is_similar(asked, key_words("Wie lange reift der Bergkäse?"))[0]


def test_similar_questions_prefer_the_same_product(shop):
    jana = member()
    other = ProductFactory(title="Wiesenkäse")
    ask(other, jana, "Ist der Käse laktosefrei?")
    own = ask(shop["cheese"], jana, "Ist dieser Käse wirklich laktosefrei?")
    ask(shop["cheese"], jana, "Wie lange reift er?")
    ask(shop["cheese"], jana, "Laktosefrei, der Käse?", state=ModerationState.PENDING)

    found = similar_questions("Käse laktosefrei oder nicht?", shop["cheese"])

    assert [entry.question for entry in found][0] == own
    assert len(found) == 2
    assert "laktosefrei" in found[0].shared


def test_on_submit_similar_questions_come_first_and_keep_the_text(client, shop, rules):
    jana = member()
    earlier = ask(shop["cheese"], member("Ayşe Demir"), "Ist der Käse laktosefrei?")
    client.force_login(jana)

    response = post_question(client, shop, text="Ist der Bergkäse laktosefrei?")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Has this been asked already?" in html
    assert f'href="{question_url(earlier)}"' in html
    assert "Ist der Bergkäse laktosefrei?</textarea>" in html
    assert 'name="confirmed" value="True"' in html
    assert "My question is different – ask it" in html
    assert ProductQuestion.objects.count() == 1

    response = post_question(
        client, shop, text="Ist der Bergkäse laktosefrei?", confirmed="True"
    )

    assert response.status_code == 302
    assert ProductQuestion.objects.count() == 2


def test_the_similar_endpoint_returns_published_questions_as_json(client, shop):
    jana = member()
    earlier = ask(shop["cheese"], jana, "Ist der Käse laktosefrei?")
    answer(earlier, member("Greta Lindner", is_staff=True))
    ask(shop["cheese"], jana, "Laktosefrei wirklich, der Käse?", state="pending")

    response = client.get(
        "/questions/similar/",
        {"q": "kaese laktosefrei", "product": shop["cheese"].pk},
    )

    data = response.json()
    assert response["Content-Type"] == "application/json"
    assert data["questions"] == [
        {
            "text": "Ist der Käse laktosefrei?",
            "url": question_url(earlier),
            "product": "Heumilch-Bergkäse",
            "same_product": True,
            "answers": 1,
            "meta": "1 answer",
            "shared": ["kaese", "laktosefrei"],
        }
    ]
    assert client.get("/questions/similar/", {"q": "und"}).json() == {"questions": []}


def test_the_similar_endpoint_words_its_line_in_the_readers_language(client, shop):
    jana = member()
    other = ProductFactory(title="Wiesenkäse")
    earlier = ask(other, jana, "Ist der Käse laktosefrei?")
    for name in ("Greta Lindner", "Olaf Brandt"):
        answer(earlier, member(name, is_staff=True))
    ask(shop["cheese"], jana, "Wie laktosefrei ist der Käse?")
    query = {"q": "kaese laktosefrei", "product": shop["cheese"].pk}

    german = client.get("/questions/similar/", query, headers={"accept-language": "de"})

    lines = [question["meta"] for question in german.json()["questions"]]
    assert lines == ["Noch nicht beantwortet", "2 Antworten · zu Wiesenkäse"]


def test_the_similar_endpoint_is_rate_limited_per_address(client, shop, settings):
    settings.COMMUNITY_SIMILAR_RATE_LIMIT = "3/m"
    ask(shop["cheese"], member(), "Ist der Käse laktosefrei?")
    query = {"q": "kaese laktosefrei", "product": shop["cheese"].pk}

    allowed = [client.get("/questions/similar/", query) for __ in range(3)]
    over = client.get("/questions/similar/", query)
    elsewhere = client.get("/questions/similar/", query, REMOTE_ADDR="192.0.2.7")

    assert [response.status_code for response in allowed] == [200, 200, 200]
    assert over.status_code == 429
    assert over.json()["questions"] == []
    assert "very quickly" in over.json()["error"]
    assert over["Retry-After"] == "60"
    assert elsewhere.status_code == 200
    assert len(elsewhere.json()["questions"]) == 1


def test_the_similar_endpoint_keeps_its_answer_briefly(
    client, shop, settings, django_assert_num_queries
):
    settings.COMMUNITY_SIMILAR_RATE_LIMIT = None
    earlier = ask(shop["cheese"], member(), "Ist der Käse laktosefrei?")
    query = {"q": "kaese laktosefrei", "product": shop["cheese"].pk}
    first = client.get("/questions/similar/", query).json()
    ProductQuestion.objects.filter(pk=earlier.pk).update(text="Geändert")

    # Only the product is looked up; the questions are not compared again.
    with django_assert_num_queries(1):
        again = client.get("/questions/similar/", query).json()
    other = client.get("/questions/similar/", {"q": "kaese laktosefrei nochmal"}).json()

    assert again == first
    assert [entry["text"] for entry in first["questions"]] == [
        "Ist der Käse laktosefrei?"
    ]
    assert other["questions"] == []


# The question's page


def test_the_question_page_carries_qapage_json_ld(client, shop):
    jana = member()
    staff = member("Greta Lindner", is_staff=True)
    question = ask(shop["cheese"], jana)
    suggested = answer(question, staff, "Fast, unter 0,1 g.")
    accepted = answer(question, staff, "Ja, durch die lange Reifung.")
    question.accepted_answer = accepted
    question.save()

    html = client.get(question_url(question)).content.decode()

    (data,) = [d for d in json_ld_of(html) if d["@type"] == "QAPage"]
    entity = data["mainEntity"]
    assert entity["@type"] == "Question"
    assert entity["text"] == "Ist der Käse laktosefrei?"
    assert entity["answerCount"] == 2
    assert entity["author"] == {"@type": "Person", "name": "Jana Petersen"}
    assert entity["acceptedAnswer"]["text"] == "Ja, durch die lange Reifung."
    assert entity["acceptedAnswer"]["url"].endswith(f"#answer-{accepted.pk}")
    assert [a["text"] for a in entity["suggestedAnswer"]] == [suggested.text]
    assert entity["dateCreated"] == question.created_at.isoformat()


def test_the_product_page_keeps_its_product_json_ld_and_no_faq(client, shop):
    ask(shop["cheese"], member())

    html = client.get(product_url(shop)).content.decode()

    types = [d.get("@type") for d in json_ld_of(html)]
    assert "Product" in types
    assert "FAQPage" not in html
    assert "QAPage" not in types


def test_a_held_questions_page_has_no_json_ld_and_is_not_indexed(client, shop):
    jana = member()
    question = ask(shop["cheese"], jana, state=ModerationState.PENDING)
    client.force_login(jana)

    html = client.get(question_url(question)).content.decode()

    assert "QAPage" not in html
    assert '<meta name="robots" content="noindex">' in html


# Answering


def post_answer(client, question, text="Ja, er ist praktisch laktosefrei."):
    return client.post(f"/questions/{question.pk}/answer/", {"text": text})


def test_staff_answer_on_the_site_and_the_asker_gets_a_mail(
    client, shop, rules, django_capture_on_commit_callbacks
):
    jana = member()
    question = ask(shop["cheese"], jana)
    client.force_login(member("Greta Lindner", is_staff=True))

    page = client.get(question_url(question)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        with_captured = post_answer(client, question)

    saved = ProductAnswer.objects.get()
    assert 'id="answer-form"' in page
    assert with_captured.status_code == 302
    assert with_captured["Location"] == f"{question_url(question)}#answer-{saved.pk}"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jana@example.org"]
    assert "Heumilch-Bergkäse" in message.subject
    assert "Ja, er ist praktisch laktosefrei." in message.body
    assert f"http://testserver{question_url(question)}" in message.body
    assert message.body.startswith("Hello Jana Petersen,")
    assert message.subject == "Your question about “Heumilch-Bergkäse” has an answer"


def test_no_mail_when_the_asker_said_no(
    client, shop, rules, django_capture_on_commit_callbacks
):
    question = ask(shop["cheese"], member(), notify_asker=False)
    client.force_login(member("Greta Lindner", is_staff=True))

    with django_capture_on_commit_callbacks(execute=True):
        post_answer(client, question)

    assert ProductAnswer.objects.count() == 1
    assert mail.outbox == []


def test_the_producers_member_answers_and_others_may_not(client, shop, rules):
    question = ask(shop["cheese"], member())
    maker = member("Hanne Wendt")
    Profile.objects.filter(user=maker).update(producer=shop["producer"])
    customer = member("Matthias Krüger")

    client.force_login(customer)
    customer_page = client.get(question_url(question)).content.decode()
    refused = post_answer(client, question)
    client.force_login(maker)
    maker_page = client.get(question_url(question)).content.decode()
    taken = post_answer(client, question)

    assert 'id="answer-form"' not in customer_page
    assert refused.status_code == 403
    assert "Only the shop and the product&#x27;s producer" in refused.content.decode()
    assert 'id="answer-form"' in maker_page
    assert taken.status_code == 302
    assert ProductAnswer.objects.get().author == maker


def test_answering_a_question_that_is_not_public_is_refused(client, shop, rules):
    question = ask(shop["cheese"], member(), state=ModerationState.PENDING)
    client.force_login(member("Greta Lindner", is_staff=True))

    response = post_answer(client, question)

    assert response.status_code == 403
    assert "not public" in response.content.decode()
    assert not ProductAnswer.objects.exists()


def test_a_hostile_answer_gets_a_message_and_keeps_the_text(client, shop, rules):
    question = ask(shop["cheese"], member())
    client.force_login(member("Greta Lindner", is_staff=True))

    response = post_answer(client, question, "Antwort mit \u202eTrick")

    html = response.content.decode()
    assert response.status_code == 400
    assert "reverse the reading direction" in html
    assert "Antwort mit" in html
    assert not ProductAnswer.objects.exists()


# Accepting


def test_the_asker_marks_an_answer_accepted_and_may_take_it_back(client, shop):
    jana = member()
    question = ask(shop["cheese"], jana)
    given = answer(question, member("Greta Lindner", is_staff=True))
    client.force_login(jana)

    page = client.get(question_url(question)).content.decode()
    client.post(f"/questions/{question.pk}/accept/", {"answer": given.pk})
    question.refresh_from_db()
    accepted = question.accepted_answer
    client.post(f"/questions/{question.pk}/accept/", {"answer": given.pk, "undo": "1"})
    question.refresh_from_db()

    assert "Mark as accepted answer" in page
    assert accepted == given
    assert question.accepted_answer is None


def test_others_may_not_accept_an_answer(client, shop):
    question = ask(shop["cheese"], member())
    given = answer(question, member("Greta Lindner", is_staff=True))
    client.force_login(member("Matthias Krüger"))

    response = client.post(f"/questions/{question.pk}/accept/", {"answer": given.pk})

    question.refresh_from_db()
    assert response.status_code == 403
    assert question.accepted_answer is None


def test_an_answer_of_another_question_cannot_be_accepted(client, shop):
    jana = member()
    question = ask(shop["cheese"], jana)
    elsewhere = answer(ask(shop["cheese"], jana, "Andere Frage?"), jana)
    client.force_login(jana)

    response = client.post(
        f"/questions/{question.pk}/accept/", {"answer": elsewhere.pk}
    )

    assert response.status_code == 400
    assert "no such answer" in response.content.decode()


def test_members_may_report_a_question_of_someone_else(client, shop):
    jana = member()
    question = ask(shop["cheese"], jana)
    report_url = f'href="/comments/report/question/{question.pk}/"'

    client.force_login(member("Matthias Krüger"))
    other = client.get(question_url(question)).content.decode()
    client.force_login(jana)
    own = client.get(question_url(question)).content.decode()

    assert report_url in other
    assert report_url not in own


def test_a_producers_first_answer_is_held_and_mails_nobody(
    client, shop, rules, settings, django_capture_on_commit_callbacks
):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 1
    question = ask(shop["cheese"], member())
    maker = member("Hanne Wendt")
    Profile.objects.filter(user=maker).update(producer=shop["producer"])
    client.force_login(maker)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_answer(client, question)
    own_view = client.get(question_url(question)).content.decode()
    client.logout()
    public_view = client.get(question_url(question)).content.decode()

    held = ProductAnswer.objects.get()
    assert response.status_code == 302
    assert held.state == ModerationState.PENDING
    assert held.held_reason
    assert mail.outbox == []
    assert "Your answer waits for a moderator" in own_view
    assert held.text in own_view
    assert held.text not in public_view


def test_staff_mark_an_answer_accepted_on_the_site(client, shop):
    question = ask(shop["cheese"], member())
    maker = member("Hanne Wendt")
    given = answer(question, maker)
    client.force_login(member("Greta Lindner", is_staff=True))

    response = client.post(f"/questions/{question.pk}/accept/", {"answer": given.pk})

    question.refresh_from_db()
    assert response["Location"] == f"{question_url(question)}#answer-{given.pk}"
    assert question.accepted_answer == given


def test_the_answer_mail_is_in_the_askers_language_not_the_answerers(
    client, shop, rules, settings, django_capture_on_commit_callbacks
):
    jana = member()
    Profile.objects.filter(user=jana).update(language="de")
    question = ask(shop["cheese"], jana)
    client.force_login(member("Greta Lindner", is_staff=True))
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})

    with django_capture_on_commit_callbacks(execute=True):
        post_answer(client, question, "Yes, it is practically lactose free.")

    message = mail.outbox[0]
    assert message.extra_headers["Content-Language"] == "de"
    assert message.subject == "Antwort auf Ihre Frage zu „Heumilch-Bergkäse“"


def test_the_answer_mail_without_a_known_language_is_in_the_sites(
    client, shop, rules, settings, django_capture_on_commit_callbacks
):
    question = ask(shop["cheese"], member())
    client.force_login(member("Greta Lindner", is_staff=True))
    settings.LANGUAGE_CODE = "de"
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})

    with django_capture_on_commit_callbacks(execute=True):
        post_answer(client, question)

    assert mail.outbox[0].extra_headers["Content-Language"] == "de"


def test_asking_remembers_the_askers_language_for_the_answer_mail(
    client, shop, rules, settings
):
    jana = member()
    client.force_login(jana)
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})

    client.post(
        f"/questions/ask/{shop['cheese'].pk}/",
        {"text": "Wie lange reift der Bergkäse?", "notify": "on", "confirmed": "1"},
    )

    assert ProductQuestion.objects.filter(author=jana).exists()
    assert Profile.objects.get(user=jana).language == "en"
