import socket
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from community.writing import held, rules
from community.writing.sanitize import render_text


def assess(text="Schöner Beitrag über Käse.", **overrides):
    arguments = {
        "author_key": f"user:{uuid.uuid4()}",
        "client_address": None,
        "prior_published_posts": 5,
        "recent_texts": [],
    }
    arguments.update(overrides)
    return rules.assess(text, **arguments)


def test_an_ordinary_post_is_published_without_reasons():
    verdict = assess()
    assert verdict.published
    assert verdict.reasons == []
    assert verdict.held_reason == ""


# First posts


def test_a_new_members_first_post_is_held_and_says_why():
    verdict = assess(prior_published_posts=0)
    assert verdict.held
    assert "first" in str(verdict.reasons[0])


@pytest.mark.parametrize("prior", [1, 2])
def test_later_posts_of_a_member_are_published(prior):
    assert assess(prior_published_posts=prior).published


@override_settings(COMMUNITY_HOLD_FIRST_POSTS=3)
def test_the_number_of_held_first_posts_is_a_setting():
    assert assess(prior_published_posts=2).held
    assert assess(prior_published_posts=3).published


@override_settings(COMMUNITY_HOLD_FIRST_POSTS=0)
def test_holding_first_posts_can_be_turned_off():
    assert assess(prior_published_posts=0).published


# Links


def test_a_post_with_more_than_two_links_is_held():
    text = "[a](https://a.example) https://b.example und https://c.example"
    verdict = assess(text)
    assert verdict.held
    assert "more than 2 links" in str(verdict.reasons[0])


def test_a_post_with_two_links_is_published():
    assert assess("https://a.example und [b](https://b.example)").published


def test_addresses_that_do_not_become_links_are_not_counted():
    text = "hof.example, [x](javascript:alert(1)), [y](/konto/), https://a.example"
    assert assess(text).published


@override_settings(COMMUNITY_MAX_LINKS=0)
def test_the_number_of_links_allowed_is_a_setting():
    assert assess("https://a.example").held


def test_links_are_counted_in_the_html_the_caller_rendered():
    text = "https://a.example https://b.example https://c.example"
    assert assess(text, rendered_html="<p>nothing</p>").published
    assert rules.count_links(render_text(text)) == 3


def test_count_links_counts_anchors_with_an_address():
    html = '<p><a href="https://a.example">a</a> <a>b</a> <a href="">c</a></p>'
    assert rules.count_links(html) == 1


# Words


@override_settings(COMMUNITY_BLOCKED_WORDS=["Mist", "Billig Pillen"])
def test_a_blocked_word_refuses_the_post_naming_the_word():
    verdict = assess("So ein MIST!")
    assert verdict.refused
    assert "Mist" in str(verdict.reasons[0])
    assert "not allowed" in str(verdict.reasons[0])


@override_settings(COMMUNITY_BLOCKED_WORDS=["Mist"])
def test_a_blocked_word_inside_another_word_is_not_matched():
    assert assess("Die Mistgabel und der Kompostmist stehen im Stall.").published


@override_settings(COMMUNITY_BLOCKED_WORDS=["billig pillen"])
def test_blocked_phrases_match_across_any_spacing():
    assert assess("Hier BILLIG\n  Pillen kaufen").refused
    assert assess("Billige Pillen").published


@override_settings(COMMUNITY_HELD_WORDS=["Gewinnspiel"])
def test_a_held_word_holds_the_post_for_a_moderator():
    verdict = assess("Großes gewinnspiel heute")
    assert verdict.held
    assert "words" in str(verdict.reasons[0])


@override_settings(COMMUNITY_HELD_WORDS=["Gewinnspiel"])
def test_a_held_word_inside_another_word_is_not_matched():
    assert assess("Die Gewinnspielregeln findet ihr im Laden.").published


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("Ärger", "So ein ÄRGER"),
        ("Ärger", "So ein Aerger"),
        ("Aerger", "So ein ärger"),
        ("Scheiße", "So eine SCHEISSE"),
        ("Spaß", "Viel Spass"),
        ("Käse", "Ka\u0308se"),
        ("Mist", "Mi\u200bst"),
        ("Mist", "Ｍｉｓｔ"),
    ],
)
def test_words_are_matched_whatever_the_case_and_umlaut_spelling(word, text):
    assert rules.matching_words(text, [word]) == [word]


