"""Product questions: who may answer and accept, the list on a product's page,
similar questions, the asker's mail and the QAPage data of a question's page."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Window
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from home.page_cache.tags import object_tag, purge, tag_for
from shop_link.models import Product

from ..board.models import live_board_page
from ..conf import setting
from ..discussions.authors import authors_of
from ..mail import absolute, mail_language, queue_mail, site_name
from ..members.names import chosen_name
from ..writing.moderated import ModerationState
from ..writing.sanitize import plain_text
from .forms import QuestionForm
from .models import ProductAnswer, ProductQuestion

# Questions the product page shows before "Show all questions".
QUESTIONS_ON_PAGE = 10

# Who may do what


def speaks_for_producer(user, product) -> bool:
    """Whether the member's profile says they speak for the product's producer."""
    if not user.is_authenticated or product.producer_id is None:
        return False
    profile = getattr(user, "profile", None) if _has_profile(user) else None
    return profile is not None and profile.producer_id == product.producer_id


def _has_profile(user) -> bool:
    from django.core.exceptions import ObjectDoesNotExist

    try:
        user.profile  # noqa: B018 - loads it once; later reads are cached
    except ObjectDoesNotExist:
        return False
    return True


def may_answer(user, question) -> bool:
    """Staff and the producer's own people answer published questions."""
    if not user.is_authenticated or question.state != ModerationState.PUBLISHED:
        return False
    return user.is_staff or speaks_for_producer(user, question.product)


def may_accept(user, question) -> bool:
    """Staff and the asker mark the accepted answer."""
    if not user.is_authenticated or question.state != ModerationState.PUBLISHED:
        return False
    return user.is_staff or question.author_id == user.pk


def questions_open(product) -> bool:
    """Whether the product takes new questions: not once the shop stopped selling it."""
    return not product.is_discontinued


# What a page shows


@dataclass
class AnswerItem:
    answer: ProductAnswer
    author: object
    is_accepted: bool = False


@dataclass
class QuestionItem:
    question: ProductQuestion
    author: object
    answers: list = field(default_factory=list)
    may_answer: bool = False
    may_accept: bool = False
    url: str = ""

    @property
    def is_held(self) -> bool:
        return self.question.state != ModerationState.PUBLISHED

    @property
    def accepted(self):
        return next((item for item in self.answers if item.is_accepted), None)


def visible_questions(user, queryset=None):
    """Published questions, and the member's own that wait for a moderator."""
    queryset = ProductQuestion.objects.all() if queryset is None else queryset
    return queryset.visible_to(user)


def visible_answers(user):
    return ProductAnswer.objects.visible_to(user).order_by("created_at", "pk")


def question_url_maker(request):
    """A function giving each question's address, with the board looked up once."""
    board = live_board_page()
    base = board.get_url(request=request) if board is not None else None
    if base:
        return lambda question: (
            base + board.reverse_subpage("question", args=[question.pk])
        )
    product_urls = {}

    def on_product_page(question):
        if question.product_id not in product_urls:
            product_urls[question.product_id] = question.product.get_absolute_url()
        return f"{product_urls[question.product_id]}#question-{question.pk}"

    return on_product_page


def question_items(request, questions, url_for=None) -> list[QuestionItem]:
    """Questions with their answers and authors, in a fixed number of queries.

    The accepted answer comes first, the others oldest first.
    """
    user = request.user
    questions = list(
        questions.select_related("product").prefetch_related(
            Prefetch("answers", queryset=visible_answers(user))
        )
    )
    user_ids = {q.author_id for q in questions} | {
        a.author_id for q in questions for a in q.answers.all()
    }
    if not questions:
        return []
    authors = authors_of(user_ids, request)
    url_for = url_for or question_url_maker(request)
    items = []
    for question in questions:
        answers = [
            AnswerItem(
                answer,
                authors.get(answer.author_id),
                is_accepted=answer.pk == question.accepted_answer_id,
            )
            for answer in question.answers.all()
        ]
        answers.sort(key=lambda item: not item.is_accepted)
        items.append(
            QuestionItem(
                question,
                authors.get(question.author_id),
                answers,
                may_answer=may_answer(user, question),
                may_accept=may_accept(user, question),
                url=url_for(question),
            )
        )
    return items


def questions_context(request, product, show_all=False) -> dict:
    """The "questions" section of a product page."""

    # Every row carries the number of all the product's questions, counted
    # before the page's slice is taken: no query of its own for the total.
    shown = (
        visible_questions(request.user)
        .filter(product=product)
        .annotate(total=Window(Count("pk")))
        .order_by("-created_at", "-pk")
    )
    if not show_all:
        shown = shown[:QUESTIONS_ON_PAGE]
    items = question_items(request, shown)
    total = items[0].question.total if items else 0
    return {
        "product": product,
        "question_items": items,
        "question_count": total,
        "questions_hidden": total - len(items),
        "questions_open": questions_open(product),
        "question_form": QuestionForm(),
        "honeypot_field": setting("COMMUNITY_HONEYPOT_FIELD"),
        # The section is part of the product's page.
        "product_url": request.path,
    }


def questions_section(request, page, slot):
    """The "questions" slot of a product page."""

    if slot != "questions" or request is None or not isinstance(page, Product):
        return None
    show_all = request.GET.get("questions") == "all"
    return "community/questions.html", questions_context(request, page, show_all)


# Mail


def notify_asker(request, answer) -> bool:
    """Mail the asker that their question has an answer; False when not wanted."""
    question = answer.question
    asker = question.author
    if (
        not question.notify_asker
        or answer.state != ModerationState.PUBLISHED
        or question.state != ModerationState.PUBLISHED
        or answer.author_id == asker.pk
        or not asker.email
    ):
        return False
    profile = getattr(asker, "profile", None) if _has_profile(asker) else None
    # In the asker's language, not the one the answer was written in.
    language = mail_language(profile)
    with translation.override(language):
        author = authors_of({answer.author_id}, request).get(answer.author_id)
        answerer = author.name if author else _("The shop")
        queue_mail(
            asker.email,
            "community/email/question_answered",
            {
                "question": question,
                "answer": answer,
                "answer_text": plain_text(answer.text_html),
                "question_text": plain_text(question.text_html),
                "answerer": answerer,
                "product": question.product,
                "question_url": absolute(question.get_absolute_url(), request),
                "recipient_name": chosen_name(profile),
                "shop_name": site_name(request),
            },
            language=language,
        )
    return True


def purge_question(question) -> None:
    """Purge the pages that show the question: its product's page (and the
    cards of the product, which count its questions)."""
    purge(tag_for(question), object_tag(Product, question.product_id))
