"""How prices, quantities and unit prices read in the current language."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import get_language, pgettext

NBSP = "\u00a0"

# Symbols readers know; any other currency shows its ISO code.
SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "JPY": "¥"}

# Languages that write the symbol before the amount ("€3.20"); German and most
# others put it after, with a space ("3,20 €").
SYMBOL_FIRST = {"en"}

# UN/CEFACT codes of the units pricing.UNITS knows, as schema.org expects them.
UNIT_CODES = {
    "mg": "MGM",
    "g": "GRM",
    "kg": "KGM",
    "ml": "MLT",
    "cl": "CLT",
    "l": "LTR",
    "cm": "CMT",
    "m": "MTR",
    "sqm": "MTK",
    "ct": "H87",
}


def _language() -> str:
    return (get_language() or "de").split("-")[0]


def format_money(amount: Decimal | None, currency: str) -> str:
    """`3,20 €` in German, `€3.20` in English; an empty string for no amount."""
    if amount is None:
        return ""
    number = number_format(amount, 2, force_grouping=True)
    currency = (currency or "").upper()
    symbol = SYMBOLS.get(currency, currency)
    if _language() in SYMBOL_FIRST:
        return f"{symbol}{number}" if len(symbol) == 1 else f"{symbol}{NBSP}{number}"
    return f"{number}{NBSP}{symbol}".strip()


def format_quantity(quantity: Decimal | None) -> str:
    """A quantity without trailing zeros, with the language's decimal mark."""
    if quantity is None:
        return ""
    quantity = Decimal(quantity)
    exponent = quantity.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return number_format(quantity, places, force_grouping=True)


def unit_label(unit: str, quantity: Decimal | None = None) -> str:
    """How a unit reads: `kg`, `m²`, or the word for pieces."""
    if unit == "ct":
        if quantity is not None and quantity != 1:
            return pgettext("unit of count", "pieces")
        return pgettext("unit of count", "piece")
    return {"sqm": "m²"}.get(unit, unit)


def format_measure(quantity: Decimal | None, unit: str) -> str:
    """`250 g`, `0,75 l` or `6 pieces`; empty without a quantity or unit."""
    if quantity is None or not unit:
        return ""
    return f"{format_quantity(quantity)}{NBSP}{unit_label(unit, quantity)}"


def format_unit_price(
    unit_price: tuple[Decimal, Decimal, str] | None, currency: str
) -> str:
    """`12,80 €/kg`, or `1,28 €/100 g` when the base is not one unit."""
    if unit_price is None:
        return ""
    amount, base_quantity, base_unit = unit_price
    per = unit_label(base_unit)
    if base_quantity != 1:
        per = format_measure(base_quantity, base_unit)
    return f"{format_money(amount, currency)}/{per}"


def product_content(product) -> str:
    """How much the product holds, such as `250 g`; "" for a single piece."""
    if product.unit_measure == "ct" and product.unit_quantity == 1:
        return ""
    return format_measure(product.unit_quantity, product.unit_measure)


def product_unit_price(product) -> str:
    """The price per kilogram, litre or piece, or "" where it is the price itself.

    A unit price that repeats the price (1 kg at 3,20 €/kg) tells nothing, nor
    does one of a free product.
    """
    unit_price = product.unit_price
    if unit_price is None:
        return ""
    amount, base_quantity, base_unit = unit_price
    if not amount:
        return ""
    if (product.unit_quantity, product.unit_measure) == (base_quantity, base_unit):
        return ""
    return format_unit_price(unit_price, product.currency)
