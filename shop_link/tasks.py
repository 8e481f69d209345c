"""Background tasks of the products app."""

from django_tasks import task

from .models import ProductSource


@task()
def sync_source_task(source_id: int) -> int | None:
    """Sync one source, as `sync_products` does; returns the run's id."""
    from .sync import sync_source

    source = ProductSource.objects.filter(pk=source_id).first()
    if source is None:
        return None
    return sync_source(source).pk
