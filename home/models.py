from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .seo import SCHEMA_CONTEXT, home_url, shop_store


@register_setting(icon="site")
class ShopSettings(BaseSiteSetting):
    """Who the shop is and how to reach it, editable by staff in the admin."""

    shop_name = models.CharField(_("shop name"), max_length=120, default="Theke")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=160, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country code"), max_length=2, default="DE")
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_("One line per day or group of days, e.g. “Mo–Fr 8–18 Uhr”."),
    )
    shop_url = models.URLField(
        _("online shop"), blank=True, help_text=_("Where customers can buy online.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    privacy_email = models.EmailField(
        _("privacy e-mail"),
        blank=True,
        help_text=_("Where customers send questions about their data."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("shop_name"), FieldPanel("tagline")], heading=_("Shop")
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("country"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Counter"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("shop_url"),
                FieldPanel("phone"),
                FieldPanel("contact_email"),
                FieldPanel("privacy_email"),
            ],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        verbose_name = _("shop settings")
        verbose_name_plural = _("shop settings")

    def __str__(self):
        return self.shop_name

    @property
    def opening_hours_lines(self):
        return [
            line.strip() for line in self.opening_hours.splitlines() if line.strip()
        ]

    @property
    def address_lines(self):
        city_line = " ".join(part for part in (self.postal_code, self.city) if part)
        return [line for line in (self.street, city_line) if line]


class HomePage(Page):
    """The shop's front door: newest stories and the producers behind the range."""

    hero_title = models.CharField(_("hero title"), max_length=160, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        _("hero image description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the picture for readers who cannot see it."),
    )
    welcome = RichTextField(
        _("welcome text"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("welcome"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("welcome"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    # Sections declare HomePage as their parent; home knows nothing of the other
    # apps, so it accepts every section that names it.
    subpage_types = None
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def json_ld(self, request, context):
        """The shop as a Store, and the site with its search."""
        shop = ShopSettings.for_request(request)
        home = home_url(request)
        search_url = request.build_absolute_uri(reverse("search"))
        return [
            shop_store(shop, request, image=self.hero_image),
            {
                "@context": SCHEMA_CONTEXT,
                "@type": "WebSite",
                "name": shop.shop_name,
                "url": home,
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": f"{search_url}?q={{search_term_string}}",
                    "query-input": "required name=search_term_string",
                },
            },
        ]
