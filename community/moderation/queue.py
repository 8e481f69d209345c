"""The moderation queue: what waits for a moderator, one page at a time.

Comments, board topics, product questions and answers wait in one queue, newest
first. Each is addressed as "<kind>:<pk>" (`comment:12`). A page of the queue
takes a fixed number of queries however long it is: one union of the four
tables for the keys, then one query per kind, one for the reports and one per
kind of page commented on.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from shop_link.models import Product, ProductIndexPage

from ..board.models import Topic, live_board_page
from ..board.topics import topic_url
from ..discussions.models import Comment
from ..members.names import public_name
from ..questions.models import ProductAnswer, ProductQuestion
from ..reports.models import Report
from ..writing.moderated import ModerationState
from ..writing.sanitize import plain_text

PENDING = "pending"
FLAGGED = "flagged"
SPAM = "spam"
TABS = {
    PENDING: _("Pending"),
    FLAGGED: _("Flagged"),
    SPAM: _("Spam"),
}

COMMENT = "comment"
TOPIC = "topic"
QUESTION = "question"
ANSWER = "answer"


EXCERPT_CHARS = 240


@dataclass(frozen=True)
class Kind:
    """How one kind of post is found, searched and reported."""

    name: str
    label: str
    model: type
    date_field: str
    text_fields: tuple
    author_fields: tuple
    report_field: str | None

    @property
    def noun(self):
        """The kind inside a sentence: "comment", in German "Kommentar"."""
        return self.model._meta.verbose_name


KINDS = {
    COMMENT: Kind(
        COMMENT,
        _("Comment"),
        Comment,
        "submit_date",
        ("comment",),
        ("user_name", "user__profile__display_name"),
        "comment",
    ),
    TOPIC: Kind(
        TOPIC,
        _("Board topic"),
        Topic,
        "created_at",
        ("title", "body"),
        ("author__profile__display_name",),
        "topic",
    ),
    QUESTION: Kind(
        QUESTION,
        _("Product question"),
        ProductQuestion,
        "created_at",
        ("text",),
        ("author__profile__display_name",),
        "question",
    ),
    ANSWER: Kind(
        ANSWER,
        _("Answer"),
        ProductAnswer,
        "created_at",
        ("text",),
        ("author__profile__display_name",),
        None,
    ),
}


def open_reports():
    return Report.objects.filter(resolved_at__isnull=True)


def pending_comments():
    """Comments held back and not yet decided on."""
    return Comment.objects.pending()


def in_tab(kind: Kind, queryset, tab: str):
    """The posts of `queryset` that belong under the queue's tab `tab`."""
    if tab == FLAGGED:
        if kind.report_field is None:
            return queryset.none()
        return queryset.filter(
            Exists(open_reports().filter(**{kind.report_field: OuterRef("pk")}))
        )
    if kind.model is Comment:
        if tab == PENDING:
            return queryset & pending_comments()
        return queryset.filter(is_spam=True)
    state = ModerationState.PENDING if tab == PENDING else ModerationState.SPAM
    return queryset.filter(state=state)


@dataclass
class Queue:
    """One view of the queue: a tab, optionally narrowed by kind, reason, words."""

    tab: str = PENDING
    kind: str = ""
    reason: str = ""
    query: str = ""

    def kinds(self):
        if self.kind:
            return [KINDS[self.kind]] if self.kind in KINDS else []
        return list(KINDS.values())

    def queryset(self, kind: Kind, tab: str | None = None):
        queryset = in_tab(kind, kind.model._default_manager.all(), tab or self.tab)
        if self.reason:
            if kind.report_field is None:
                return queryset.none()
            queryset = queryset.filter(
                Exists(
                    open_reports().filter(
                        reason=self.reason, **{kind.report_field: OuterRef("pk")}
                    )
                )
            )
        if self.query:
            words = Q()
            for name in kind.text_fields + kind.author_fields:
                words |= Q(**{f"{name}__icontains": self.query})
            queryset = queryset.filter(words)
        return queryset

    def keys(self, tab: str | None = None):
        """(kind, pk, date) of every post in the view, newest first, as one query."""
        parts = [
            self.queryset(kind, tab)
            .order_by()
            .annotate(
                queue_kind=Value(kind.name, output_field=models.CharField()),
                queue_pk=F("pk"),
                queue_date=F(kind.date_field),
            )
            .values_list("queue_kind", "queue_pk", "queue_date")
            for kind in self.kinds()
        ]
        if not parts:
            return None
        first, *rest = parts
        return first.union(*rest, all=True).order_by("-queue_date", "-queue_pk")

    def count(self, tab: str | None = None) -> int:
        keys = self.keys(tab)
        return keys.count() if keys is not None else 0


