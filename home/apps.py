from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from . import signals  # noqa: F401
        from .choosers import use_page_chooser

        use_page_chooser()
