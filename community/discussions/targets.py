"""Which things carry a discussion, and what each of them allows.

Posts, producer pages and products take comments from other apps; a model of
the community takes them by answering the questions of `OwnTarget` (the
board's topics do). Nothing here knows those models by name.
"""

from functools import cache
from typing import Protocol

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.conf import defaults as xtd_defaults
from wagtail.models import Page

from blog.models import BlogPage, ProducerPage
from home.ids import parse_id
from shop_link.models import Product

from .models import Comment

# What readers open in their own right, with the discussion below them.
PAGE_TARGETS = (BlogPage, ProducerPage, Product)


class OwnTarget(Protocol):
    """A community model that carries a discussion of its own."""

    def takes_comments(self) -> bool: ...

    def discussion_visible(self) -> bool: ...

    def closed_message(self, situation: str) -> str:
        """Why it takes no comment (see `CLOSED_PAGE`), or "" to say it as pages do."""

    def discussion_authors(self): ...


@cache
def own_target_types() -> tuple:
    return tuple(
        model
        for model in apps.get_app_config("community").get_models()
        if callable(getattr(model, "takes_comments", None))
    )


def discussion_types():
    """The models whose objects may carry a discussion."""
    return PAGE_TARGETS + own_target_types()


def is_own_target(target) -> bool:
    return isinstance(target, own_target_types())


def discussion_open(target) -> bool:
    """Whether new comments on `target` are taken."""
    if not isinstance(target, discussion_types()):
        return False
    if isinstance(target, Page):
        return target.live
    if is_own_target(target):
        return target.takes_comments()
    return True


# Why a discussion takes no comment, for each thing a reader was doing.
REPLY, EDIT, CONFIRM = "reply", "edit", "confirm"
CLOSED_PAGE = {
    REPLY: _("This page takes no comments."),
    EDIT: _(
        "This page takes no more comments, and its comments can no longer be edited."
    ),
    CONFIRM: _(
        "This page stopped taking comments before you confirmed yours; it "
        "was not published."
    ),
}


def closed_message(target, situation: str = REPLY) -> str:
    """Why `target` takes no comment now, in words its reader understands."""
    if is_own_target(target) and (message := target.closed_message(situation)):
        return message
    return CLOSED_PAGE[situation]


def target_url(target, request=None) -> str:
    """Where the discussion of `target` is read."""
    if isinstance(target, Page):
        return target.get_url(request=request) or ""
    return target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""


def comments_on(target):
    """All comments on `target`, public or not, through the cached content type."""
    return Comment.objects.on(target)


def xtd_setting(name: str):
    """An xtd setting read from the project's settings on every call, like ours.

    xtd's own settings object copies the settings once, when first used, and
    so misses changes made later (tests, `override_settings`)."""
    return getattr(settings, name, getattr(xtd_defaults, name))


def max_level() -> int:
    """How deep replies nest: a reply to a comment at this level is refused."""
    return xtd_setting("COMMENTS_XTD_MAX_THREAD_LEVEL")


def check_parent(target, parent_id: int | str) -> Comment:
    """The comment a reply answers, or ValidationError saying why it cannot be."""
    parent_id = parse_id(parent_id)
    parent = parent_id and comments_on(target).filter(pk=parent_id).first()
    if parent is None or not parent.is_public:
        raise ValidationError(
            _("The comment you are replying to does not exist (any more)."),
            code="no_parent",
        )
    if parent.is_removed:
        raise ValidationError(
            _("The comment you are replying to was deleted; it takes no replies."),
            code="parent_removed",
        )
    if parent.level >= max_level():
        raise ValidationError(
            _("This thread is nested as deep as it goes; reply further up."),
            code="too_deep",
        )
    return parent


def discussion_visible(target) -> bool:
    """Whether the public can read `target`'s discussion: a page while it is
    live, a topic while it is published (closed or not). A product's page shows
    every product, also one the shop no longer sells."""
    if target is None:
        return False
    if isinstance(target, Page):
        return target.live
    if is_own_target(target):
        return target.discussion_visible()
    return isinstance(target, Product)
