"""The admin's choosers, their buttons worded in the language of each request.

Wagtail words a chooser's buttons when it makes the widget, and it makes an edit
form's widgets once, for the start-up checks or the first request: every editor
then read the language of that moment ("Seite auswählen (Erzeuger)" in the
English admin). These choosers word them when they are shown.
"""

from django.db import models
from django.utils.functional import lazy
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page
from wagtail.snippets.views.chooser import (
    SnippetChooserViewSet as WagtailSnippetChooserViewSet,
)
from wagtail.snippets.widgets import AdminSnippetChooser

# Wagtail's own messages, translated in its catalogues.
SNIPPET_TEXTS = {
    "choose_one_text": "Choose %(object)s",
    "choose_another_text": "Choose another %(object)s",
    "link_to_chosen_text": "Edit this %(object)s",
}


def _with_name(message: str, model) -> str:
    return gettext(message) % {"object": model._meta.verbose_name}


with_name = lazy(_with_name, str)


class PageChooser(AdminPageChooser):
    """Wagtail's page chooser; "Choose a page (Producer)" in the reader's language."""

    def __init__(self, target_models=None, **kwargs):
        super().__init__(target_models=target_models, **kwargs)
        if self.model is not Page:
            self.choose_one_text = format_lazy(
                "{} ({})",
                kwargs.get("choose_one_text", AdminPageChooser.choose_one_text),
                capfirst(self.model._meta.verbose_name),
            )


class SnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser; "Choose author" in the reader's language."""

    def __init__(self, model=None, **kwargs):
        super().__init__(model, **kwargs)
        for attribute, message in SNIPPET_TEXTS.items():
            if attribute not in kwargs:
                setattr(self, attribute, with_name(message, self.model))


class SnippetChooserViewSet(WagtailSnippetChooserViewSet):
    """Choosing a snippet other models point to: their forms get `SnippetChooser`."""

    base_widget_class = SnippetChooser


def use_page_chooser():
    """Every form field for a link to a page gets `PageChooser`."""
    register_form_field_override(
        models.ForeignKey,
        to=Page,
        override=lambda db_field: {
            "widget": PageChooser(target_models=[db_field.remote_field.model])
        },
    )
