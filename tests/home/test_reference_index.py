"""The reference index after a save: updated by a task that may run later,
when the object may already be gone (an account deleted right after signing
up). Then there is nothing to update, and the task does not fail."""

import pytest
from django_tasks import default_task_backend
from wagtail.models import ReferenceIndex

from community.models import Profile
from home.reference_index import update_reference_index_task
from tests.factories import ProducerPageFactory, build_site, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(settings):
    """A task backend that keeps what is queued, as a queue's worker finds it."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    default_task_backend.clear()
    return default_task_backend


def last_update(backend, profile):
    """The last update queued for `profile`, after checking all are ours."""
    updates = [
        result
        for result in backend.results
        if result.args == ["community", "profile", str(profile.pk)]
    ]
    assert {update.task.func for update in updates} == {
        update_reference_index_task.func
    }
    return updates[-1]


def run(result):
    """Run a queued task as the worker does."""
    return result.task.call(*result.args, **result.kwargs)


def test_saving_queues_the_update_that_records_what_an_object_refers_to(later):
    __, __, producers = build_site()
    farm = ProducerPageFactory(parent=producers)
    profile = member("Paul Hofmann").profile

    profile.producer = farm
    profile.save()

    run(last_update(later, profile))
    referred = ReferenceIndex.get_references_for_object(profile)
    assert list(referred.values_list("to_object_id", flat=True)) == [str(farm.pk)]


def test_an_object_deleted_before_its_update_runs_needs_none(later):
    __, __, producers = build_site()
    paul = member("Paul Hofmann")
    profile = paul.profile
    profile.producer = ProducerPageFactory(parent=producers)
    profile.save()
    update = last_update(later, profile)

    paul.delete()

    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert run(update) is None
    assert (
        not ReferenceIndex.objects.filter(object_id=str(profile.pk))
        .filter(content_type__model="profile")
        .exists()
    )
