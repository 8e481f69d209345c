"""German text folded for comparing and spelled for URLs: one place for the rules."""

import re
import unicodedata

from django.utils.text import slugify

# Umlauts and the sharp s as German writes them without the letters.
SPELLED_OUT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
# Characters that may be slipped into a word to split it for a machine but not
# for a reader: soft hyphen, zero-width space, joiners, word joiner, BOM.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def spell_out_umlauts(text: str) -> str:
    """The text with ä, ö, ü and ß written out ("Straße" → "Strasse")."""
    return text.translate(SPELLED_OUT)


def german_slug(text: str, max_length: int = 80) -> str:
    """A URL slug that spells umlauts out ("Bergkäse" → "bergkaese")."""
    return slugify(spell_out_umlauts(text))[:max_length].strip("-")


def fold_words(text: str) -> str:
    """Text as the word rules compare it: invisible characters dropped, compatibility
    forms joined, case folded and umlauts spelled out ("KÄSE" → "kaese")."""
    text = unicodedata.normalize("NFKC", text.translate(INVISIBLE))
    return spell_out_umlauts(text.casefold())


def fold_name(name: str) -> str:
    """A name as a reader compares it: case, accents, marks and punctuation aside."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", letters).split())
