"""Where Wagtail stores renditions: under names that are never used twice.

Wagtail names a rendition after its image's file and the filter, so a picture
deleted and uploaded again under the same file name would get renditions at
the same addresses as before, with other content, while browsers and proxies
still keep the old ones. With a random part in every rendition's name
(`files.lasting_name`), an address always shows the same picture, and it may
be kept for a year (WAGTAILIMAGES_RENDITION_STORAGE names this storage).
"""

from django.core.files.storage import FileSystemStorage

from .files import lasting_name


class LastingNames:
    """A storage mixin: every file saved gets a name of its own, for good."""

    def generate_filename(self, filename):
        return lasting_name(super().generate_filename(filename))


class RenditionStorage(LastingNames, FileSystemStorage):
    """Renditions in MEDIA_ROOT, beside the uploads."""
