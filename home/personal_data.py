"""What Theke keeps about people, declared beside the fields that keep it.

Each field that holds something about a person is named in a declaration: what
it is, what for, on which legal basis, how long it is kept and who sees it. A
model of ours lists its declarations in a ``personal_data`` attribute; the tables
of Django, Wagtail and the other libraries are declared with `declare()` by the
app that uses them, and data kept outside the database with `declare_elsewhere()`.
The privacy page lists them all, so it says what the code stores, and
`tests/theke/test_personal_data.py` fails for a personal field nobody declared.

Texts are lazy translations, or functions returning the text when it depends on
settings (how many days something is kept).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

Text = str | Callable[[], str]


class Basis(models.TextChoices):
    """The legal ground for keeping data, Art. 6 (1) GDPR."""

    CONSENT = "a", _("Consent (Art. 6 (1) (a) GDPR)")
    CONTRACT = (
        "b",
        _(
            "Contract: needed for the service the person uses or the work they do "
            "(Art. 6 (1) (b) GDPR)"
        ),
    )
    LEGAL_DUTY = "c", _("A legal duty of the shop (Art. 6 (1) (c) GDPR)")
    LEGITIMATE_INTEREST = (
        "f",
        _("Legitimate interest, as named under “What for” (Art. 6 (1) (f) GDPR)"),
    )


class Section(models.IntegerChoices):
    """The sections of the privacy page, in the order it shows them."""

    ACCOUNT = 1, _("Your account")
    PROFILE = 2, _("Your profile")
    INTERESTS = 3, _("Your interests and settings")
    COMMENTS = 4, _("Comments")
    BOARD = 5, _("Board topics")
    QUESTIONS = 6, _("Product questions and answers")
    REACTIONS = 7, _("Reactions")
    REPORTS = 8, _("Reports of posts")
    MAIL = 9, _("E-mail about discussions")
    MODERATION = 10, _("Moderation")
    TEAM = 11, _("The shop's team")
    PRODUCERS = 12, _("The shop's producers")
    SHOP = 13, _("The shop's own details")
    TECHNICAL = 14, _("Technical data")


@dataclass(frozen=True, eq=False)
class PersonalData:
    """Personal data kept in `fields` of a model, and what readers are told."""

    fields: tuple[str, ...]
    section: Section
    what: Text
    purpose: Text
    basis: Basis
    retention: Text
    seen_by: Text
    # The declaration this one repeats for other fields; the page tells it once.
    original: "PersonalData | None" = field(default=None, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "fields", _field_names(self.fields))

    def on(self, *fields: str) -> "PersonalData":
        """The same data kept in other fields (of another model), told once."""
        return replace(self, fields=fields, original=self.original or self)


@dataclass(frozen=True, eq=False)
class NotStored:
    """Fields that could hold personal data but are kept empty, and why."""

    fields: tuple[str, ...]
    what: Text
    why: Text
    original: "NotStored | None" = field(default=None, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "fields", _field_names(self.fields))

    def on(self, *fields: str) -> "NotStored":
        return replace(self, fields=fields, original=self.original or self)


Declaration = PersonalData | NotStored

# Declarations for models that are not ours, by lower-case model label.
_declared: dict[str, list[Declaration]] = {}
# Personal data kept outside the database (counters in the cache).
_elsewhere: list[PersonalData] = []


def declare(model_label: str, *declarations: Declaration) -> None:
    """Declare the personal data of a model Theke does not own ("auth.User")."""
    _declared.setdefault(model_label.lower(), []).extend(declarations)


def declare_elsewhere(*declarations: PersonalData) -> None:
    """Declare personal data kept outside the database tables."""
    _elsewhere.extend(declarations)


def declarations_of(model) -> tuple[Declaration, ...]:
    """The declarations that cover `model`'s own fields."""
    own = model.__dict__.get("personal_data", ())
    return (*own, *_declared.get(model._meta.label_lower, ()))


def declared_fields(model) -> set[str]:
    return {name for item in declarations_of(model) for name in item.fields}


def text(value: Text) -> str:
    """A declaration's text in the active language."""
    return value() if callable(value) else str(value)


def _all() -> Iterable[Declaration]:
    for model in apps.get_models():
        yield from declarations_of(model)
    yield from _elsewhere


def _unique(items: Iterable[Declaration]) -> list[Declaration]:
    """Each declaration once, however many models and fields share it."""
    seen, unique = set(), []
    for item in items:
        told = item.original or item
        if id(told) not in seen:
            seen.add(id(told))
            unique.append(told)
    return unique


def by_section() -> list[tuple[Section, list[PersonalData]]]:
    """Every declaration of stored data, grouped by section in the page's order."""
    groups: dict[Section, list[PersonalData]] = {}
    for item in _unique(_all()):
        if isinstance(item, PersonalData):
            groups.setdefault(item.section, []).append(item)
    return sorted(groups.items(), key=lambda group: group[0].value)


def not_stored() -> list[NotStored]:
    """What Theke could keep about people and deliberately does not."""
    return [item for item in _unique(_all()) if isinstance(item, NotStored)]


def _field_names(fields) -> tuple[str, ...]:
    return (fields,) if isinstance(fields, str) else tuple(fields)
