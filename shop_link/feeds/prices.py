"""Prices as feeds write them, and the currencies they may be in."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Literal

# ISO 4217 codes of the currencies in circulation (no funds, metals or test codes).
CURRENCY_CODES = """
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD
FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT
TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER
ZAR ZMW ZWG
"""
CURRENCIES = frozenset(CURRENCY_CODES.split())
# The largest price a product may have (ten digits, two of them decimals).
MAX_PRICE = Decimal("100000000")
CENT = Decimal("0.01")
MERCHANT_PRICE = re.compile(r"([+-]?)(\d+(?:\.\d+)?)(?:\s*([A-Za-z]{3}))?")
SHOP_PRICE = re.compile(
    r"(?:([A-Za-z]{3}|€)\s*)?([+-]?)\s*(\d[\d.,'\s]*?)\s*(?:([A-Za-z]{3}|€))?"
)
PLAIN_PRICE = re.compile(r"([+-]?)(\d+(?:\.\d+)?)")

# How a format writes prices: Merchant Center's "12.50 EUR", shop exports with
# decimal commas and symbols, or bare numbers as in Shopify's JSON.
PriceStyle = Literal["merchant", "shop", "plain"]


def _parse_merchant_price(value: str) -> tuple[Decimal, str] | None:
    match = MERCHANT_PRICE.fullmatch(value)
    if not match:
        return None
    sign, number, currency = match.groups()
    return Decimal(sign + number), (currency or "").upper()


def _parse_shop_price(value: str) -> tuple[Decimal, str] | None:
    """A price as shops export it: decimal comma or point, thousands separators."""
    match = SHOP_PRICE.fullmatch(value)
    if not match:
        return None
    before, sign, number, after = match.groups()
    if before and after:
        return None
    currency = (before or after or "").upper().replace("€", "EUR")
    number = re.sub(r"[\s']", "", number)
    commas, points = number.count(","), number.count(".")
    if commas and points:
        decimal_mark = "," if number.rfind(",") > number.rfind(".") else "."
        grouping = "." if decimal_mark == "," else ","
        if number.count(decimal_mark) > 1:
            return None
        number = number.replace(grouping, "").replace(decimal_mark, ".")
    elif commas > 1 or points > 1:
        number = number.replace(",", "").replace(".", "")
    else:
        number = number.replace(",", ".")
    try:
        return Decimal(sign + number), currency
    except InvalidOperation:
        return None


def _parse_plain_price(value: str) -> tuple[Decimal, str] | None:
    match = PLAIN_PRICE.fullmatch(value)
    if not match:
        return None
    return Decimal(match.group(1) + match.group(2)), ""


_PARSERS = {
    "merchant": _parse_merchant_price,
    "shop": _parse_shop_price,
    "plain": _parse_plain_price,
}


def parse_price(value: str, style: PriceStyle) -> tuple[Decimal, str] | None:
    """(amount, currency code or "") of a price in the style, None if unreadable."""
    return _PARSERS[style](value)
