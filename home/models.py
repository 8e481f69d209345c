from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .legal import normalise_vat_id, validate_vat_id
from .personal_data import Basis, PersonalData, Section
from .public_pages import PublicPages
from .routing import RememberedRoutes
from .seo import SCHEMA_CONTEXT, home_url, shop_store
from .slugs import SpelledOutSlugs

# Rich text staff write around the generated legal pages.
LEGAL_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


def settings_cache_key(site_id) -> str:
    """Where the shared cache keeps a site's ShopSettings."""
    return f"home:shop-settings:v1:{site_id}"


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

    # The legal notice (§ 5 DDG, § 18 MStV).
    operator_name = models.CharField(
        _("operator"),
        max_length=200,
        blank=True,
        help_text=_(
            "The person or company that runs the shop, by its full legal name, "
            "e.g. “Greta Lindner” or “Lindenhof Hofladen GmbH”."
        ),
    )
    legal_form = models.CharField(
        _("legal form"),
        max_length=80,
        blank=True,
        help_text=_("Only if the name does not say it, e.g. “eingetragene Kauffrau”."),
    )
    represented_by = models.CharField(
        _("represented by"),
        max_length=200,
        blank=True,
        help_text=_("For a company: who represents it, e.g. its managing directors."),
    )
    operator_address = models.TextField(
        _("operator's address"),
        blank=True,
        help_text=_(
            "Only if it differs from the counter's address; one line per line."
        ),
    )
    register_court = models.CharField(
        _("register court"),
        max_length=120,
        blank=True,
        help_text=_("If registered, e.g. “Amtsgericht Neuruppin”."),
    )
    register_number = models.CharField(
        _("register number"),
        max_length=40,
        blank=True,
        help_text=_("E.g. “HRB 1234”."),
    )
    vat_id = models.CharField(
        _("VAT ID"),
        max_length=20,
        blank=True,
        validators=[validate_vat_id],
        help_text=_("If you have one, e.g. “DE123456789”."),
    )
    supervisory_authority = models.TextField(
        _("supervisory authority"),
        blank=True,
        help_text=_(
            "Only if your trade needs an official permit: the authority that "
            "issued it, with its address."
        ),
    )
    chamber = models.TextField(
        _("chamber and professional title"),
        blank=True,
        help_text=_(
            "If you belong to a chamber (e.g. a Handwerkskammer) or bear a "
            "regulated title: the chamber, the title and the country that "
            "awarded it."
        ),
    )
    responsible_name = models.CharField(
        _("responsible for the content"),
        max_length=200,
        blank=True,
        help_text=_(
            "The person responsible for the blog and the pages under § 18 (2) "
            "MStV: a person, not a company."
        ),
    )
    responsible_address = models.TextField(
        _("their address"),
        blank=True,
        help_text=_("Only if it differs from the operator's; one line per line."),
    )
    legal_notes = RichTextField(
        _("further notes"),
        blank=True,
        features=LEGAL_TEXT_FEATURES,
        help_text=_(
            "Shown below the legal notice, e.g. whether you take part in "
            "consumer dispute resolution, or picture credits."
        ),
    )

    # Staff's own words around the generated privacy page.
    privacy_intro = RichTextField(
        _("introduction"),
        blank=True,
        features=LEGAL_TEXT_FEATURES,
        help_text=_("Shown above the list of what the site stores."),
    )
    privacy_closing = RichTextField(
        _("closing text"),
        blank=True,
        features=LEGAL_TEXT_FEATURES,
        help_text=_(
            "Shown at the end, e.g. who hosts the site and which service sends "
            "its e-mail."
        ),
    )

    shop_panels = [
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
            ],
            heading=_("Contact"),
        ),
    ]
    legal_panels = [
        HelpPanel(
            _(
                "The legal notice at /impressum/ is made from these details and "
                "the counter's address and contact on the “Shop” tab. Staff see "
                "there what is still missing."
            )
        ),
        MultiFieldPanel(
            [
                FieldPanel("operator_name"),
                FieldPanel("legal_form"),
                FieldPanel("represented_by"),
                FieldPanel("operator_address"),
            ],
            heading=_("Who runs the shop"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("register_court"),
                FieldPanel("register_number"),
                FieldPanel("vat_id"),
            ],
            heading=_("Register and tax"),
        ),
        MultiFieldPanel(
            [FieldPanel("supervisory_authority"), FieldPanel("chamber")],
            heading=_("Supervision and chamber"),
        ),
        MultiFieldPanel(
            [FieldPanel("responsible_name"), FieldPanel("responsible_address")],
            heading=_("Responsible for the content"),
        ),
        FieldPanel("legal_notes"),
    ]
    privacy_panels = [
        HelpPanel(
            _(
                "The privacy page at /privacy/ lists what the site stores, made "
                "from the software itself. Add your own words above and below it."
            )
        ),
        FieldPanel("privacy_email"),
        FieldPanel("privacy_intro"),
        FieldPanel("privacy_closing"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(shop_panels, heading=_("Shop")),
            ObjectList(legal_panels, heading=_("Legal notice")),
            ObjectList(privacy_panels, heading=_("Privacy page")),
        ]
    )

    personal_data = (
        PersonalData(
            fields=(
                "shop_name",
                "street",
                "postal_code",
                "city",
                "phone",
                "contact_email",
                "privacy_email",
                "operator_name",
                "represented_by",
                "operator_address",
                "responsible_name",
                "responsible_address",
            ),
            section=Section.SHOP,
            what=_(
                "The names and addresses in the legal notice: of the operator, of "
                "those who represent the shop and of the person responsible for "
                "the content, with the shop's phone number and e-mail addresses."
            ),
            purpose=_(
                "The law requires a shop to name them, so that customers know "
                "whom they deal with (§ 5 DDG, § 18 MStV)."
            ),
            basis=Basis.LEGAL_DUTY,
            retention=_("As long as they are the shop's details."),
            seen_by=_("Everyone: the legal notice and the foot of every page."),
        ),
    )

    class Meta:
        verbose_name = _("shop settings")
        verbose_name_plural = _("shop settings")

    def __str__(self):
        return self.shop_name

    @classmethod
    def for_site(cls, site):
        """The site's settings, kept in the shared cache: every page shows them,
        and saving them or the site drops the copy (`home/signals.py`)."""
        if site is None:
            return super().for_site(site)
        key = settings_cache_key(site.pk)
        found = cache.get(key)
        if found is None:
            found = super().for_site(site)
            cache.set(key, found, None)
        return found

    def clean(self):
        super().clean()
        self.vat_id = normalise_vat_id(self.vat_id)
        self.register_court = self.register_court.strip()
        self.register_number = self.register_number.strip()
        if bool(self.register_court) != bool(self.register_number):
            field = "register_number" if self.register_court else "register_court"
            raise ValidationError(
                {field: _("Give the register court and the number together.")}
            )

    @property
    def opening_hours_lines(self):
        return [
            line.strip() for line in self.opening_hours.splitlines() if line.strip()
        ]

    @property
    def address_lines(self):
        city_line = " ".join(part for part in (self.postal_code, self.city) if part)
        return [line for line in (self.street, city_line) if line]


class HomePage(RememberedRoutes, PublicPages, SpelledOutSlugs, Page):
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
