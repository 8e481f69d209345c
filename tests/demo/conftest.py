import pytest
from django.db import transaction
from django.test import override_settings

from tests.factories import run_load_demo


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for a class of tests, each rolled back to it; the
    command's output is the fixture's value."""
    media_root = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=media_root),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield run_load_demo()
        transaction.set_rollback(True)
