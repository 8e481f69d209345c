"""One set of builders and helpers for the whole test suite.

Test modules import from here (`from tests.factories import member`), never from
one another. Each section is a module of this package:

- pages: pages in a real tree, snippets, images and products
- feeds: product feeds, from the sync fixtures or built in place
- reading: what pages serve (links, visible text, heads, JSON-LD, the sitemap)
  and the queries a request takes
- members: members and staff, signing up and the mail that confirms it
- community: comments, the board, product questions, long threads, a mail
  server that is down
- hostile: hostile input for the sanitiser (the XSS corpus)
- browser: what the browser journeys share (widths, logging in, axe-core)
- servers: real servers on 127.0.0.1 that tests switch off and on (a TCP
  forwarder to the database, the site served by one thread, a mail server)
- cluster: the site on standard parts, as separate processes (app processes
  under gunicorn, the task worker) sharing a fresh PostgreSQL database and
  Redis, and visitors who reach them through the proxy
"""

from tests.factories.browser import (
    STYLED,
    WIDTHS,
    describe,
    log_in,
    sign_up,
    violations,
)
from tests.factories.cluster import (
    AppServer,
    Cluster,
    Visitor,
    forget_cache,
    fresh_database,
    redis_answers,
)
from tests.factories.community import (
    POST_URL,
    FailingBackend,
    add_comment,
    answer,
    ask,
    build_board,
    build_shop,
    category,
    form_data,
    long_thread,
    product_url,
    question_url,
    reply,
    topic,
)
from tests.factories.demo import DEMO_IMAGE_SCALE, run_load_demo
from tests.factories.feeds import (
    SYNC_FEEDS,
    feed_source,
    merchant_item,
    merchant_xml,
)
from tests.factories.hostile import (
    BAD_URLS,
    DISGUISES,
    EVENT_HANDLERS,
    EVENT_SYNTAX,
    EVENT_TAGS,
    FORBIDDEN_ELEMENTS,
    MALFORMED,
    MARKDOWN_MIXES,
    OVERLONG,
    SCRIPT_TAGS,
    TEMPLATE_CASES,
    TEMPLATES,
    URL_WRAPPERS,
    WRAPPERS,
    xss_cases,
)
from tests.factories.members import (
    PASSWORD,
    confirmation_path,
    member,
    signup,
    staff,
)
from tests.factories.pages import (
    AuthorFactory,
    BlogIndexPageFactory,
    BlogPageFactory,
    CategoryFactory,
    CertificationFactory,
    ImageFactory,
    ProducerPageFactory,
    ProducersIndexPageFactory,
    ProductFactory,
    ProductIndexPageFactory,
    ProductSourceFactory,
    build_catalogue,
    build_site,
    home_page,
    make_draft,
    make_private,
    paragraph,
    products_block,
    publish,
)
from tests.factories.reading import (
    BASE,
    SITEMAP_NS,
    HeadParser,
    Links,
    json_ld_of,
    links_of,
    queries_to_render,
    read_sitemap,
    read_sitemap_file,
    read_sitemap_index,
    text_of,
    warm_count,
)
from tests.factories.servers import Forwarder, MailServer, SiteServer

__all__ = [
    "DEMO_IMAGE_SCALE",
    "run_load_demo",
    "AppServer",
    "AuthorFactory",
    "BAD_URLS",
    "BASE",
    "BlogIndexPageFactory",
    "BlogPageFactory",
    "CategoryFactory",
    "CertificationFactory",
    "Cluster",
    "DISGUISES",
    "EVENT_HANDLERS",
    "EVENT_SYNTAX",
    "EVENT_TAGS",
    "FORBIDDEN_ELEMENTS",
    "FailingBackend",
    "Forwarder",
    "HeadParser",
    "ImageFactory",
    "Links",
    "MALFORMED",
    "MARKDOWN_MIXES",
    "MailServer",
    "OVERLONG",
    "PASSWORD",
    "POST_URL",
    "ProducerPageFactory",
    "ProducersIndexPageFactory",
    "ProductFactory",
    "ProductIndexPageFactory",
    "ProductSourceFactory",
    "SCRIPT_TAGS",
    "SITEMAP_NS",
    "STYLED",
    "SYNC_FEEDS",
    "SiteServer",
    "TEMPLATES",
    "TEMPLATE_CASES",
    "URL_WRAPPERS",
    "Visitor",
    "WIDTHS",
    "WRAPPERS",
    "answer",
    "ask",
    "build_board",
    "build_catalogue",
    "build_shop",
    "build_site",
    "category",
    "add_comment",
    "confirmation_path",
    "describe",
    "feed_source",
    "forget_cache",
    "form_data",
    "fresh_database",
    "home_page",
    "json_ld_of",
    "links_of",
    "log_in",
    "long_thread",
    "make_draft",
    "make_private",
    "member",
    "merchant_item",
    "merchant_xml",
    "queries_to_render",
    "paragraph",
    "product_url",
    "products_block",
    "publish",
    "question_url",
    "read_sitemap",
    "redis_answers",
    "read_sitemap_file",
    "read_sitemap_index",
    "reply",
    "sign_up",
    "signup",
    "staff",
    "text_of",
    "topic",
    "violations",
    "warm_count",
    "xss_cases",
]
