"""StreamField blocks shared by every page that staff write."""

import re
from urllib.parse import parse_qs, urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A heading that structures the text")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the picture for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("A picture with its description and caption")


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(label=_("Alternative text"), max_length=250)
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Gallery image")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    images = blocks.ListBlock(GalleryImageBlock(), min_num=2, label=_("Images"))

    class Meta:
        icon = "grip"
        template = "blocks/gallery_block.html"
        label = _("Gallery")
        description = _("Several pictures side by side")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        label=_("Who said it"), required=False, max_length=120
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("Words from a person, set apart from the text")


VIDEO_PATTERNS = {
    "youtube": re.compile(r"^(?:www\.|m\.)?(?:youtube\.com|youtu\.be)$"),
    "vimeo": re.compile(r"^(?:www\.|player\.)?vimeo\.com$"),
}


def parse_video_url(url: str) -> tuple[str, str] | None:
    """Return (provider, video id) for a YouTube or Vimeo link, or None."""
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"}:
        return None
    host = parsed.hostname or ""
    if VIDEO_PATTERNS["youtube"].match(host):
        if host.endswith("youtu.be"):
            video_id = parsed.path.lstrip("/").split("/")[0]
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
        else:
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        if re.fullmatch(r"[A-Za-z0-9_-]{6,20}", video_id or ""):
            return "youtube", video_id
    if VIDEO_PATTERNS["vimeo"].match(host):
        video_id = parsed.path.rstrip("/").split("/")[-1]
        if video_id.isdigit():
            return "vimeo", video_id
    return None


EMBED_SOURCES = {
    "youtube": ("YouTube", "https://www.youtube-nocookie.com/embed/{id}?autoplay=1"),
    "vimeo": ("Vimeo", "https://player.vimeo.com/video/{id}?autoplay=1&dnt=1"),
}


class VideoValue(blocks.StructValue):
    @cached_property
    def video(self):
        return parse_video_url(self.get("url") or "")

    @property
    def provider_name(self):
        return EMBED_SOURCES[self.video[0]][0] if self.video else ""

    @property
    def embed_url(self):
        if not self.video:
            return ""
        provider, video_id = self.video
        return EMBED_SOURCES[provider][1].format(id=video_id)


class VideoEmbedBlock(blocks.StructBlock):
    """A video that loads nothing from its provider until the reader asks for it."""

    url = blocks.URLBlock(
        label=_("Video link"), help_text=_("A YouTube or Vimeo address.")
    )
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "blocks/video_embed_block.html"
        label = _("Video")
        description = _("A video that loads only after the reader clicks")
        value_class = VideoValue

    def clean(self, value):
        value = super().clean(value)
        if not parse_video_url(value.get("url") or ""):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Use a YouTube or Vimeo link, e.g. https://youtu.be/…")
                    )
                }
            )
        return value


def extra_story_blocks() -> list[tuple[str, blocks.Block]]:
    """Blocks other apps add to stories, named in settings.THEKE_STORY_BLOCKS.

    home knows nothing of the other apps; the settings say which of their blocks
    a story may hold, as (name, dotted path to the block class) pairs.
    """
    return [
        (name, import_string(path)())
        for name, path in getattr(settings, "THEKE_STORY_BLOCKS", [])
    ]


class StoryStreamBlock(blocks.StreamBlock):
    """The body of posts and producer stories."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    gallery = GalleryBlock()
    video = VideoEmbedBlock()

    class Meta:
        block_counts = {}
