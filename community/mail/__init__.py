"""Mail to members and guests, written in the request and sent by a task.

A mail is rendered where its occasion happens (in the reader's language, with
the site's addresses) and handed to a django-tasks task once the database
transaction that caused it has committed. Posting therefore never waits for
the mail server, a rolled-back post mails nobody, and a mail server that is
down costs neither the post nor the mail: the mail waits and is tried again
(`sending.py`; run at once by default, queued with TASKS_BACKEND=database).

Templates come in threes under a prefix: `<prefix>_subject.txt` (one line),
`<prefix>.txt` and, optionally, `<prefix>.html`.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Site

from home.models import ShopSettings
from home.shop_name import remember_shop_name

from .sending import send_mail_task


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str = ""
    headers: dict = field(default_factory=dict)


def compose(
    to: str, template_prefix: str, context: dict, language=None, headers=None
) -> Mail:
    """Render a mail from its templates, in `language` (default: the current one).

    `headers` are extra header lines, such as List-Unsubscribe.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        text = render_to_string(f"{template_prefix}.txt", context)
        try:
            html = render_to_string(f"{template_prefix}.html", context)
        except TemplateDoesNotExist:
            html = ""
    # A subject is one line: a template's line breaks would be a header injection.
    subject = " ".join(subject.split())
    headers = {"Content-Language": language, **(headers or {})}
    return Mail(to=to, subject=subject, text=text, html=html, headers=headers)


def queue(mails) -> None:
    """Hand each mail to the task once the current transaction commits."""
    for mail in mails:
        transaction.on_commit(
            lambda mail=mail: send_mail_task.enqueue(
                to=mail.to,
                subject=mail.subject,
                text=mail.text,
                html=mail.html,
                headers=mail.headers,
            )
        )


def queue_mail(
    to: str, template_prefix: str, context: dict, language=None, headers=None
) -> Mail:
    """Compose one mail and queue it; returns what was queued."""
    mail = compose(to, template_prefix, context, language, headers)
    queue([mail])
    return mail


def mail_language(profile) -> str:
    """The language of a member's mails: the one they last used the site in,
    else the site's. Never the language of whoever caused the mail."""
    language = profile.language if profile is not None else ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def site_name(request=None, site=None) -> str:
    """The shop's name, as mails sign off with it."""
    site = site or current_site(request)
    if site is not None:
        shop_name = ShopSettings.for_site(site).shop_name
        # Read anyway: the mail's sender then costs no query of its own.
        remember_shop_name(site, shop_name)
        if shop_name:
            return shop_name
    return settings.WAGTAIL_SITE_NAME


def site_root(request=None, site=None) -> str:
    """The public root URL of the site, as set in the admin's Sites."""
    site = site or current_site(request)
    root = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/")


def absolute(url: str, request=None, root=None) -> str:
    """`url` with the site's root in front, unless it has one already.

    Every link in a mail is built here, from the root URL set for the site in
    the admin's Sites, never from the host a request happened to name: a mail
    sent from a moderator's action outside a request reads the same.
    """
    if not url or url.startswith(("http://", "https://")):
        return url
    return (root if root is not None else site_root(request)) + url


def current_site(request=None):
    site = Site.find_for_request(request) if request is not None else None
    return site or Site.objects.filter(is_default_site=True).first()