def waiting_count() -> int:
    """Posts that wait for a decision: pending ones, and flagged ones."""
    queue = Queue()
    return queue.count(PENDING) + queue.count(FLAGGED)


@dataclass
class Entry:
    """A post in the queue, with what a moderator needs to decide on it."""

    kind: Kind
    item: object
    posted: datetime
    excerpt: str = ""
    title: str = ""
    author_name: str = ""
    author_email: str = ""
    target_label: str = ""
    target_url: str = ""
    held_reason: str = ""
    state_label: str = ""
    reports: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    # The snippet in the admin that edits the post, as (model name, edit URL).
    admin_model: str = ""
    admin_url: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind.name}:{self.item.pk}"

    @property
    def report_count(self) -> int:
        return sum(count for __, count in self.reports)


class QueueEntries:
    """The queue as a sequence for Django's Paginator: only the page is loaded."""

    def __init__(self, queue: Queue, request=None, show_email=False):
        self.queue = queue
        self.request = request
        self.show_email = show_email
        self._keys = queue.keys()

    def count(self) -> int:
        return self._keys.count() if self._keys is not None else 0

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if self._keys is None:
            return []
        rows = self._keys[index]
        if isinstance(index, slice):
            return entries_for(list(rows), self.request, self.show_email)
        return entries_for([rows], self.request, self.show_email)[0]


def _comment_state(comment) -> str:
    if comment.is_spam:
        return ModerationState.SPAM.label
    if comment.rejected_at is not None:
        return ModerationState.REJECTED.label
    if comment.is_public:
        return ModerationState.PUBLISHED.label
    return ModerationState.PENDING.label


