"""Wagtail's reference index, kept up to date by a task that lets an object go.

Saving an object Wagtail tracks (pages, images, snippets, a member's profile
shown in the admin) queues `wagtail.tasks.update_reference_index_task`. With the
database queue it runs later, and an object deleted before then (an account
deleted right after signing up) made it fail with DoesNotExist and stay in the
queue's records as FAILED. Deleting the object already removed its entries, so
there is nothing left to update.
"""

import logging

from django.apps import apps
from django_tasks import task
from wagtail import signal_handlers
from wagtail import tasks as wagtail_tasks

logger = logging.getLogger(__name__)


@task()
def update_reference_index_task(app_label: str, model_name: str, pk: str) -> None:
    """Wagtail's update of one object's references, if the object still exists."""
    model = apps.get_model(app_label, model_name)
    try:
        wagtail_tasks.update_reference_index_task.call(app_label, model_name, pk)
    except model.DoesNotExist:
        logger.info("No reference index update for %s %s: deleted", model_name, pk)


def let_deleted_objects_go() -> None:
    """Have Wagtail's save handler queue the task above in place of its own.

    The handler names the task it queues at its module's top level, for every
    model Wagtail tracks now or registers later, so this is the one place to
    change it.
    """
    signal_handlers.update_reference_index_task = update_reference_index_task
