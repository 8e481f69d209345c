"""Moderation rules: whether a member's post is published, held or refused.

Each rule has a setting in `community.conf`. The views that take posts
(comments, topics, questions) call the rules once per submission::

    from community import rules

    if rules.honeypot_filled(request.POST):
        form.add_error(None, rules.HONEYPOT_MESSAGE)  # and go no further
    verdict = rules.assess(
        form.cleaned_data["body"],
        author_key=f"user:{request.user.pk}",  # or f"guest:{email}"
        client_address=client_address(request),  # community.clients
        prior_published_posts=published_count,  # the member's published posts
        recent_texts=texts_since(rules.repeat_window_start()),
    )
    if verdict.refused:
        form.add_error(None, verdict.reasons)  # the form keeps what was typed
    else:
        post.state = "pending" if verdict.held else "published"
        post.held_reason = verdict.held_reason
        messages.info(request, " ".join(map(str, verdict.reasons)))

Staff (`is_staff`) are not subject to the rules: the caller skips `assess` for
them. The client address comes from `community.clients.client_address`, which
knows about proxies; here it is only ever hashed into a cache key, and nothing
here stores it. `assess` counts every submission against the rate limits, refused
ones too, so call it once per submission and only after the form is valid.
"""

import functools
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html.parser import HTMLParser

from django.apps import apps
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from home.text import fold_words

from ..conf import setting
from . import held
from .sanitize import clean_input, render_text

PUBLISH = "publish"
HOLD = "hold"
REFUSE = "refuse"


@dataclass
class Verdict:
    """What happens to a post, and the messages that tell its author why."""

    action: str = PUBLISH
    reasons: list = field(default_factory=list)
    # What held the post, as `community.held` codes.
    codes: list = field(default_factory=list)

    @property
    def published(self) -> bool:
        return self.action == PUBLISH

    @property
    def held(self) -> bool:
        return self.action == HOLD

    @property
    def refused(self) -> bool:
        return self.action == REFUSE

    @property
    def held_reason(self) -> str:
        """What to store in a held post's `held_reason`: the codes of its rules."""
        return held.join(self.codes)


def assess(
    text: str,
    *,
    author_key: str,
    client_address: str | None,
    prior_published_posts: int,
    recent_texts: Iterable[str],
    rendered_html: str | None = None,
    count_rate: bool = True,
) -> Verdict:
    """The verdict on a post; counts it against the rate limits as a side effect.

    `recent_texts` are the author's own posts since `repeat_window_start()`.
    `rendered_html` saves rendering `text` again when the caller has it.
    `count_rate=False` judges the words, links and repeats of a post that is
    not a new one (an author's edit) without counting it against the rate
    limits, which are about how many posts someone makes.
    """
    refusals = []
    if count_rate and not check_rate_limit(author_key, client_address):
        refusals.append(
            _("You are posting very quickly. Please wait a minute and try again.")
        )
    blocked = matching_words(text, setting("COMMUNITY_BLOCKED_WORDS"))
    if blocked:
        refusals.append(
            _(
                "Your post contains words that are not allowed here: %(words)s. "
                "Please rephrase it."
            )
            % {"words": ", ".join(blocked)}
        )
    if refusals:
        return Verdict(REFUSE, refusals)

    holds, codes = [], []
    if prior_published_posts < setting("COMMUNITY_HOLD_FIRST_POSTS"):
        codes.append(held.FIRST_POSTS)
        holds.append(
            _("Your post waits for a moderator because it is one of your first here.")
        )
    max_links = setting("COMMUNITY_MAX_LINKS")
    if max_links is not None:
        links = count_links(
            render_text(text) if rendered_html is None else rendered_html
        )
        if links > max_links:
            codes.append(held.LINKS)
            holds.append(
                ngettext_lazy(
                    "Your post waits for a moderator because it has more than "
                    "%(max)d link.",
                    "Your post waits for a moderator because it has more than "
                    "%(max)d links.",
                    "max",
                )
                % {"max": max_links}
            )
    if matching_words(text, setting("COMMUNITY_HELD_WORDS")):
        codes.append(held.HELD_WORDS)
        holds.append(
            _("Your post waits for a moderator because of some of the words it uses.")
        )
    if is_repeat(text, recent_texts):
        codes.append(held.REPEAT)
        holds.append(
            _(
                "Your post waits for a moderator because it repeats one you "
                "wrote a moment ago."
            )
        )
    if holds:
        return Verdict(HOLD, holds, codes)
    return Verdict(PUBLISH, [])