@pytest.mark.parametrize(
    ("word", "text"),
    [("Spaß", "Spaßvogel"), ("Öl", "Kernöl"), ("Öl", "Ölmühle"), ("Mist", "Mi-st")],
)
def test_words_inside_words_are_not_matched_even_with_umlauts(word, text):
    assert rules.matching_words(text, [word]) == []


@override_settings(COMMUNITY_BLOCKED_WORDS=["Mist"], COMMUNITY_HELD_WORDS=["Ärger"])
def test_a_refusal_wins_over_holding():
    verdict = assess("Mist und Ärger", prior_published_posts=0)
    assert verdict.refused
    assert len(verdict.reasons) == 1


# Repeats


def test_an_exact_repeat_of_a_recent_post_is_held():
    verdict = assess(
        "Wann kommt der Spargel?", recent_texts=["Wann kommt der Spargel?"]
    )
    assert verdict.held
    assert "repeats" in str(verdict.reasons[0])


def test_a_repeat_differing_only_in_spacing_and_case_is_held():
    recent = ["wann kommt  der\r\nSpargel?  "]
    assert assess("Wann kommt der Spargel?", recent_texts=recent).held


def test_a_different_text_is_not_a_repeat():
    recent = ["Wann kommt der Spargel?", "Gibt es Bärlauch?"]
    assert assess("Wann kommen die Erdbeeren?", recent_texts=recent).published


def test_the_repeat_window_is_a_setting():
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    assert rules.repeat_window_start(now) == now - timedelta(minutes=10)
    with override_settings(COMMUNITY_REPEAT_WINDOW=60):
        assert rules.repeat_window_start(now) == now - timedelta(minutes=1)


def test_all_reasons_for_holding_are_given():
    text = "https://a.example https://b.example https://c.example"
    verdict = assess(text, prior_published_posts=0, recent_texts=[text])
    assert verdict.held
    assert len(verdict.reasons) == 3
    assert verdict.held_reason == "first-posts links repeat"


# Honeypot


def test_a_filled_honeypot_is_noticed():
    assert rules.honeypot_filled({"website": "https://spam.example"})


@pytest.mark.parametrize("data", [{}, {"website": ""}, {"website": "  "}])
def test_an_empty_honeypot_is_fine(data):
    assert not rules.honeypot_filled(data)


@override_settings(COMMUNITY_HONEYPOT_FIELD="fax")
def test_the_honeypot_field_name_is_a_setting():
    assert rules.honeypot_filled({"fax": "1"})
    assert not rules.honeypot_filled({"website": "1"})


# Rate limits


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        ("5/m", (5, 60)),
        ("10/5m", (10, 300)),
        (" 3 / h ", (3, 3600)),
        ("100/d", (100, 86400)),
        ("2/30s", (2, 30)),
        (None, None),
        ("", None),
    ],
)
def test_rates_are_read_as_count_per_period(rate, expected):
    assert rules.parse_rate(rate) == expected


@pytest.mark.parametrize("rate", ["5", "5/minute", "m/5", "-1/m"])
def test_a_malformed_rate_is_an_error(rate):
    with pytest.raises(ValueError, match="rate"):
        rules.parse_rate(rate)


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.2):
            return True
    except OSError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, monkeypatch):
    """The rate-limit tests run against the local cache and against Redis."""
    prefix = f"theke-test-{uuid.uuid4().hex}"
    if request.param == "redis":
        if not _redis_reachable():
            pytest.skip("Redis is not reachable at 127.0.0.1:6379")
        config = {
            "BACKEND": "home.shared_cache.SharedRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": prefix,
        }
    else:
        config = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": prefix,
            "KEY_PREFIX": prefix,
        }
    monkeypatch.setattr(rules, "_clock", lambda: 1_800_000_000.0)
    with override_settings(CACHES={"default": config}):
        yield request.param
        stored = _stored_keys(request.param, prefix)
        if request.param == "redis":
            # Only this test's keys: clearing would empty the whole database.
            client = cache._cache.get_client(write=True)
            for key in stored:
                client.delete(key)


def _stored_keys(kind: str, prefix: str) -> list:
    if kind == "redis":
        client = cache._cache.get_client()
        return list(client.scan_iter(match=f"{prefix}*"))
    return list(cache._cache)


ADDRESS = "203.0.113.7"


