from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from . import platform_data, signals  # noqa: F401
        from .choosers import use_page_chooser
        from .reference_index import let_deleted_objects_go
        from .slugs import use_spelled_out_slugs_in_the_admin

        use_spelled_out_slugs_in_the_admin()
        use_page_chooser()
        let_deleted_objects_go()
