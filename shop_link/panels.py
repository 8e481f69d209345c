"""How the admin shows a product's feed fields: read-only, and as staff read them."""

from datetime import datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .display import format_money, format_quantity, product_content, product_unit_price

# Shown where a field holds nothing, rather than an empty box or "None".
EMPTY = "–"


def readable(value):
    """A stored value as staff read it; anything else (a picture) as it is."""
    if value is None or value == "" or value == [] or value == ():
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, Decimal):
        return format_quantity(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return value


def _money(name):
    def display(product):
        return format_money(getattr(product, name), product.currency)

    return display


# Fields that read better worked out from the whole product than on their own.
PRODUCT_DISPLAYS = {
    "price": _money("price"),
    "sale_price": _money("sale_price"),
    "unit_quantity": product_content,
    "unit_base_quantity": product_unit_price,
}


class FeedFieldPanel(FieldPanel):
    """A field the feed fills: read-only, money with its currency, a dash for none."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        if self.field_name in PRODUCT_DISPLAYS:
            return readable(value)
        return readable(super().format_value_for_display(value))

    class BoundPanel(FieldPanel.BoundPanel):
        @cached_property
        def value_from_instance(self):
            display = PRODUCT_DISPLAYS.get(self.field_name)
            if display is not None:
                return display(self.instance)
            return getattr(self.instance, self.field_name)
