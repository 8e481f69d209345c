from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopLinkConfig(AppConfig):
    name = "shop_link"
    verbose_name = _("Products")

    def ready(self):
        from . import signals  # noqa: F401
