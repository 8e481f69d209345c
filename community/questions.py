"""Product questions: who may answer and accept, the list on a product's page,
similar questions, the asker's mail and the QAPage data of a question's page."""

import hashlib
import re
from dataclasses import dataclass, field

from django.contrib.sites.shortcuts import get_current_site
from django.db.models import Prefetch, Q
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from home.models import ShopSettings
from home.text import fold_words

from .board import plain_text
from .comments import authors_of
from .conf import setting
from .mail import queue_mail
from .models import ModerationState, ProductAnswer, ProductQuestion
from .notifications import absolute, mail_language, site_name

# Questions the product page shows before "Show all questions".
QUESTIONS_ON_PAGE = 10
# Similar questions offered at most, on submit and while typing.
MAX_SIMILAR = 5
# Published questions compared with a new one; the newest are kept.
SIMILAR_CANDIDATES = 1000

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
    if user is None or not user.is_authenticated:
        return queryset.published()
    return queryset.filter(
        Q(state=ModerationState.PUBLISHED)
        | Q(state=ModerationState.PENDING, author=user)
    )


def visible_answers(user):
    answers = ProductAnswer.objects.order_by("created_at", "pk")
    if user is None or not user.is_authenticated:
        return answers.filter(state=ModerationState.PUBLISHED)
    return answers.filter(
        Q(state=ModerationState.PUBLISHED)
        | Q(state=ModerationState.PENDING, author=user)
    )


def question_url_maker(request):
    """A function giving each question's address, with the board looked up once."""
    from .models import CommunityIndexPage

    board = CommunityIndexPage.objects.live().first()
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
    from .question_forms import QuestionForm

    questions = visible_questions(request.user).filter(product=product)
    shown = questions.order_by("-created_at", "-pk")
    if not show_all:
        shown = shown[:QUESTIONS_ON_PAGE]
    items = question_items(request, shown)
    # Counted only when the page may not show them all.
    if show_all or len(items) < QUESTIONS_ON_PAGE:
        total = len(items)
    else:
        total = questions.count()
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
    from shop_link.models import Product

    if slot != "questions" or request is None or not isinstance(page, Product):
        return None
    show_all = request.GET.get("questions") == "all"
    return "community/questions.html", questions_context(request, page, show_all)


# Similar questions

