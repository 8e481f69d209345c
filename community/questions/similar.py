"""Questions like a new one, found by their key words: German compounds and
umlauts folded, common words left out.
"""

import hashlib
import re
from dataclasses import dataclass

from home.text import fold_words

from .models import ProductQuestion

# Similar questions offered at most, on submit and while typing.
MAX_SIMILAR = 5


# Published questions compared with a new one; the newest are kept.
SIMILAR_CANDIDATES = 1000


# Words too common to say two questions are alike, after folding.
_STOP_WORDS = """
    aber alle als also am an auch auf aus bei bin bis bitte da damit dann das dass
    dem den denn der des die dies diese dieser dieses doch dort du durch ein eine
    einem einen einer eines er es etwa etwas euch euer fuer gibt hab habe haben hat
    hier ich ihr ihre im in ist ja jemand kann kein keine koennen koennt man mehr
    mich mir mit muss nach nicht noch nur ob oder ohne sehr sein sich sie sind so
    soll sollte ueber um und uns unter viel vom von vor war was welche welcher
    wenn wer wie wieder will wir wird wo wurde zu zum zur danke hallo frage
    about and are can could does for from have how its not the this what when
    where which who why will with would you your there any
"""


STOP_WORDS = frozenset(_STOP_WORDS.split())


MIN_WORD_LENGTH = 3


# A word and a longer one that starts or ends with it count as the same word
# ("laktose", "laktosefrei"; "kaese", "bergkaese": German compounds) when the
# shorter has at least this many letters.
MIN_PART_LENGTH = 4


_WORD = re.compile(r"\w+")


def key_words(text: str) -> list[str]:
    """The words of a question that say what it is about, folded (ä as ae …)."""
    return list(_key_words_as_typed(text))


def _key_words_as_typed(text: str) -> dict[str, str]:
    """Folded key word → the word as first typed."""
    seen = {}
    for typed in _WORD.findall(text):
        word = fold_words(typed)
        if len(word) < MIN_WORD_LENGTH or word in STOP_WORDS or word.isdigit():
            continue
        seen.setdefault(word, typed)
    return seen


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= MIN_PART_LENGTH and (
        long.startswith(short) or long.endswith(short)
    )


@dataclass
class Similar:
    question: ProductQuestion
    shared: list
    score: float
    url: str = ""


def shared_words(words: list[str], other: list[str]) -> list[str]:
    return [word for word in words if any(_same_word(word, o) for o in other)]


def is_similar(words: list[str], other: list[str]) -> tuple[bool, list, float]:
    """Whether a question with `other` words asks what `words` ask.

    Alike when they share at least half the key words of the shorter one,
    and at least two (one, if either has only one).
    """
    if not words or not other:
        return False, [], 0.0
    shared = shared_words(words, other)
    shorter = min(len(words), len(other))
    score = len(shared) / shorter
    needed = 1 if shorter == 1 else 2
    return len(shared) >= needed and score >= 0.5, shared, score


def similar_questions(text: str, product=None, exclude=None) -> list[Similar]:
    """Published questions that look like `text`: the product's own first."""
    typed = _key_words_as_typed(text)
    words = list(typed)
    if not words:
        return []
    candidates = (
        ProductQuestion.objects.published()
        .select_related("product")
        .with_answer_count()
        .order_by("-created_at", "-pk")
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    found = []
    for question in candidates[:SIMILAR_CANDIDATES]:
        alike, shared, score = is_similar(words, key_words(question.text))
        if alike:
            found.append(Similar(question, [typed[word] for word in shared], score))
    own = product.pk if product is not None else None
    found.sort(key=lambda s: (s.question.product_id != own, -s.score, -s.question.pk))
    return found[:MAX_SIMILAR]


def similar_cache_key(text: str, product=None, language: str = "") -> str:
    """The cache key of the similar questions for `text`, or "" when it has no
    key words. Texts with the same key words, as typed, share one entry."""
    typed = _key_words_as_typed(text)
    if not typed:
        return ""
    own = product.pk if product is not None else ""
    words = "\x1f".join(f"{word}\x1e{as_typed}" for word, as_typed in typed.items())
    digest = hashlib.sha256(f"{own}\x1d{language}\x1d{words}".encode()).hexdigest()
    return f"community:similar:{digest}"
