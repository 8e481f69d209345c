"""A reader on a 360 px phone sees every public page whole, nothing cut or clipped."""

import pytest

from blog.models import BlogPage, ProducerPage
from community.models import CommunityIndexPage, Topic
from shop_link.models import Product
from tests.factories import STYLED, WIDTHS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Every element that does not fit the viewport, clips its text, or is a button
# whose label wraps, as {tag, cls, text, width, problem}. Visually hidden text (one
# pixel, clipped on purpose for screen readers) is not something a reader sees.
PROBLEMS = r"""() => {
  const viewport = document.documentElement.clientWidth;
  // Half the smallest page margin (1rem): closer than this, text meets the edge.
  const EDGE = 8;
  const found = [];
  const note = (el, problem) => found.push({
    tag: el.tagName.toLowerCase(),
    cls: typeof el.className === "string" ? el.className : "",
    text: (el.innerText || "").trim().replace(/\s+/g, " ").slice(0, 40),
    width: Math.round(el.getBoundingClientRect().width),
    problem,
  });
  const hiddenOnPurpose = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      const box = node.getBoundingClientRect();
      if (style.clip !== "auto" || style.clipPath.startsWith("inset(50%")) {
        return true;
      }
      const dot = box.width <= 1 && box.height <= 1;
      if (style.position === "absolute" && dot) return true;
    }
    return false;
  };
  const ownText = (el) => [...el.childNodes].some(
    (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim()
  );
  const visibleText = (el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const rects = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || hiddenOnPurpose(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      rects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
    }
    return rects;
  };
  const lines = (el) => {
    let count = 0;
    let bottom = -Infinity;
    for (const rect of visibleText(el).sort((a, b) => a.top - b.top)) {
      if (rect.top >= bottom - 2) {
        count += 1;
        bottom = rect.bottom;
      }
    }
    return count;
  };
  const framed = (style) => style.backgroundColor !== "rgba(0, 0, 0, 0)"
    || style.backgroundImage !== "none"
    || ["Top", "Right", "Bottom", "Left"].some(
      (side) => parseFloat(style[`border${side}Width`]) > 0
    );
  const clippedBy = (el, box) => {
    let node = el.parentElement;
    for (; node && node !== document.body; node = node.parentElement) {
      if (getComputedStyle(node).overflowX === "visible") continue;
      const outer = node.getBoundingClientRect();
      if (box.right > outer.right + 1 || box.left < outer.left - 1) return node;
    }
    return null;
  };
  const buttonLike = (el) => {
    if (el.matches("button, [role=button], input[type=submit], input[type=button]")) {
      return true;
    }
    if (!el.matches("a")) return false;
    const style = getComputedStyle(el);
    const bordered = ["Top", "Right", "Bottom", "Left"].every(
      (side) => parseFloat(style[`border${side}Width`]) > 0
    );
    const filled = style.backgroundColor !== "rgba(0, 0, 0, 0)";
    return style.display !== "inline" && (filled || bordered);
  };

  if (document.documentElement.scrollWidth > viewport) {
    const scrolled = document.documentElement.scrollWidth;
    note(document.documentElement, `page scrolls sideways to ${scrolled}px`);
  }
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.display === "none" || style.visibility === "hidden") continue;
    if (box.width === 0 && box.height === 0) continue;
    if (hiddenOnPurpose(el)) continue;
    if (box.right > viewport + 0.5 || box.left < -0.5) {
      note(el, `spans ${Math.round(box.left)}..${Math.round(box.right)}px`);
      continue;
    }
    const text = ownText(el);
    const clipsX = style.overflowX !== "visible" || style.textOverflow !== "clip";
    if (text && clipsX && el.scrollWidth > el.clientWidth + 1) {
      note(el, `clips its text (${el.scrollWidth}px in ${el.clientWidth}px)`);
      continue;
    }
    const clipsY = style.overflowY !== "visible";
    if (text && clipsY && el.scrollHeight > el.clientHeight + 1) {
      note(el, `cuts lines off (${el.scrollHeight}px in ${el.clientHeight}px)`);
      continue;
    }
    const clipper = text && clippedBy(el, box);
    if (clipper) {
      const tag = clipper.tagName.toLowerCase();
      note(el, `cut off by <${tag} class="${clipper.className}">`);
      continue;
    }
    const nearEdge = (left, right) => left < EDGE || right > viewport - EDGE;
    if (text && visibleText(el).some((r) => nearEdge(r.left, r.right))) {
      note(el, "text touches the screen's edge");
      continue;
    }
    if (box.width < viewport - 1 && framed(style) && nearEdge(box.left, box.right)) {
      const span = `${Math.round(box.left)}..${Math.round(box.right)}px`;
      note(el, `box touches the screen's edge (${span})`);
      continue;
    }
    if (buttonLike(el) && lines(el) > 1) {
      note(el, `label wraps onto ${lines(el)} lines`);
    }
  }
  return found;
}"""


def longest(queryset):
    """The item whose title has the longest word: the hardest to fit on a phone."""
    return max(
        queryset,
        key=lambda item: (max(map(len, item.title.split())), len(item.title)),
    )


def public_pages():
    product = longest(Product.objects.on_sale().select_related("producer"))
    producer = longest(
        ProducerPage.objects.live().filter(products__isnull=False).distinct()
    )
    post = longest(BlogPage.objects.live())
    topic = longest(Topic.objects.published())
    return {
        "home": "/",
        "catalogue": "/products/",
        "product": f"/products/{product.slug}/",
        "producer": producer.url,
        "post": post.url,
        "board": CommunityIndexPage.objects.live().first().url,
        "topic": topic.get_absolute_url(),
        "legal notice": "/impressum/",
        "privacy": "/privacy/",
        "writing a comment": f"{post.url}?write=1",
    }


def describe(problems):
    return "\n".join(
        f"    <{p['tag']} class={p['cls']!r}> {p['width']}px {p['text']!r}: "
        f"{p['problem']}"
        for p in problems
    )


def test_every_public_page_fits_a_360px_screen(
    live_server, demo_shop, page, served_media, failed_requests
):
    page.set_viewport_size({"width": WIDTHS["narrow"], "height": 740})
    reports = []
    for name, path in public_pages().items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{name} ({path}) answered {response.status}"
        assert page.evaluate(STYLED), f"{name} ({path}) has no stylesheet applied"
        page.wait_for_load_state("load")
        problems = page.evaluate(PROBLEMS)
        if problems:
            reports.append(f"{name} {path}:\n{describe(problems)}")
    assert not reports, "Too wide for 360px:\n" + "\n".join(reports)
    assert failed_requests == []
