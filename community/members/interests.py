"""The interests a member may choose, each with the one sentence that says what
the shop does with it.

The list is fixed here, not in the database: the sentence is what a member agrees
to, so it changes only with the code, and every change keeps the old wording.
`explanations` holds each wording a member may have agreed to, oldest first; a
consent records the number of the one shown (1 for the first). Change an
explanation by adding the new wording at the end, never by editing an old one.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Interest:
    key: str
    label: str
    explanations: tuple[str, ...]
    # Why staff may export the e-mail addresses of those who chose it, as the
    # privacy page names it; None: nobody may export them.
    export_purpose: str | None = None

    @property
    def version(self) -> int:
        """The number of the wording a member sees now."""
        return len(self.explanations)

    @property
    def explanation(self) -> str:
        return self.explanations[-1]

    def explanation_of(self, version: int) -> str | None:
        """The wording a member saw as `version`, or None for a number never used."""
        if 1 <= version <= len(self.explanations):
            return self.explanations[version - 1]
        return None


OFFERS = "offers"
SUSTAINABILITY = "sustainability"
TASTINGS = "tastings"
RECIPES = "recipes"
NEW_PRODUCTS = "new_products"

INTERESTS = (
    Interest(
        OFFERS,
        _("Offers and coupons"),
        (
            _(
                "We show you products on offer and coupons first, on the home page "
                "and in notes at the top of the page."
            ),
        ),
    ),
    Interest(
        SUSTAINABILITY,
        _("Sustainability and how things are made"),
        (
            _(
                "We show you stories on the home page about our producers, how they "
                "farm and how our products are made."
            ),
        ),
    ),
    Interest(
        TASTINGS,
        _("Tastings and events"),
        (
            _(
                "We show you tastings and events on the home page and at the top of "
                "the page, and the team may invite you to them by e-mail."
            ),
        ),
        export_purpose=_(
            "To invite the members who chose “Tastings and events” to a tasting or "
            "an event by e-mail, as the explanation they agreed to says."
        ),
    ),
    Interest(
        RECIPES,
        _("Recipes and cooking"),
        (
            _(
                "We show you recipes and cooking tips with our products on the home "
                "page."
            ),
        ),
    ),
    Interest(
        NEW_PRODUCTS,
        _("New products"),
        (
            _(
                "We show you products that are new in the shop, on the home page and "
                "in notes at the top of the page."
            ),
        ),
    ),
)

BY_KEY = {interest.key: interest for interest in INTERESTS}


def interest_choices() -> list[tuple[str, str]]:
    """(key, label) of every interest, for fields that store a key."""
    return [(interest.key, interest.label) for interest in INTERESTS]


def interest(key: str) -> Interest | None:
    return BY_KEY.get(key)


def label_of(key: str) -> str:
    """The interest's name, or the key itself for one no longer offered."""
    found = BY_KEY.get(key)
    return found.label if found else key


def exportable() -> list[Interest]:
    """The interests whose audience staff with the permission may export."""
    return [interest for interest in INTERESTS if interest.export_purpose]
