"""Unit prices as German price law asks for food sold by weight or volume."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Each unit as a multiple of its family's base unit.
UNITS: dict[str, tuple[str, Decimal]] = {
    "mg": ("weight", Decimal("0.001")),
    "g": ("weight", Decimal("1")),
    "kg": ("weight", Decimal("1000")),
    "ml": ("volume", Decimal("1")),
    "cl": ("volume", Decimal("10")),
    "l": ("volume", Decimal("1000")),
    "cm": ("length", Decimal("1")),
    "m": ("length", Decimal("100")),
    "sqm": ("area", Decimal("1")),
    "ct": ("count", Decimal("1")),
}
ALIASES = {
    "gr": "g",
    "gramm": "g",
    "kilogramm": "kg",
    "liter": "l",
    "litre": "l",
    "lt": "l",
    "m2": "sqm",
    "m²": "sqm",
    "qm": "sqm",
    "stk": "ct",
    "stück": "ct",
    "st": "ct",
    "pc": "ct",
    "pcs": "ct",
    "piece": "ct",
}
# Price law asks for the price per kilogram, litre, metre, square metre or piece.
DEFAULT_BASE = {
    "weight": (Decimal("1"), "kg"),
    "volume": (Decimal("1"), "l"),
    "length": (Decimal("1"), "m"),
    "area": (Decimal("1"), "sqm"),
    "count": (Decimal("1"), "ct"),
}
MEASURE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([^\d\s]+)\s*$")


def normalise_unit(unit: str) -> str | None:
    """The canonical name of a unit (`kg`, `l`, `ct` …), or None if unknown."""
    unit = unit.strip().lower().rstrip(".")
    unit = ALIASES.get(unit, unit)
    return unit if unit in UNITS else None


def parse_measure(text: str) -> tuple[Decimal, str] | None:
    """`250g`, `0,75 l` or `6 ct` as (quantity, unit); None if it is not one."""
    match = MEASURE.match(text or "")
    if not match:
        return None
    unit = normalise_unit(match.group(2))
    if unit is None:
        return None
    try:
        quantity = Decimal(match.group(1).replace(",", "."))
    except InvalidOperation:
        return None
    if quantity <= 0:
        return None
    return quantity, unit


def unit_price(
    price: Decimal | None,
    quantity: Decimal | None,
    unit: str,
    base_quantity: Decimal | None = None,
    base_unit: str = "",
) -> tuple[Decimal, Decimal, str] | None:
    """The price per base unit as (amount, base quantity, base unit), or None.

    250 g for 3.20 gives (12.80, 1, "kg"). A base in another family than the
    content (grams priced per litre) gives None rather than a wrong number.
    """
    if price is None or quantity is None or not unit or unit not in UNITS:
        return None
    family, factor = UNITS[unit]
    if base_quantity is None or base_unit not in UNITS:
        base_quantity, base_unit = DEFAULT_BASE[family]
    base_family, base_factor = UNITS[base_unit]
    if base_family != family or quantity <= 0:
        return None
    amount = price / (quantity * factor) * (base_quantity * base_factor)
    return (
        amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        base_quantity,
        base_unit,
    )
