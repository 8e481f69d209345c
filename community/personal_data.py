"""The personal data the community keeps in tables it does not own, and in the cache.

Accounts live in Django's and allauth's tables, comments partly in those of
django-comments and xtd, the moderation log in Wagtail's, queued mail in the
task queue's. Their declarations for the privacy page are here (see
`home.personal_data`); the community's own models carry theirs. Imported once
when the app is ready.
"""

from allauth.account import app_settings as allauth_settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.personal_data import Basis, PersonalData, Section, declare, declare_elsewhere

from .conf import setting
from .discussions.models import (
    COMMENT_AUTHOR,
    COMMENT_TEXT,
    FOLLOWING,
    NO_ADDRESS,
    NO_WEBSITE,
)
from .writing.rules import parse_rate

# The community's own limits; allauth's come from its settings.
COMMUNITY_RATE_SETTINGS = (
    "COMMUNITY_RATE_LIMIT",
    "COMMUNITY_REACTION_RATE_LIMIT",
    "COMMUNITY_SIMILAR_RATE_LIMIT",
)


def longest_rate_window() -> int:
    """Seconds the longest rate-limit counter of the site lives, in the cache."""
    rates = [setting(name) for name in COMMUNITY_RATE_SETTINGS]
    for limits in allauth_settings.RATE_LIMITS.values():
        # allauth's form: "5/5m/key,20/h/ip"; the count and period lead.
        rates += ["/".join(limit.split("/")[:2]) for limit in limits.split(",")]
    # A limit set to None is off: it counts nothing.
    windows = [
        parsed[1] for rate in rates if rate and (parsed := parse_rate(rate.strip()))
    ]
    return max(windows, default=0)


def _counter_retention() -> str:
    minutes = max(round(longest_rate_window() / 60), 1)
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext(
            "At most %(count)d hour; then the counter expires by itself.",
            "At most %(count)d hours; then the counter expires by itself.",
            hours,
        ) % {"count": hours}
    return ngettext(
        "At most %(count)d minute; then the counter expires by itself.",
        "At most %(count)d minutes; then the counter expires by itself.",
        minutes,
    ) % {"count": minutes}


ACCOUNT = PersonalData(
    fields=(
        "email",
        "password",
        "username",
        "date_joined",
        "last_login",
        "is_active",
    ),
    section=Section.ACCOUNT,
    what=_(
        "Your e-mail address and whether you confirmed it (while you change it, "
        "the new one too); your password, only as a salted hash that cannot be "
        "read back; an internal user name that says nothing about you; when you "
        "signed up and when you last logged in."
    ),
    purpose=_(
        "So that you can log in, and the site can send you the mail your "
        "account needs, once it knows the address is yours."
    ),
    basis=Basis.CONTRACT,
    retention=_("Until your account is deleted."),
    seen_by=_(
        "You. In the admin, only staff allowed to see members' e-mail addresses "
        "see yours."
    ),
)
declare(
    "auth.User",
    ACCOUNT,
    PersonalData(
        fields=(
            "first_name",
            "last_name",
            "is_staff",
            "is_superuser",
            "groups",
            "user_permissions",
        ),
        section=Section.TEAM,
        what=_("For staff accounts: the name, and what they may do in the admin."),
        purpose=_("So that staff work in the admin, each with their own rights."),
        basis=Basis.CONTRACT,
        retention=_("Until the staff account is deleted."),
        seen_by=_("Administrators."),
    ),
)
declare("account.EmailAddress", ACCOUNT.on("user", "email", "verified", "primary"))

declare("django_comments.Comment", COMMENT_TEXT, COMMENT_AUTHOR, NO_ADDRESS, NO_WEBSITE)
declare("django_comments_xtd.XtdComment", FOLLOWING)

declare(
    "wagtailcore.ModelLogEntry",
    PersonalData(
        fields=("user", "label", "action", "data", "object_id"),
        section=Section.MODERATION,
        what=_(
            "What moderators did with a post: who, when, and the first words "
            "of the post."
        ),
        purpose=_("So that every moderation decision can be traced."),
        basis=Basis.LEGITIMATE_INTEREST,
        retention=_("Not deleted automatically."),
        seen_by=_("Staff, in the admin's site history."),
    ),
)

# Only where mail waits in the database (TASKS_BACKEND=database).
declare(
    "django_tasks_db.DBTaskResult",
    PersonalData(
        fields=("args_kwargs", "return_value", "traceback"),
        section=Section.MAIL,
        what=_("Mail waiting to be sent: the address, the subject and the text."),
        purpose=_("So that a mail still goes out when the mail server was down."),
        basis=Basis.CONTRACT,
        retention=_(
            "Until the operator clears finished tasks; nothing deletes them "
            "automatically."
        ),
        seen_by=_("Nobody reads them; the site sends them."),
    ),
)

declare_elsewhere(
    PersonalData(
        fields=(),
        section=Section.TECHNICAL,
        what=_(
            "For a short while, counters of how often one connection or account "
            "posted, reacted, logged in, signed up or asked for a new password. "
            "The community's counters know a connection only by a keyed hash of "
            "its IP address, the log-in counters by the address itself."
        ),
        purpose=_("To stop floods of posts and attempts to guess passwords."),
        basis=Basis.LEGITIMATE_INTEREST,
        retention=_counter_retention,
        seen_by=_("Nobody; the counters are kept in the site's cache only."),
    ),
)
