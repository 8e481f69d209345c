"""The page editor's block data, checked before Wagtail reads it.

Wagtail reads a StreamField from a POST trusting that the editor's script wrote
it: a missing or mangled count, type or order (``body-count``, ``body-0-order``)
raises KeyError or ValueError deep inside the form and answers 500. A POST that
did not come from the editor (an empty form, a script, a truncated upload) gets
the site's 400 page instead, and nothing is saved.
"""

from django.core.exceptions import BadRequest
from wagtail.blocks import BlockWidget


def check_block_data(request, page_class) -> None:
    """Raise BadRequest if a POST's block data cannot be read as the form will."""
    if request.method != "POST":
        return
    form_class = page_class.get_edit_handler().get_form_class()
    for name, field in form_class.base_fields.items():
        if not isinstance(field.widget, BlockWidget):
            continue
        try:
            field.widget.value_from_datadict(request.POST, request.FILES, name)
        except (KeyError, ValueError, TypeError, OverflowError) as error:
            raise BadRequest(f"unreadable block data in {name!r}") from error