# Words too common to say two questions are alike, after folding.
_STOP_WORDS = """
    aber alle als also am an auch auf aus bei bin bis bitte da damit dann das dass
    dem den denn der des die dies diese dieser dieses doch dort du durch ein eine
    einem einen einer eines er es etwa etwas euch euer fuer gibt hab habe haben hat
    hier ich ihr ihre im in ist ja jemand kann kein keine koennen koennt man mehr
    mich mir mit muss nach nicht noch nur ob oder ohne sehr sein sich sie sind so
    soll sollte ueber um und uns unter viel vom von vor war was welche welcher
    wenn wer wie wieder will wir wird wo wurde zu zum zur danke hallo frage
    about and are can could does for from have how its not the this what when
    where which who why will with would you your there any
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
MIN_WORD_LENGTH = 3
# A word and a longer one that starts or ends with it count as the same word
# ("laktose", "laktosefrei"; "kaese", "bergkaese": German compounds) when the
# shorter has at least this many letters.
MIN_PART_LENGTH = 4
_WORD = re.compile(r"\w+")


def key_words(text: str) -> list[str]:
    """The words of a question that say what it is about, folded (ä as ae …)."""
    return list(_key_words_as_typed(text))


def _key_words_as_typed(text: str) -> dict[str, str]:
    """Folded key word → the word as first typed."""
    seen = {}
    for typed in _WORD.findall(text):
        word = fold_words(typed)
        if len(word) < MIN_WORD_LENGTH or word in STOP_WORDS or word.isdigit():
            continue
        seen.setdefault(word, typed)
    return seen


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= MIN_PART_LENGTH and (
        long.startswith(short) or long.endswith(short)
    )


@dataclass
class Similar:
    question: ProductQuestion
    shared: list
    score: float
    url: str = ""


def shared_words(words: list[str], other: list[str]) -> list[str]:
    return [word for word in words if any(_same_word(word, o) for o in other)]


def is_similar(words: list[str], other: list[str]) -> tuple[bool, list, float]:
    """Whether a question with `other` words asks what `words` ask.

    Alike when they share at least half the key words of the shorter one,
    and at least two (one, if either has only one).
    """
    if not words or not other:
        return False, [], 0.0
    shared = shared_words(words, other)
    shorter = min(len(words), len(other))
    score = len(shared) / shorter
    needed = 1 if shorter == 1 else 2
    return len(shared) >= needed and score >= 0.5, shared, score


def similar_questions(text: str, product=None, exclude=None) -> list[Similar]:
    """Published questions that look like `text`: the product's own first."""
    typed = _key_words_as_typed(text)
    words = list(typed)
    if not words:
        return []
    candidates = (
        ProductQuestion.objects.published()
        .select_related("product")
        .with_answer_count()
        .order_by("-created_at", "-pk")
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    found = []
    for question in candidates[:SIMILAR_CANDIDATES]:
        alike, shared, score = is_similar(words, key_words(question.text))
        if alike:
            found.append(Similar(question, [typed[word] for word in shared], score))
    own = product.pk if product is not None else None
    found.sort(key=lambda s: (s.question.product_id != own, -s.score, -s.question.pk))
    return found[:MAX_SIMILAR]


def similar_cache_key(text: str, product=None, language: str = "") -> str:
    """The cache key of the similar questions for `text`, or "" when it has no
    key words. Texts with the same key words, as typed, share one entry."""
    typed = _key_words_as_typed(text)
    if not typed:
        return ""
    own = product.pk if product is not None else ""
    words = "\x1f".join(f"{word}\x1e{as_typed}" for word, as_typed in typed.items())
    digest = hashlib.sha256(f"{own}\x1d{language}\x1d{words}".encode()).hexdigest()
    return f"community:similar:{digest}"


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
                "question_url": _absolute(request, question.get_absolute_url()),
                "recipient_name": profile.display_name if profile else "",
                "shop_name": _shop_name(request),
            },
            language=language,
        )
    return True


def _absolute(request, url: str) -> str:
    """`url` in full: from the request, or the site's root without one (a
    moderator's action run outside a request)."""
    if request is None:
        return absolute(url)
    return request.build_absolute_uri(url)


def _shop_name(request) -> str:
    if request is None:
        return site_name()
    return ShopSettings.for_request(request).shop_name or get_current_site(request).name


# Search engines


def question_seo_meta(context) -> dict:
    question = context.get("question")
    if question is None:
        return {}
    return {
        "title": Truncator(plain_text(question.text_html)).chars(70),
        "description": plain_text(question.text_html) or None,
        "type": "article",
    }


def question_json_ld(request, context) -> dict | None:
    """A published question as a schema.org QAPage with its published answers."""
    item = context.get("question_item")
    question = context.get("question")
    if item is None or question is None or item.is_held:
        return None
    url = request.build_absolute_uri(question.get_absolute_url())
    answers = [entry for entry in item.answers if entry.answer.state == "published"]

    def answer_data(entry):
        answer = entry.answer
        return {
            "@type": "Answer",
            "text": plain_text(answer.text_html),
            "dateCreated": answer.created_at.isoformat(),
            "url": f"{url}#answer-{answer.pk}",
            "upvoteCount": 0,
            "author": {"@type": "Person", "name": str(entry.author.name)},
        }

    data = {
        "@type": "Question",
        "name": Truncator(plain_text(question.text_html)).chars(110),
        "text": plain_text(question.text_html),
        "answerCount": len(answers),
        "dateCreated": question.created_at.isoformat(),
        "author": {"@type": "Person", "name": str(item.author.name)},
        "about": {
            "@type": "Product",
            "name": question.product.title,
            "url": request.build_absolute_uri(question.product.get_absolute_url()),
        },
    }
    accepted = [entry for entry in answers if entry.is_accepted]
    others = [entry for entry in answers if not entry.is_accepted]
    if accepted:
        data["acceptedAnswer"] = answer_data(accepted[0])
    if others:
        data["suggestedAnswer"] = [answer_data(entry) for entry in others]
    return {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "url": url,
        "mainEntity": data,
    }
