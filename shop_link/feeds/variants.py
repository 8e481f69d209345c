"""How the title of a variant tells it apart from the other variants of its product.

Merchant Center item groups, Shopify variants and Shopware 6 variants share their
product's title; without what sets each apart the catalogue would show the same
product several times. Every format titles its variants by this one rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SEPARATOR = " – "


def variant_title(title: str, values: Iterable[str], fallback: str = "") -> str:
    """The title with the values that set the variant apart: "Tank Top – Schwarz, M".

    Values the title names already and repeated values are left out. When none
    is left, `fallback` (a product number) tells the variant apart instead; with
    no fallback either, or no title, the title stays as it is.
    """
    if not title.strip():
        return title
    added: list[str] = []
    for value in values:
        value = " ".join(value.split())
        if not value or value.casefold() in (known.casefold() for known in added):
            continue
        if _names(title, value):
            continue
        added.append(value)
    fallback = " ".join(fallback.split())
    if not added and fallback and not _names(title, fallback):
        added.append(fallback)
    if not added:
        return title
    return f"{title.strip()}{SEPARATOR}{', '.join(added)}"


def _names(title: str, value: str) -> bool:
    """Whether the title holds the value as words of its own."""
    return bool(re.search(rf"(?<!\w){re.escape(value)}(?!\w)", title, re.I))
