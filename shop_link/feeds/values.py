"""What a value in a feed must look like: availability words, countries, web
addresses, GTINs and dates."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

from . import text

AVAILABILITY = ("in_stock", "out_of_stock", "preorder", "backorder")
AVAILABILITY_ALIASES = {
    "instock": "in_stock",
    "outofstock": "out_of_stock",
    "pre_order": "preorder",
    "back_order": "backorder",
    "onbackorder": "backorder",
    "on_backorder": "backorder",
}
# Countries an "origin" of one word may name, so it lands in the country field.
COUNTRY_NAMES = """
deutschland germany österreich austria schweiz switzerland frankreich france italien
italy spanien spain portugal niederlande netherlands belgien belgium luxemburg
luxembourg dänemark denmark polen poland tschechien czechia ungarn hungary
griechenland greece
irland ireland schweden sweden norwegen norway finnland finland kroatien croatia
slowenien slovenia slowakei slovakia rumänien romania bulgarien bulgaria türkei turkey
großbritannien england schottland scotland usa eu
"""
COUNTRIES = frozenset(COUNTRY_NAMES.split()) | {
    "vereinigtes königreich",
    "united kingdom",
    "great britain",
}
# The common case of a web address, recognised without parsing it in full.
SIMPLE_WEB_ADDRESS = re.compile(
    r"https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?"
    rf"(?:[/?#][^\s{text.HIDDEN_CHARACTERS}]*)?\Z",
    re.I,
)


def parse_moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value.strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def splits(value: str) -> bool:
    try:
        urlsplit(value)
    except ValueError:
        return False
    return True


def is_web_address(value: str) -> bool:
    """Whether the value is an absolute http or https URL with a host."""
    if SIMPLE_WEB_ADDRESS.match(value):
        return True
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


def is_gtin(digits: str) -> bool:
    """Whether the digits are a GTIN of a valid length with a correct check digit."""
    if (
        not digits.isascii()
        or not digits.isdigit()
        or len(digits) not in (8, 12, 13, 14)
    ):
        return False
    body, check = digits[:-1], int(digits[-1])
    total = sum(
        int(digit) * (3 if position % 2 == 0 else 1)
        for position, digit in enumerate(reversed(body))
    )
    return (10 - total % 10) % 10 == check
