"""Background tasks of the products app."""

from django_tasks import task

from .models import ProductSource, SyncRun


@task()
def sync_source_task(source_id: int, queued_run_id: int | None = None) -> int | None:
    """Sync one source, as `sync_products` does; returns the run's id.

    `queued_run_id` is the run that showed the waiting task in the admin; the
    real run takes its place.
    """
    from .sync import sync_source

    if queued_run_id is not None:
        SyncRun.objects.filter(pk=queued_run_id, status=SyncRun.Status.QUEUED).delete()
    source = ProductSource.objects.filter(pk=source_id).first()
    if source is None:
        return None
    return sync_source(source).pk