def published_posts(user) -> int:
    """How many of the member's posts are public, of every kind: comments,
    board topics, product questions and answers. The first-posts rule counts
    them all, so a member known from the board is not new under a post.

    Every kind of post answers `objects.public_by(user)`; the rules ask each
    of them without knowing them by name.
    """
    return sum(model.objects.public_by(user).count() for model in kinds_of_posts())


@functools.cache
def kinds_of_posts() -> tuple:
    """The community's models of what members write, each with `public_by`."""
    return tuple(
        model
        for model in apps.get_app_config("community").get_models()
        if callable(getattr(model.objects, "public_by", None))
    )


def honeypot_filled(data: Mapping) -> bool:
    """Whether submitted form data filled in the field that people do not see."""
    return bool((data.get(setting("COMMUNITY_HONEYPOT_FIELD")) or "").strip())


HONEYPOT_MESSAGE = _("Your post could not be accepted.")


def repeat_window_start(now: datetime | None = None) -> datetime:
    """The earliest time of a post that a new post may not repeat unheld."""
    return (now or timezone.now()) - timedelta(
        seconds=setting("COMMUNITY_REPEAT_WINDOW")
    )


def _comparable(text: str) -> str:
    return " ".join(clean_input(text).split()).casefold()


def is_repeat(text: str, recent_texts: Iterable[str]) -> bool:
    """Whether `text` repeats one of `recent_texts`, up to spacing and case."""
    wanted = _comparable(text)
    return bool(wanted) and any(_comparable(other) == wanted for other in recent_texts)


def matching_words(text: str, words: Iterable[str]) -> list[str]:
    """The entries of `words` found in `text` as whole words or phrases."""
    folded = fold_words(text)
    found = []
    for word in words:
        parts = fold_words(word).split()
        if not parts:
            continue
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, parts)) + r"(?!\w)"
        if re.search(pattern, folded):
            found.append(word)
    return found


class _LinkCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.count += 1


def count_links(rendered_html: str) -> int:
    """Links in HTML from `render_text` (render raw text first: it has no tags)."""
    counter = _LinkCounter()
    counter.feed(rendered_html)
    counter.close()
    return counter.count


_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


def parse_rate(rate: str | None) -> tuple[int, int] | None:
    """(count, seconds) from a rate such as "5/m" or "10/5m"; None when off."""
    if not rate:
        return None
    match = _RATE.match(rate)
    if not match:
        raise ValueError(f"Not a rate such as '5/m': {rate!r}")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _PERIODS[unit]


def rate_limit_keys(
    author_key: str, client_address: str | None, scope: str = ""
) -> list[str]:
    """Cache key stems for the member and the address, both hashed with the secret.

    A keyed hash, not a plain one: there are few enough IPv4 addresses that a
    plain hash could be reversed by trying them all. A `scope` keeps counters
    of different things (posts, reactions) apart.
    """
    keys = [_hashed_key("member", author_key, scope)]
    if client_address:
        keys.append(_hashed_key("address", client_address, scope))
    return keys


def _hashed_key(kind: str, value: str, scope: str = "") -> str:
    digest = salted_hmac(f"theke.community.rate.{kind}", value).hexdigest()
    prefix = f"community:rate:{scope}:" if scope else "community:rate:"
    return f"{prefix}{kind}:{digest}"


def _clock() -> float:
    return time.time()


def check_rate_limit(
    author_key: str,
    client_address: str | None,
    setting_name: str = "COMMUNITY_RATE_LIMIT",
    scope: str = "",
) -> bool:
    """Count one post for the member and the address; False once either is over.

    Other things than posts pass the name of their own rate's setting and a
    `scope`, so they are counted apart from posts and from each other.

    A fixed window: one counter per subject and window, raised with the cache's
    atomic increment and expiring with the window. That is a single round trip
    and holds across processes without locks; the price is that a burst across
    a window's edge may reach twice the count, which is fine for spam control.
    """
    rate = parse_rate(setting(setting_name))
    if rate is None:
        return True
    limit, period = rate
    window = int(_clock() // period)
    allowed = True
    for stem in rate_limit_keys(author_key, client_address, scope):
        key = f"{stem}:{window}"
        cache.add(key, 0, timeout=period + 1)
        try:
            count = cache.incr(key)
        except ValueError:
            # The counter expired between add and incr: this is its first post.
            cache.set(key, 1, timeout=period + 1)
            count = 1
        allowed = allowed and count <= limit
    return allowed


def current_counter_keys(
    author_key: str, setting_name: str, scope: str = ""
) -> list[str]:
    """The cache keys of the member's counters in the window running now, the
    only ones still alive (so that deleting an account can drop them)."""
    rate = parse_rate(setting(setting_name))
    if rate is None:
        return []
    window = int(_clock() // rate[1])
    return [f"{stem}:{window}" for stem in rate_limit_keys(author_key, None, scope)]
