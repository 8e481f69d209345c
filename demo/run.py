"""What every demo step is given: the site, its home page and a tally of changes."""

from dataclasses import dataclass, field

from wagtail.models import Site

from home.models import HomePage

from .pictures import HERO_SIZE, demo_image


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
