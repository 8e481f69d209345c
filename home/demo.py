"""The demo shop: its settings, front page and site, then every app's demo step.

Apps add their part by registering a function under the hook name `DEMO_HOOK` in
their `wagtail_hooks.py`; it receives the `DemoRun` and runs in the order given
to `hooks.register` (blog 100, shop_link 200, community 300). A step creates
what is missing and leaves everything that exists alone, so running the demo
twice changes nothing.
"""

from dataclasses import dataclass, field

from django.db import transaction
from wagtail import hooks
from wagtail.models import Page, Site

from .demo_images import HERO_SIZE, demo_image
from .models import HomePage, ShopSettings

DEMO_HOOK = "theke_load_demo"
DEMO_HOSTNAME = "localhost"
DEMO_PORT = 8000

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


@dataclass
class DemoRun:
    """What a demo step needs: the site and its home page, and a tally of changes."""

    site: Site
    home: HomePage
    created: dict[str, list] = field(default_factory=dict)

    def record(self, singular: str, plural: str | None = None, count: int = 1):
        """Note that `count` things were created, for the summary."""
        entry = self.created.setdefault(singular, [plural or f"{singular}s", 0])
        entry[1] += count

    def image(self, title, kind, seed=None, size=HERO_SIZE, focal=None, **traits):
        """The demo picture called `title`, drawn only if it does not exist yet."""
        image, created = demo_image(title, kind, seed, size, focal, **traits)
        if created:
            self.record("image")
        return image

    @property
    def changed(self) -> bool:
        return bool(self.created)

    def summary(self) -> str:
        if not self.changed:
            return "Demo content already present; nothing changed."
        # Pictures are drawn along the way; they read best at the end.
        items = sorted(self.created.items(), key=lambda item: item[0] == "image")
        parts = [
            f"{count} {singular if count == 1 else plural}"
            for singular, (plural, count) in items
        ]
        return f"Demo shop ready: {', '.join(parts)}."


def load_demo() -> DemoRun:
    """Build the demo shop in one transaction and report what was created."""
    with transaction.atomic():
        home = ensure_home_page()
        site, site_changed = ensure_site(home)
        run = DemoRun(site=site, home=home)
        if site_changed:
            run.record("site")
        if not home.hero_title:
            fill_home_page(run)
        ensure_shop_settings(run)
        for step in hooks.get_hooks(DEMO_HOOK):
            step(run)
    return run


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
