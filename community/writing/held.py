"""Why a post waits for a moderator, stored as codes and read in any language.

A held comment, topic, question or answer keeps in its `held_reason` field the
codes of what held it, separated by spaces ("first-posts links"), not a
sentence: the sentence is chosen when somebody reads it, in their language, so
a German moderator never sees an English reason because the rule fired during
an English request. Text that is not made of codes (written by hand, or kept
from before the codes) is shown as it is.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

FIRST_POSTS = "first-posts"
LINKS = "links"
HELD_WORDS = "held-words"
REPEAT = "repeat"
REPORTED = "reported"

DESCRIPTIONS = {
    FIRST_POSTS: _("One of the first posts of a new member."),
    LINKS: _("More links than the rules allow."),
    HELD_WORDS: _("Uses words that are held for a moderator."),
    REPEAT: _("Repeats a post its author wrote a moment before."),
    REPORTED: _("Hidden after several reports until a moderator looks at it."),
}


def join(codes) -> str:
    """The value to store in `held_reason` for these codes."""
    return " ".join(dict.fromkeys(codes))


def describe(value: str) -> str:
    """The stored reason in the active language; other text as it was written."""
    codes = value.split()
    if codes and all(code in DESCRIPTIONS for code in codes):
        return " ".join(str(DESCRIPTIONS[code]) for code in codes)
    return value


class HeldReasonDisplay:
    """Gives a model with a `held_reason` field its reason in words.

    Wagtail's inspect views call `get_<field>_display` where a model has one.
    """

    def get_held_reason_display(self) -> str:
        return describe(self.held_reason)


class HeldReasonPanel(FieldPanel):
    """The reason in an admin edit form: read only, in the reader's language."""

    def __init__(self, field_name="held_reason", **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        return describe(value or "")
