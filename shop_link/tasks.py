"""Background tasks of the products app."""

from django_tasks import task

from .models.products import ProductSource, SyncRun
from .sync.runs import sync_source


@task()
def sync_source_task(source_id: int, queued_run_id: int | None = None) -> int | None:
    """Sync one source, as `sync_products` does; returns the run's id.

    `queued_run_id` is the run that showed the waiting task in the admin: the
    sync fills in that run. Should it be gone, or no longer waiting, the sync
    makes a run of its own.
    """
    source = ProductSource.objects.filter(pk=source_id).first()
    if source is None:
        return None
    queued = None
    if queued_run_id is not None:
        queued = SyncRun.objects.filter(
            pk=queued_run_id, source=source, status=SyncRun.Status.QUEUED
        ).first()
    return sync_source(source, run=queued).pk
