"""The site's own page for a form whose CSRF check failed (`CSRF_FAILURE_VIEW`).

Customers meet it: logging out sends `Clear-Site-Data`, which removes the
CSRF cookie in every open tab, and a form left open in another tab then
fails. Django's own page says nothing they can act on, is blocked by the
public content security policy and loses what they typed. This one says what
happened and what to do, in their language, and shows what they wrote back to
them to copy: the typed text of the refused form, escaped by the template,
never a password, a token or a form's technical fields, and bounded in size.
It sets no cookie (it shows no form) and no cache keeps it.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import UnreadablePostError
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from .referer import came_from

# Names of fields whose value is never shown back: secrets, whatever their form.
SECRET_NAME = re.compile(r"pass|token|csrf|secret|hash|key|code|otp", re.IGNORECASE)
# The forms' own fields (hidden inputs, choices), not something a person typed.
TECHNICAL_NAMES = frozenset(
    {
        "action",
        "answer",
        "blog_category",
        "channel",
        "confirmed",
        "content_type",
        "followup",
        "hide",
        "honeypot",
        "interest",
        "next",
        "object_pk",
        "order",
        "page",
        "parent",
        "product",
        "product_category",
        "reply_to",
        "status",
        "timestamp",
        "undo",
        "url",
    }
)
# How much is shown back: enough for a long comment, never a whole upload.
MAX_FIELDS = 8
MAX_CHARACTERS = 10_000
_LETTER = re.compile(r"[^\W\d_]")

LABELS = {
    "comment": _("Your comment"),
    "text": _("Your text"),
    "question": _("Your question"),
    "title": _("Title"),
    "name": _("Name"),
}


@dataclass(frozen=True)
class Typed:
    """One field of the refused form, as shown back to copy."""

    name: str
    value: str
    shortened: bool

    @property
    def label(self):
        return LABELS.get(self.name, _("What you wrote"))


def typed_text(fields: list[tuple[str, str]]) -> list[Typed]:
    """What a person typed among a form's `fields` (name, value), in order.

    Kept are values with at least one letter in fields that are neither
    secrets nor a form's technical fields, at most MAX_FIELDS, each cut to
    MAX_CHARACTERS.
    """
    found = []
    for name, value in fields:
        if len(found) == MAX_FIELDS:
            break
        if SECRET_NAME.search(name) or name in TECHNICAL_NAMES:
            continue
        text = value.strip()
        if not _LETTER.search(text):
            continue
        found.append(
            Typed(name, text[:MAX_CHARACTERS], shortened=len(text) > MAX_CHARACTERS)
        )
    return found


def csrf_failure(request, reason=""):
    """The 403 for a refused form, with what was typed in it to copy."""
    back_url = came_from(request)
    context = {
        "seo_noindex": True,
        "typed": typed_text(_posted(request)),
        "back_url": back_url,
        "no_cookie": reason == REASON_NO_CSRF_COOKIE,
        "login_url": _login_url(request, back_url),
    }
    response = render(request, "403_csrf.html", context, status=403)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _posted(request) -> list[tuple[str, str]]:
    try:
        return [
            (name, value) for name, values in request.POST.lists() for value in values
        ]
    except (RequestDataTooBig, TooManyFieldsSent, UnreadablePostError, OSError):
        # Too much, or cut off: the page still explains, with nothing to copy.
        return []


def _login_url(request, back_url: str) -> str:
    """Where someone logged out logs in again and comes back to the form;
    "" for someone still logged in."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return ""
    login = reverse("account_login")
    return f"{login}?{urlencode({'next': back_url})}" if back_url else login
