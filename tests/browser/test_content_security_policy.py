"""The content security policy in a real browser: the public pages break none
of it, and the admin's editor and image chooser work under the admin's own."""

import re

import pytest

from blog.models import BlogIndexPage, BlogPage, ProducerPage
from shop_link.models import Product
from tests.factories import (
    PASSWORD,
    STYLED,
    AuthorFactory,
    BlogPageFactory,
    build_shop,
    build_site,
    category,
    log_in,
    member,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Reports every violation of the policy on every page the tab opens.
LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}` +
      ` at ${event.sourceFile}:${event.lineNumber} ${event.sample}`
  );
});
"""
POLICY_WORDS = re.compile(r"Content[- ]Security[- ]Policy|Permissions[- ]Policy", re.I)


@pytest.fixture
def breaches(page):
    """What the browser refused under the policies, or complained of in them."""
    found = []
    page.expose_function("reportViolation", lambda text: found.append(text))
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            found.append(f"console: {message.text}")
            if POLICY_WORDS.search(message.text)
            else None
        ),
    )
    return found


def public_addresses():
    post = BlogPage.objects.live().first()
    return [
        "/",
        BlogIndexPage.objects.get().url,
        post.url,
        "/producers/",
        ProducerPage.objects.live().first().url,
        "/products/",
        f"/products/{Product.objects.filter(producer__isnull=False).first().slug}/",
        "/community/",
        "/feedback/",
        "/search/?q=K%C3%A4se",
        "/privacy/",
        "/impressum/",
        "/account/login/",
        "/account/signup/",
        "/account/password/reset/",
    ]


def test_public_pages_break_no_policy_for_readers_and_members(
    live_server, demo_shop, page, served_media, breaches
):
    from playwright.sync_api import expect

    addresses = public_addresses()
    for address in addresses:
        page.goto(live_server.url + address)
        page.wait_for_load_state("load")
    assert breaches == []

    member("Berta Brot", "berta@example.org", verified=True)
    log_in(page, live_server, "berta@example.org")
    for address in [*addresses[:3], "/account/profile/", "/account/interests/"]:
        page.goto(live_server.url + address)
        page.wait_for_load_state("load")
    # The interests' script saves a choice as soon as it is ticked.
    box = page.locator("main input[type=checkbox]").first
    box.check()
    expect(box).to_be_checked()
    page.wait_for_load_state("networkidle")

    assert breaches == []


def test_a_video_loads_from_its_provider_only_after_the_click(
    live_server, demo_shop, page, served_media, breaches
):
    post = next(
        (post for post in BlogPage.objects.live() if "video" in str(post.body)), None
    )
    if post is None:
        pytest.skip("The demo shop has no story with a video.")
    page.route(re.compile(r"^https://"), lambda route: route.fulfill(body="video"))

    page.goto(live_server.url + post.url)
    page.locator("[data-video-load]").first.click()
    page.locator("iframe.story-video__iframe").wait_for()

    assert breaches == []


def test_the_admin_editor_and_image_chooser_work_under_the_admins_policy(
    live_server, demo_shop, page, served_media, breaches
):
    from playwright.sync_api import expect

    staff("Lena Lindner", superuser=True)
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "lena@team.example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    post = BlogPage.objects.live().exclude(hero_image=None).first()
    page.goto(f"{live_server.url}/admin/pages/{post.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value(post.title)
    # The editor's scripts ran: the StreamField's blocks are drawn.
    expect(page.locator("[data-streamfield-stream-container]").first).to_be_visible()

    # The hero image is chosen: "Choose another" waits in its actions menu.
    page.locator("#id_hero_image-chooser .chosen button[aria-label]").click()
    page.locator("[data-chooser-action-choose]:visible").first.click()
    modal = page.locator(".modal-content")
    expect(modal).to_be_visible()
    expect(modal.locator("img").first).to_be_visible()
    assert breaches == []

    # Staff see the public site with Wagtail's user bar, under the public policy.
    page.goto(live_server.url + post.url)
    page.locator("wagtail-userbar").wait_for(state="attached")
    page.wait_for_load_state("networkidle")

    assert breaches == []


def test_the_editors_preview_panel_shows_the_page_under_the_policy(
    live_server, page, media_root, breaches
):
    from playwright.sync_api import expect

    post = BlogPageFactory(
        parent=build_site()[1], title="Käse reift im Keller", authors=[AuthorFactory()]
    )
    staff("Lena Lindner", superuser=True)
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "lena@team.example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(f"{live_server.url}/admin/pages/{post.pk}/edit/")
    page.locator("#id_title").fill("Käse reift im Felsenkeller")
    page.locator('[data-side-panel-toggle="preview"]').click()

    # The preview shows what was typed, not yet saved, inside the panel's frame.
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text("Käse reift im Felsenkeller")
    page.wait_for_load_state("networkidle")
    assert breaches == []

    # The preview in a tab of its own, as "Preview in new tab" opens it.
    page.goto(f"{live_server.url}/admin/pages/{post.pk}/edit/preview/?mode=")
    expect(page.locator("h1")).to_have_text("Käse reift im Felsenkeller")
    page.wait_for_load_state("networkidle")
    assert breaches == []


def test_a_form_refused_after_logging_out_in_another_tab_shows_what_was_typed(
    live_server, context, page, breaches
):
    from playwright.sync_api import expect

    build_shop()
    category("Rezepte")
    member("Berta Brot", "berta@example.org", verified=True)
    log_in(page, live_server, "berta@example.org")
    page.goto(live_server.url + "/community/new/")
    page.fill("#id_title", "Sauerteig <b>ohne</b> Hefe?")
    written = "Wie lange ruht der Teig?\n</textarea><script>alert(1)</script>"
    page.fill("#id_text", written)

    # Another tab logs out: Clear-Site-Data takes the CSRF cookie from both.
    other = context.new_page()
    other.goto(live_server.url + "/account/logout/")
    other.locator(".account-form button[type=submit]").click()
    other.wait_for_load_state()
    assert [cookie["name"] for cookie in context.cookies()] == []

    page.locator(".board-form button[type=submit]").click()
    page.wait_for_load_state()

    expect(page.locator("h1")).to_have_text("Ihr Formular konnte nicht gesendet werden")
    kept = page.locator(".kept-text textarea")
    expect(kept).to_have_count(2)
    expect(kept.nth(0)).to_have_value("Sauerteig <b>ohne</b> Hefe?")
    expect(kept.nth(1)).to_have_value(written)
    assert page.evaluate(STYLED)
    assert breaches == []
