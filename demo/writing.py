"""The building blocks the demo's stories are written in, and how their
pictures become Wagtail images when a story is built."""

from dataclasses import dataclass
from html import escape

from wagtail.rich_text import RichText


@dataclass(frozen=True)
class Picture:
    """A demo illustration and how a post describes it."""

    title: str
    kind: str
    alt: str
    caption: str = ""


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def text(*paragraphs):
    return (
        "paragraph",
        RichText("".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)),
    )


def html(source):
    return ("paragraph", RichText(source))


def quote(words, who=""):
    return ("quote", {"text": words, "attribution": who})


def image(picture):
    return ("image", picture)


def gallery(title, *pictures):
    return ("gallery", {"title": title, "images": list(pictures)})


def video(url, title, caption=""):
    return ("video", {"url": url, "title": title, "caption": caption})


def resolve_blocks(run, blocks):
    """Swap the Pictures in a list of blocks for Wagtail images."""
    resolved = []
    for block_type, value in blocks:
        if block_type == "image":
            value = picture_value(run, value)
        elif block_type == "gallery":
            value = {
                "title": value["title"],
                "images": [picture_value(run, picture) for picture in value["images"]],
            }
        resolved.append((block_type, value))
    return resolved


def picture_value(run, picture):
    return {
        "image": run.image(picture.title, picture.kind),
        "alt": picture.alt,
        "caption": picture.caption,
    }