def test_five_posts_a_minute_are_allowed_and_the_sixth_refused(shared_cache):
    results = [rules.check_rate_limit("user:1", ADDRESS) for _ in range(6)]
    assert results == [True] * 5 + [False]


def test_the_member_limit_holds_across_addresses(shared_cache):
    results = [rules.check_rate_limit("user:1", f"198.51.100.{n}") for n in range(6)]
    assert results == [True] * 5 + [False]


def test_the_address_limit_holds_across_members(shared_cache):
    results = [rules.check_rate_limit(f"user:{n}", ADDRESS) for n in range(6)]
    assert results == [True] * 5 + [False]


def test_members_at_different_addresses_do_not_share_a_limit(shared_cache):
    results = [
        rules.check_rate_limit(f"user:{n}", f"198.51.100.{n}") for n in range(12)
    ]
    assert all(results)


def test_without_an_address_only_the_member_is_counted(shared_cache):
    results = [rules.check_rate_limit("guest:a@hof.example", None) for _ in range(6)]
    assert results == [True] * 5 + [False]
    assert rules.check_rate_limit("guest:b@hof.example", None)


def test_the_next_window_starts_afresh(shared_cache, monkeypatch):
    for _ in range(6):
        rules.check_rate_limit("user:1", ADDRESS)
    monkeypatch.setattr(rules, "_clock", lambda: 1_800_000_000.0 + 60)
    assert rules.check_rate_limit("user:1", ADDRESS)


def test_a_post_over_the_rate_limit_is_refused_with_a_message(shared_cache):
    for _ in range(5):
        assert assess(author_key="user:1", client_address=ADDRESS).published
    verdict = assess(author_key="user:1", client_address=ADDRESS)
    assert verdict.refused
    assert "quickly" in str(verdict.reasons[0])


@override_settings(COMMUNITY_RATE_LIMIT="2/m")
def test_the_rate_is_a_setting(shared_cache):
    results = [rules.check_rate_limit("user:1", ADDRESS) for _ in range(3)]
    assert results == [True, True, False]


@override_settings(COMMUNITY_RATE_LIMIT=None)
def test_the_rate_limit_can_be_turned_off(shared_cache):
    assert all(rules.check_rate_limit("user:1", ADDRESS) for _ in range(20))


def test_cache_keys_never_contain_the_client_address(shared_cache):
    address = "2001:db8::42"
    rules.check_rate_limit("user:1", address)
    rules.check_rate_limit("user:1", ADDRESS)
    prefix = cache.key_prefix
    stored = [
        key.decode() if isinstance(key, bytes) else key
        for key in _stored_keys(shared_cache, prefix)
    ]
    assert len(stored) == 3  # one member counter, two address counters
    for key in stored:
        assert address not in key
        assert ADDRESS not in key
        assert "user:1" not in key


def test_address_keys_are_keyed_hashes_not_plain_ones():
    import hashlib

    plain = hashlib.sha256(ADDRESS.encode()).hexdigest()
    keys = rules.rate_limit_keys("user:1", ADDRESS)
    assert len(keys) == 2
    assert all(plain not in key and ADDRESS not in key for key in keys)
    with override_settings(SECRET_KEY="another-secret-key-for-this-test-only-000000"):
        assert rules.rate_limit_keys("user:1", ADDRESS) != keys


@pytest.fixture(autouse=True)
def _english_messages():
    """The assertions read the English messages; German is the site's default."""
    with translation.override("en"):
        yield


# Held reasons: stored as codes, read in the reader's language


def test_a_held_post_stores_the_codes_of_its_rules_not_sentences():
    text = "Schaut: https://a.example https://b.example https://c.example"
    with translation.override("en"):
        verdict = assess(text, prior_published_posts=0)
    assert verdict.held_reason == "first-posts links"


def test_held_codes_read_in_the_active_language():
    with translation.override("en"):
        assert held.describe("first-posts links") == (
            "One of the first posts of a new member. More links than the rules allow."
        )
    with translation.override("de"):
        assert held.describe("first-posts links") == (
            "Einer der ersten Beiträge eines neuen Mitglieds. "
            "Mehr Links, als die Regeln erlauben."
        )


@pytest.mark.parametrize(
    "written", ["", "Zu viele Links.", "links and more", "first-posts Zu viele"]
)
def test_a_reason_not_made_of_codes_is_shown_as_written(written):
    assert held.describe(written) == written
