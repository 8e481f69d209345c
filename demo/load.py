"""The demo shop, built in one transaction by steps that run in a fixed order.

The site and its home page come first; each step then gets the `DemoRun`. A
step creates what is missing and leaves everything that exists alone, so
running the demo twice changes nothing. Later steps build on earlier ones: the
products go into the stories, the community talks about both, and readers
answer the feedback faces on them.
"""

from django.db import transaction

from .board import build_board_demo
from .discussions import build_discussions_demo
from .feedback import build_feedback_demo
from .interests import build_interests_demo
from .moderation import build_moderation_demo
from .products import build_products_demo
from .questions import build_questions_demo
from .run import DemoRun
from .shop import build_shop_demo, ensure_home_page, ensure_site, follow_address
from .stories import build_blog_demo

STEPS = (
    build_shop_demo,
    build_blog_demo,
    build_products_demo,
    build_board_demo,
    build_discussions_demo,
    build_questions_demo,
    build_moderation_demo,
    build_interests_demo,
    build_feedback_demo,
)


def load_demo(address: tuple[str, int] | None = None) -> DemoRun:
    """Build the demo shop in one transaction and report what was created.

    With an `address` (host name, port) the demo's site moves there, as long
    as it is served from this machine.
    """
    with transaction.atomic():
        home = ensure_home_page()
        site, site_changed = ensure_site(home)
        run = DemoRun(site=site, home=home)
        if site_changed:
            run.record("site")
        if address and follow_address(site, *address):
            run.record("site address", "site addresses")
        for step in STEPS:
            step(run)
    return run
