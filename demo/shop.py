"""The demo shop itself: its settings, its site at localhost:8000 (or wherever
`make run` serves it) and its front page."""

from django.conf import settings as django_settings
from django.contrib.sites.models import Site as DjangoSite
from wagtail.models import Page, Site

from home.models import HomePage, ShopSettings

from .run import DemoRun

DEMO_HOSTNAME = "localhost"
DEMO_PORT = 8000
# Host names of this machine: a site at one of them is a developer's, which may
# follow the address the development server is started at.
LOCAL_HOSTNAMES = {"localhost", "127.0.0.1", "::1"}

SHOP = {
    "shop_name": "Hofladen Lindenhof",
    "tagline": "Gutes aus der Uckermark, von Menschen, die Sie kennen",
    "street": "Am Lindenhof 3",
    "postal_code": "17268",
    "city": "Kleinlinden",
    "country": "DE",
    "opening_hours": "\n".join(
        [
            "Di–Fr 9–18 Uhr",
            "Sa 8–13 Uhr",
            "So und Mo geschlossen",
        ]
    ),
    "shop_url": "https://shop.example.com",
    "phone": "030 23125 417",
    "contact_email": "hallo@example.com",
    "privacy_email": "datenschutz@example.com",
}

# The legal notice of a small farm shop its owner runs as a sole trader.
LEGAL = {
    "operator_name": "Greta Lindner",
    "legal_form": "Einzelunternehmen",
    "vat_id": "DE123456789",
    "responsible_name": "Greta Lindner",
    "privacy_closing": (
        "<p>Diese Demo läuft auf Ihrem eigenen Rechner: Es gibt keinen "
        "Hosting-Dienst, und E-Mails werden nicht verschickt, sondern im Terminal "
        "angezeigt. Ein echter Shop nennt hier, wer seine Website betreibt und "
        "über welchen Dienst er E-Mails versendet.</p>"
    ),
}

HOME = {
    "title": "Hofladen Lindenhof",
    "hero_title": "Vom Feld an die Theke – und wir kennen jeden Hof",
    "hero_text": (
        "Käse aus der Hofkäserei nebenan, Brot aus Steinofenmehl, Gemüse vom "
        "Gärtnerhof und Lamm von der Weide: Im Lindenhof verkaufen wir, was in der "
        "Uckermark wächst. Hier erzählen wir, wer es macht und wie."
    ),
    "welcome": (
        "<p>Seit 2009 stehen wir im alten Kuhstall des Lindenhofs hinter der Theke. "
        "Wir kaufen bei Höfen, die wir besucht haben, und schreiben auf, was wir "
        "dort sehen. Fragen Sie uns – im Laden, im Blog oder in der "
        "<b>Gemeinschaft</b>. Was Sie uns erzählen, bleibt bei uns.</p>"
    ),
}


def build_shop_demo(run: DemoRun):
    """Fill the home page and the shop settings unless they are filled already."""
    if not run.home.hero_title:
        fill_home_page(run)
    ensure_shop_settings(run)
    ensure_legal_notice(run)


def ensure_home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title=HOME["title"], slug="home"))
    return home


def ensure_site(home: HomePage) -> tuple[Site, bool]:
    """The default site at localhost:8000, named after the shop, showing `home`.

    Returns the site and whether it changed. A site someone has already named is
    theirs and is left as it is.
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    elif site.site_name:
        return site, False
    site.hostname = DEMO_HOSTNAME
    site.port = DEMO_PORT
    site.site_name = SHOP["shop_name"]
    site.root_page = home
    site.save()
    return site, True


def parse_address(address: str) -> tuple[str, int]:
    """Host name and port of `HOST:PORT`; ValueError if it is not one."""
    hostname, _, port = address.strip().rpartition(":")
    hostname = hostname.strip("[]").lower()
    if not hostname or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(address)
    return hostname, int(port)


def follow_address(site: Site, hostname: str, port: int) -> bool:
    """Move a site served from this machine to the address it is served at now.

    Page links, feeds and mails name the site's root URL; with `make run
    PORT=8101` they must say 8101. A site at a public host name is left alone,
    as is one whose new address another site already has. Returns whether the
    site moved.
    """
    if site.hostname not in LOCAL_HOSTNAMES or (site.hostname, site.port) == (
        hostname,
        port,
    ):
        return False
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        return False
    site.hostname, site.port = hostname, port
    site.save()
    # allauth names Django's own site where no request is at hand.
    django_site = DjangoSite.objects.filter(pk=django_settings.SITE_ID).first()
    if django_site is not None and django_site.domain.split(":")[0] in LOCAL_HOSTNAMES:
        django_site.domain = hostname if port == 80 else f"{hostname}:{port}"
        django_site.save()
    return True


def ensure_shop_settings(run: DemoRun):
    """Fill the shop settings unless staff have already filled them."""
    settings = ShopSettings.objects.filter(site=run.site).first()
    if settings is not None and (settings.tagline or settings.street):
        return
    if settings is None:
        settings = ShopSettings(site=run.site)
    for name, value in SHOP.items():
        setattr(settings, name, value)
    settings.save()
    run.record("shop settings", "shop settings")


def ensure_legal_notice(run: DemoRun):
    """Give the demo shop its legal notice, unless one is there or the settings
    are someone else's shop's."""
    settings = ShopSettings.objects.filter(site=run.site).first()
    if (
        settings is None
        or settings.shop_name != SHOP["shop_name"]
        or any(getattr(settings, name) for name in LEGAL)
    ):
        return
    for name, value in LEGAL.items():
        setattr(settings, name, value)
    settings.save()
    run.record("legal notice")


def fill_home_page(run: DemoRun):
    home = run.home
    home.title = HOME["title"]
    home.draft_title = HOME["title"]
    home.hero_title = HOME["hero_title"]
    home.hero_text = HOME["hero_text"]
    home.welcome = HOME["welcome"]
    home.hero_image = run.image("Kühe auf der Weide am Lindenhof", "cows")
    home.hero_alt = "Braune Kühe grasen auf einer hügeligen Weide unter Linden"
    home.save_revision().publish()
    run.record("home page")
