"""Account rules: the public name, generated usernames and allauth's adapter."""

import secrets
import unicodedata

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from blog.models import Author
from home.models import ShopSettings
from home.shop_name import mail_sender
from home.text import fold_name, mixes_alphabets, name_skeletons

from .models import Profile
from .names import first_name_team_names, public_name

DISPLAY_NAME_MIN = 2
DISPLAY_NAME_MAX = 60

# Characters that reorder text on screen: a name could otherwise look like another.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def validate_display_name(value: str) -> None:
    """Refuse names that could hide, spoof or leak: see each message."""
    if "\ufffd" in value:
        # What the browser sent was not UTF-8: Django decodes it to U+FFFD "�".
        raise ValidationError(
            _(
                "Part of the name could not be read (it was not valid UTF-8). "
                "Please type it again."
            ),
            code="encoding",
        )
    if any(ch in BIDI_CONTROLS for ch in value):
        raise ValidationError(
            _("The name may not contain characters that change the writing direction."),
            code="bidi",
        )
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in value):
        raise ValidationError(
            _("The name may not contain line breaks or invisible control characters."),
            code="control",
        )
    if "@" in value:
        raise ValidationError(
            _("The name may not contain “@”, so an e-mail address is never shown."),
            code="at",
        )
    if "<" in value or ">" in value:
        raise ValidationError(
            _("The name may not contain “<” or “>”."),
            code="markup",
        )
    if mixes_alphabets(value):
        raise ValidationError(
            _(
                "Please write each word of the name in one alphabet: letters "
                "of different alphabets that look alike can hide another name."
            ),
            code="mixed_script",
        )
    length = len(value.strip())
    if length < DISPLAY_NAME_MIN:
        raise ValidationError(
            _("The name needs at least %(min)d characters."),
            code="short",
            params={"min": DISPLAY_NAME_MIN},
        )
    if length > DISPLAY_NAME_MAX:
        raise ValidationError(
            _("The name may have at most %(max)d characters (it has %(length)d)."),
            code="long",
            params={"max": DISPLAY_NAME_MAX, "length": length},
        )


def team_names() -> set[str]:
    """The names the shop and its people appear under, as skeletons for comparing
    (see `home.text.name_skeletons`).

    A single word (a first name alone) is left out: it would take "Anna" from
    every customer called Anna. The shop's own name and "Team" are in.
    """

    names = set(Author.objects.values_list("name", flat=True))
    names.update(ShopSettings.objects.values_list("shop_name", flat=True))
    names.update(
        Profile.objects.filter(user__is_staff=True).values_list(
            "display_name", flat=True
        )
    )
    for first, last in (
        get_user_model()
        .objects.filter(is_staff=True)
        .values_list("first_name", "last_name")
    ):
        names.add(f"{first} {last}")
        if bool(first.strip()) != bool(last.strip()):
            names.update(first_name_team_names(first.strip() or last.strip()))
    names = {name for name in names if " " in fold_name(name)}
    names.update({str(_("Team")), "Team"})
    return set().union(*map(name_skeletons, names))


def validate_not_a_team_name(value: str, user=None) -> None:
    """Refuse a customer's name that reads as one of the team's.

    Staff appear with a "team" badge, but a mail or a quote has no badge: a
    customer posting as the shop's owner could speak for the shop.
    """
    if user is not None and user.is_staff:
        return
    if name_skeletons(value) & team_names():
        raise ValidationError(
            _(
                "This is the name of someone in the shop's team. Please choose "
                "another, for example with your place: “Anna from Kleinried”."
            ),
            code="team",
        )


def fallback_display_name(user) -> str:
    """A public name for accounts made without the sign-up form (staff, scripts).

    Staff get none stored: they are named as the team (`names.team_name`),
    which follows their author and the shop's name when those change.
    """
    if user.is_staff:
        return ""
    full = " ".join(
        part for part in (user.first_name, user.last_name) if part and part.strip()
    ).strip()
    if full and "@" not in full:
        return full[:DISPLAY_NAME_MAX]
    return str(_("Member"))


def create_profile(user) -> None:
    """Give a new account its profile, named from the sign-up form if any."""
    name = getattr(user, "theke_display_name", "") or fallback_display_name(user)
    Profile.objects.get_or_create(user=user, defaults={"display_name": name})


def user_display(user) -> str:
    """What allauth's messages and mails call a member: the public name."""
    if user.is_staff:
        return public_name(user)
    profile = getattr(user, "profile", None)
    if profile is not None and profile.display_name:
        return profile.display_name
    return fallback_display_name(user)


def shop_name(request) -> str:
    """The shop's name as staff set it, for mails sent on its behalf."""

    try:
        return ShopSettings.for_request(request).shop_name
    except Exception:  # no Wagtail site yet, e.g. a fresh install
        return "Theke"


def generate_username() -> str:
    """A unique internal username that says nothing about the member."""
    user_model = get_user_model()
    while True:
        candidate = f"member-{secrets.token_hex(6)}"
        if not user_model._default_manager.filter(username=candidate).exists():
            return candidate


QUIET_MESSAGES = frozenset(
    {"account/messages/logged_in.txt", "account/messages/logged_out.txt"}
)


class AccountAdapter(DefaultAccountAdapter):
    """allauth with Theke's words, anonymous usernames and the public name."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("The e-mail address or the password is wrong."),
        "too_many_login_attempts": _(
            "Too many failed attempts to log in to this account. "
            "Please wait a few minutes and try again, or reset your password."
        ),
        "rate_limited": _(
            "Too many attempts in a short time. Please wait a little and try again."
        ),
    }

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        # The header shows who is logged in; these would only linger until the
        # next account page and surprise there.
        if message_template in QUIET_MESSAGES:
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def get_from_email(self):
        return mail_sender()

    def send_mail(self, template_prefix, email, context):
        context = {"shop_name": shop_name(self.request), **context}
        super().send_mail(template_prefix, email, context)

    def populate_username(self, request, user):
        if not user.username:
            user.username = generate_username()

    def save_user(self, request, user, form, commit=True):
        display_name = form.cleaned_data.get("display_name", "").strip()
        # Read by the post_save handler that creates the profile.
        user.theke_display_name = display_name
        user = super().save_user(request, user, form, commit=commit)
        if commit and display_name:
            Profile.objects.update_or_create(
                user=user, defaults={"display_name": display_name}
            )
        return user


def remember_language(user, language: str) -> None:
    """Store the language a member uses the site in, for the mails they get."""
    if language and language in dict(settings.LANGUAGES):
        Profile.objects.filter(user=user).exclude(language=language).update(
            language=language
        )
