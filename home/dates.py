"""Dates and times written for machines, as HTML and schema.org read them."""

from datetime import date, datetime

from django.utils import timezone


def machine_time(value) -> str:
    """`value` in ISO 8601 as HTML's `datetime` attribute allows it.

    A time is given to the second (HTML allows no more than three decimals and
    validators flag Python's six), in the current time zone with its offset; a
    date is a plain date. Anything else gives an empty string.
    """
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""
