import html
import re
import unicodedata

from django import template
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeData, mark_safe

from home.search import query_terms

register = template.Library()

SPELLED_UMLAUTS = ("ae", "oe", "ue")
# Short words only count at the start of a word, or "an" would light up "Bananen".
MIN_INFIX_LENGTH = 4


def fold(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Text folded for matching, with the span of the original each character came from.

    Folding lower-cases, drops accents (ä → a), spells ß as ss and reads ae, oe, ue
    as a, o, u, so "Ziegenkaese", "ziegenkäse" and "ZIEGENKÄSE" all look alike.
    """
    folded: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        if text[position : position + 2].lower() in SPELLED_UMLAUTS:
            folded.append(text[position].lower())
            spans.append((position, position + 2))
            position += 2
            continue
        lower = text[position].lower()
        bare = "ss" if lower == "ß" else _without_accents(lower)
        for char in bare:
            folded.append(char)
            spans.append((position, position + 1))
        position += 1
    return "".join(folded), spans


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _matches(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    """Merged ranges of folded text that match a term."""
    ranges = []
    for term in terms:
        pattern = re.escape(term)
        if len(term) < MIN_INFIX_LENGTH:
            pattern = r"(?<![^\W_])" + pattern
        ranges.extend(match.span() for match in re.finditer(pattern, folded))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@register.filter
def highlight(value, query):
    """The text, escaped, with each word of the query wrapped in <mark>.

    Matching ignores case and accents and accepts spelled-out umlauts; HTML in the
    value is reduced to its text first, so marks never land inside a tag.
    """
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, SafeData):
        text = html.unescape(strip_tags(text))
    terms = [fold(term)[0] for term in query_terms(str(query or ""))]
    terms = [term for term in terms if term]
    if not terms:
        return escape(text)
    folded, spans = fold(text)
    pieces = []
    shown = 0
    for start, end in _matches(folded, terms):
        first, last = max(spans[start][0], shown), spans[end - 1][1]
        pieces.append(escape(text[shown:first]))
        pieces.append(f"<mark>{escape(text[first:last])}</mark>")
        shown = last
    pieces.append(escape(text[shown:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above
