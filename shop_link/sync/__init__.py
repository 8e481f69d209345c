"""Syncing a source's products from its feed; the rules are in `runs`."""

from .runs import describe_problem, summary, sync_source

__all__ = ["describe_problem", "summary", "sync_source"]
