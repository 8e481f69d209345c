"""German text folded for comparing and spelled for URLs: one place for the rules."""

import re
import unicodedata
from functools import cache

from confusable_homoglyphs.categories import alias as script_of
from confusable_homoglyphs.confusables import confusables_data
from django.utils.text import slugify

# Umlauts and the sharp s as German writes them without the letters.
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
SPELLED_OUT = str.maketrans(UMLAUTS)
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
    return _bare(name.casefold())


def _bare(text: str) -> str:
    """The text without accents, marks and punctuation, in the case it has."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", letters).split())


@cache
def _prototype(char: str) -> str:
    """The one letter or digit that stands for every one confusable with `char`.

    The library lists look-alikes both ways, one character to many; the class
    of `char` is everything reachable through those lists. An ASCII letter
    (lower case first) or digit in the class stands for it (Cyrillic "е" → "e",
    dotless "ı" → "i", "1" and "I" → "l", "0" → "O"), so that the same class
    always gets the same prototype.
    """
    if not char.isalnum():
        return char
    members, todo = {char}, [char]
    while todo:
        for glyph in confusables_data.get(todo.pop(), ()):
            if len(glyph["c"]) == 1 and glyph["c"] not in members:
                members.add(glyph["c"])
                todo.append(glyph["c"])
    return min(
        (ch for ch in members if ch.isalnum()),
        key=lambda ch: (
            not (ch.isascii() and ch.isalnum()),
            not ch.isalpha(),
            not ch.islower(),
            ch,
        ),
    )


def _skeleton(text: str) -> str:
    looks = "".join(map(_prototype, _bare(text)))
    return "".join(map(_prototype, fold_name(looks)))


def name_skeletons(name: str) -> frozenset[str]:
    """A name as it looks: the confusable skeleton (in the manner of Unicode
    TR39) with `fold_name` between, so "Grеta" with a Cyrillic е, "Lindenhοf"
    with a Greek ο and "HofIaden" with a capital I read as the Latin original.

    The skeleton tells case apart ("I" looks like "l" but folds to "i"), so a
    name has one for each way it could be written: as typed, in lower and in
    upper case. Two names look alike if their sets share a skeleton.
    """
    return frozenset(map(_skeleton, (name, name.lower(), name.upper())))


# Alphabets whose letters pass for each other's; a word mixing them is a disguise.
LOOKALIKE_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "CHEROKEE"})


def mixes_alphabets(text: str) -> bool:
    """Whether one word of `text` mixes letters of two look-alike alphabets."""
    for word in unicodedata.normalize("NFC", text).split():
        scripts = {script_of(ch) for ch in word if ch.isalpha()}
        if len(scripts & LOOKALIKE_SCRIPTS) > 1:
            return True
    return False