def _excerpt(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(EXCERPT_CHARS)


class _Places:
    """Addresses of the pages, products and topics posts were written on.

    The board and the catalogue pages are looked up once for all rows.
    """

    def __init__(self, request):
        self.request = request
        self._board = None
        self._catalogue = None

    @property
    def board(self):
        if self._board is None:
            self._board = live_board_page() or False
        return self._board

    @property
    def catalogue(self):
        if self._catalogue is None:
            self._catalogue = ProductIndexPage.objects.live().first() or False
        return self._catalogue

    def url(self, target) -> str:

        if isinstance(target, Page):
            return target.get_url(request=self.request) or ""
        if isinstance(target, Topic):
            return topic_url(self.board, target, self.request) if self.board else ""
        if isinstance(target, Product):
            return (
                self.catalogue.product_url(target, self.request)
                if self.catalogue
                else ""
            )
        return ""


def _comment_targets(comments) -> dict:
    """The things commented on, by (content type id, object key), per type at once."""
    wanted = defaultdict(set)
    for comment in comments:
        wanted[comment.content_type_id].add(comment.object_pk)
    targets = {}
    for content_type_id, keys in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        for target in model._default_manager.filter(pk__in=keys):
            targets[(content_type_id, str(target.pk))] = target
    return targets


NOTES_PER_POST = 3


def _reports_by_item(wanted: dict) -> tuple[dict, dict]:
    """The open reports on the items: {(kind, pk): [(reason label, count), …]}
    and {(kind, pk): [the newest notes, …]}."""
    lookup = Q()
    for kind_name, pks in wanted.items():
        report_field = KINDS[kind_name].report_field
        if report_field and pks:
            lookup |= Q(**{f"{report_field}_id__in": pks})
    if not lookup:
        return {}, {}
    counts = defaultdict(Counter)
    notes = defaultdict(list)
    rows = (
        open_reports()
        .filter(lookup)
        .order_by("-created_at", "-pk")
        .values_list("comment_id", "topic_id", "question_id", "reason", "note")
    )
    for comment_id, topic_id, question_id, reason, note in rows:
        if comment_id is not None:
            key = (COMMENT, comment_id)
        elif topic_id is not None:
            key = (TOPIC, topic_id)
        else:
            key = (QUESTION, question_id)
        counts[key][reason] += 1
        if note.strip() and len(notes[key]) < NOTES_PER_POST:
            notes[key].append(_excerpt(note))
    labels = dict(Report.Reason.choices)
    reasons = {
        key: [
            (labels.get(reason, reason), count) for reason, count in found.most_common()
        ]
        for key, found in counts.items()
    }
    return reasons, dict(notes)


def load_items(keys: dict) -> dict:
    """{(kind, pk): object} for {kind: [pk, …]}, one query per kind."""
    related = {
        COMMENT: ("user__profile", "user__author"),
        TOPIC: ("author__profile", "author__author", "category"),
        QUESTION: ("author__profile", "author__author", "product"),
        ANSWER: ("author__profile", "author__author", "question__product"),
    }
    found = {}
    for kind_name, pks in keys.items():
        if not pks or kind_name not in KINDS:
            continue
        kind = KINDS[kind_name]
        objects = kind.model._default_manager.filter(pk__in=pks).select_related(
            *related[kind_name]
        )
        for obj in objects:
            found[(kind_name, obj.pk)] = obj
    return found


def entries_for(rows, request=None, show_email=False) -> list[Entry]:
    """Entries for (kind, pk, date) rows, in order, in a fixed number of queries."""
    wanted = defaultdict(list)
    for kind_name, pk, __ in rows:
        wanted[kind_name].append(pk)
    items = load_items(wanted)
    reports, notes = _reports_by_item(wanted)
    targets = _comment_targets(
        [obj for (kind_name, __), obj in items.items() if kind_name == COMMENT]
    )
    places = _Places(request)
    entries = []
    for kind_name, pk, posted in rows:
        item = items.get((kind_name, pk))
        if item is None:
            continue
        entry = Entry(kind=KINDS[kind_name], item=item, posted=posted)
        entry.reports = reports.get((kind_name, pk), [])
        entry.notes = notes.get((kind_name, pk), [])
        entry.held_reason = item.get_held_reason_display()
        _describe(entry, targets, places, show_email)
        entries.append(entry)
    return entries


def _describe(entry: Entry, targets: dict, places: _Places, show_email: bool):
    item = entry.item
    if isinstance(item, Comment):
        target = targets.get((item.content_type_id, item.object_pk))
        entry.excerpt = _excerpt(plain_text(item.body_html) or item.comment)
        entry.author_name = (
            public_name(item.user) if item.user_id else item.user_name
        ) or str(_("Guest"))
        if show_email:
            entry.author_email = item.user.email if item.user_id else item.user_email
        entry.state_label = _comment_state(item)
        if target is not None:
            entry.target_label = str(target)
            entry.target_url = places.url(target)
        return
    entry.author_name = public_name(item.author)
    if show_email:
        entry.author_email = item.author.email
    entry.state_label = item.get_state_display()
    if isinstance(item, Topic):
        entry.admin_model = "topic"
        entry.admin_url = _snippet_edit_url("topic", item.pk)
        entry.title = item.title
        entry.excerpt = _excerpt(plain_text(item.body_html) or item.body)
        entry.target_label = item.category.name
        entry.target_url = places.url(item)
    elif isinstance(item, ProductQuestion):
        entry.admin_model = "productquestion"
        entry.admin_url = _snippet_edit_url("productquestion", item.pk)
        entry.excerpt = _excerpt(plain_text(item.text_html) or item.text)
        entry.target_label = item.product.title
        entry.target_url = places.url(item.product)
    else:
        product = item.question.product
        entry.admin_model = "productquestion"
        entry.admin_url = _snippet_edit_url("productquestion", item.question_id)
        entry.title = _excerpt(item.question.text)
        entry.excerpt = _excerpt(plain_text(item.text_html) or item.text)
        entry.target_label = product.title
        entry.target_url = places.url(product)


def _snippet_edit_url(model_name: str, pk) -> str:
    try:
        return reverse(f"wagtailsnippets_community_{model_name}:edit", args=[pk])
    except NoReverseMatch:
        return ""
