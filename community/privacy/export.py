"""Everything Theke keeps about one member, for their own eyes and as JSON.

Each part names one model and how to find the member's rows in it. Which
columns a part shows follows from the model's declarations of personal data
(`home.personal_data`), so the page, the download and the privacy page tell the
same. `NOT_EXPORTED` names the models that refer to accounts or keep personal
data and are deliberately left out, each with the reason;
`tests/community/test_data_export.py` fails for a model in neither list.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments.models import CommentFlag
from wagtail.models import ModelLogEntry, PageLogEntry

from blog.models import Author
from home.personal_data import NotStored, declarations_of

from ..announcements.models import Dismissal
from ..board.models import Topic
from ..discussions.models import Comment, Reaction, Unsubscription
from ..members.models import (
    Consent,
    HiddenCategory,
    MemberInterest,
    PersonalFeed,
    Profile,
)
from ..questions.models import ProductAnswer, ProductQuestion
from ..reports.models import Report

# Columns never shown, even where declared: secrets and internals.
# The member themself ("user", "author") is every row's owner, said once by the page.
HIDDEN_COLUMNS = {
    "password",
    "address_hash",
    "body_html",
    "text_html",
    "id",
    "user",
    "author",
    "avatar_width",
    "avatar_height",
}


@dataclass(frozen=True)
class Part:
    """One kind of data: a model and the member's rows in it."""

    key: str
    title: str
    model: type[models.Model]
    rows: Callable[[models.Model], models.QuerySet]
    # Columns shown besides the declared ones (dates, what a row is about).
    extra: tuple[str, ...] = ()


def _owned(model, field="user"):
    return lambda user: model._default_manager.filter(**{field: user}).order_by("pk")


