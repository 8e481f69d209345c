import pytest


def pytest_collection_modifyitems(items):
    """Refuse transactional tests that would spoil the database for later ones.

    A test with ``transaction=True`` empties the database when it ends. Without
    ``serialized_rollback=True`` Django then recreates content types and
    permissions, and the next test that restores the serialized database fails
    on duplicate keys, far from the test that caused it.
    """
    careless = [
        item.nodeid
        for item in items
        if (marker := item.get_closest_marker("django_db"))
        and marker.kwargs.get("transaction")
        and not marker.kwargs.get("serialized_rollback")
    ]
    if careless:
        raise pytest.UsageError(
            "Mark these tests "
            "django_db(transaction=True, serialized_rollback=True):\n  "
            + "\n  ".join(careless)
        )


@pytest.fixture
def rendered(settings):
    """Every request renders its page, none is served from the page cache:
    for tests that count what a render costs."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache so cached menus never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _steady_rate_window(monkeypatch):
    """The community's rate limits count in fixed windows of time. A test that
    posts several times must not see a window end halfway through and its
    counter start again, so the clock they read stands still in tests (those
    about the windows themselves set it as they need)."""
    from community.writing import rules

    monkeypatch.setattr(rules, "_clock", lambda: 1_800_000_000.0)


@pytest.fixture
def mail_server(settings):
    """A real SMTP server on a port of its own, down until the test starts it,
    and the site's own mail backend in front of it (the test environment
    otherwise swaps EMAIL_BACKEND for the outbox)."""
    from tests.factories import MailServer

    server = MailServer().start()
    server.stop()
    settings.EMAIL_BACKEND = "community.mail.backend.KeepingBackend"
    settings.COMMUNITY_MAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()
