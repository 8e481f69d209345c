"""Ids that come from outside (URLs, query strings, forms): one rule for all.

A number too big for the database's integer makes SQLite's driver raise
OverflowError, a 500 instead of "not found". Every id read from a request goes
through `parse_id` or the `id` path converter, which accept only ASCII digits up
to MAX_ID ("²" passes str.isdigit() but not int()), and every choice of
objects by id in a form is one of the fields below. A slug from a query string
goes through `parse_slug`: PostgreSQL refuses a NUL in any text it is asked to
compare, a 500 instead of "no such category".
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import register_converter

# The largest primary key any of the site's databases stores (signed 64 bits).
MAX_ID = 2**63 - 1

_DIGITS = re.compile(r"[0-9]{1,19}")
_SLUG = re.compile(r"[-\w]+")
# The longest slug any of the site's models stores.
MAX_SLUG_LENGTH = 255


def parse_id(value) -> int | None:
    """The id `value` names, or None if it is not one the database could hold."""
    text = str(value if value is not None else "").strip()
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def parse_slug(value, max_length: int = MAX_SLUG_LENGTH) -> str | None:
    """The slug `value` names, or None if it could not be one (too long, or
    with characters no slug has)."""
    text = str(value if value is not None else "")
    if len(text) > max_length or not _SLUG.fullmatch(text):
        return None
    return text


class IdConverter:
    """`<id:pk>` in URL patterns: a positive id in the database's range, else 404."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            # Django treats this as "no match": the URL answers 404.
            raise ValueError(value)
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")


class IdChoiceField(forms.ModelChoiceField):
    """A choice of one object by its id: an id past the database's range is
    an invalid choice, where Django's field would send it to the database."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of objects by their ids, each checked as `IdChoiceField` does."""

    def _check_values(self, value):
        for pk in value:
            if parse_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