def addresses_of(user) -> set[str]:
    found = set(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    if user.email:
        found.add(user.email)
    return {address.lower() for address in found}


def _unsubscriptions(user):
    addresses = addresses_of(user)
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(email__iexact=address)
    return Unsubscription.objects.filter(query).order_by("pk")


PARTS = (
    Part(
        "account",
        _("Account"),
        get_user_model(),
        lambda user: get_user_model().objects.filter(pk=user.pk),
    ),
    Part("email_addresses", _("E-mail addresses"), EmailAddress, _owned(EmailAddress)),
    Part("profile", _("Profile"), Profile, _owned(Profile)),
    Part("interests", _("Interests"), MemberInterest, _owned(MemberInterest)),
    Part("consents", _("Consents"), Consent, _owned(Consent)),
    Part(
        "hidden_categories",
        _("Hidden categories"),
        HiddenCategory,
        _owned(HiddenCategory),
    ),
    Part("personal_feed", _("Your own feed"), PersonalFeed, _owned(PersonalFeed)),
    Part(
        "announcements_dismissed",
        _("Announcements you closed"),
        Dismissal,
        _owned(Dismissal),
        extra=("announcement",),
    ),
    Part(
        "comments",
        _("Comments"),
        Comment,
        _owned(Comment),
        extra=("content_type", "object_pk", "submit_date", "is_public", "followup"),
    ),
    Part(
        "topics",
        _("Board topics"),
        Topic,
        _owned(Topic, "author"),
        extra=("category", "created_at"),
    ),
    Part(
        "questions",
        _("Product questions"),
        ProductQuestion,
        _owned(ProductQuestion, "author"),
        extra=("product", "created_at"),
    ),
    Part(
        "answers",
        _("Answers to product questions"),
        ProductAnswer,
        _owned(ProductAnswer, "author"),
        extra=("question", "created_at"),
    ),
    Part(
        "reactions",
        _("Reactions"),
        Reaction,
        _owned(Reaction),
        extra=("comment", "created_at"),
    ),
    Part(
        "reports",
        _("Posts you reported"),
        Report,
        _owned(Report),
        extra=("comment", "topic", "question", "created_at"),
    ),
    Part("flags", _("Comments you flagged"), CommentFlag, _owned(CommentFlag)),
    Part(
        "unsubscriptions",
        _("Discussions you unsubscribed from"),
        Unsubscription,
        _unsubscriptions,
        extra=("content_type", "object_pk", "created_at"),
    ),
    Part("author", _("Your author entry"), Author, _owned(Author)),
    Part(
        "moderation_log",
        _("What you did as a moderator"),
        ModelLogEntry,
        _owned(ModelLogEntry),
        extra=("timestamp",),
    ),
    Part(
        "page_log",
        _("What you did with the shop's pages"),
        PageLogEntry,
        _owned(PageLogEntry),
        extra=("timestamp",),
    ),
)

# Models that refer to accounts or keep personal data, and are not exported.
NOT_EXPORTED = {
    "sessions.session": "logins in progress, a random key and nothing to read",
    "community.feedback": "anonymous: linked to nobody",
    "django_comments.comment": "exported with the community's comments",
    "django_comments_xtd.xtdcomment": "exported with the community's comments",
    "django_tasks_db.dbtaskresult": "mail waiting to be sent, gone within minutes",
    "community.latemail": "mail to them the mail server did not take at once, "
    "sent within two days or given up",
    "wagtailcore.page": "pages the shop's team publishes, not about them",
    "blog.producerpage": "the stories of producers the shop publishes",
    "home.shopsettings": "the shop's own details",
    "wagtailcore.revision": "drafts of the shop's pages by its team",
    "wagtailcore.comment": "the team's notes on drafts in the admin",
    "wagtailcore.commentreply": "the team's notes on drafts in the admin",
    "wagtailcore.pagesubscription": "the team's admin notifications",
    "wagtailcore.workflowstate": "the team's publishing workflow",
    "wagtailcore.taskstate": "the team's publishing workflow",
    "wagtailcore.uploadedfile": "the team's uploads in progress",
    "wagtailcore.apitoken": "the team's admin tokens",
    "wagtailadmin.editingsession": "the team's open editors in the admin",
    "wagtailadmin.formstate": "the team's unsaved admin forms",
    "wagtailimages.image": "pictures the team uploaded for the shop's pages",
    "wagtaildocs.document": "documents the team uploaded for the shop's pages",
    "wagtailusers.userprofile": "the team's admin preferences",
}


def declared_columns(model) -> list[str]:
    """The model's columns its declarations name as personal data, in order."""
    declared = set()
    for each in (model, *model._meta.get_parent_list()):
        for item in declarations_of(each):
            if not isinstance(item, NotStored):
                declared.update(item.fields)
    return [
        field.name
        for field in model._meta.get_fields()
        if field.name in declared
        and field.concrete
        and not field.many_to_many
        and field.name not in HIDDEN_COLUMNS
    ]


def columns(part: Part) -> list[str]:
    declared = declared_columns(part.model)
    return declared + [name for name in part.extra if name not in declared]


def _about_someone(obj) -> bool:
    """Whether `obj` is an account or belongs to one (a post, a report)."""
    user = get_user_model()
    if isinstance(obj, user):
        return True
    return any(
        field.is_relation
        and field.concrete
        and field.related_model is not None
        and issubclass(field.related_model, user)
        for field in obj._meta.get_fields()
    )


def _value(row, name):
    field = row._meta.get_field(name)
    if field.is_relation:
        related = getattr(row, name, None)
        if related is None:
            return None
        if _about_someone(related):
            # Another person's post (or account) is named by its number only.
            return related.pk
        return str(related)
    value = getattr(row, name)
    if field.choices and value not in (None, ""):
        return str(getattr(row, f"get_{name}_display")())
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value)
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str | int | float | bool | list | dict | datetime.date):
        return value
    if value is None:
        return value
    return str(value)


def collect(user) -> list[dict]:
    """The member's data, part by part: title, column labels and rows."""
    found = []
    for part in PARTS:
        names = columns(part)
        rows = [{name: _value(row, name) for name in names} for row in part.rows(user)]
        found.append(
            {
                "key": part.key,
                "title": str(part.title),
                "labels": {
                    name: str(part.model._meta.get_field(name).verbose_name)
                    for name in names
                },
                "rows": rows,
            }
        )
    return found


def as_json(user) -> dict:
    """The download: every part by key, with the time it was made (dates become
    ISO text when encoded with Django's JSON encoder)."""
    return {
        "made_at": timezone.localtime().isoformat(),
        "user_id": user.pk,
        "data": {part["key"]: part["rows"] for part in collect(user)},
    }
