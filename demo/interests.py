"""What the demo's members told the shop (interests, hidden categories), which
categories serve which interest, and the announcements staff wrote.

Announcements run from a day before the demo is loaded to two months after, so
the banners show whenever it is started; the rest keeps its place in 2026.
"""

import datetime

from django.utils import timezone

from blog.models import BlogCategory
from community.announcements.models import EVERYONE, Announcement
from community.members import preferences
from community.members.interests import (
    NEW_PRODUCTS,
    OFFERS,
    RECIPES,
    SUSTAINABILITY,
    TASTINGS,
)
from community.models import InterestCategories, MemberInterest

from .members import ensure_members

# Which blog and product categories serve each interest; offers and new products
# bring their own products by rule.
SERVED_BY = {
    SUSTAINABILITY: (["erzeuger-herkunft", "saison"], ["Wolle & Felle"]),
    TASTINGS: (["neues-vom-hof"], ["Käse"]),
    RECIPES: (["rezepte"], ["Mehl & Getreide", "Gemüse"]),
}

# Each member's choices in the order they made them: (interest, chosen).
CHOICES = {
    "jana.petersen@example.org": [
        (OFFERS, True),
        (TASTINGS, True),
        (RECIPES, True),
        (OFFERS, False),
    ],
    "matthias.krueger@example.org": [(OFFERS, True), (NEW_PRODUCTS, True)],
    "ayse.demir@example.org": [(SUSTAINABILITY, True), (TASTINGS, True)],
}

# What each member never wants to see: blog categories by slug, product
# categories by name.
HIDDEN = {
    "jana.petersen@example.org": ([], ["Fleisch & Wurst"]),
    "matthias.krueger@example.org": (["rezepte"], []),
    "ayse.demir@example.org": ([], ["Wolle & Felle"]),
}

ANNOUNCEMENTS = [
    {
        "text": (
            "Käseverkostung mit der Hofkäserei Wendt: Samstag von 11 bis 14 Uhr "
            "an der Theke."
        ),
        "link": "/producers/hofkaeserei-wendt/",
        "link_text": "Über die Käserei",
        "audience": TASTINGS,
        "product_category": "Käse",
    },
    {
        "text": "Neu an der Theke: Bringen Sie Ihre eigene Dose mit.",
        "link": "/blog/mehrweg-an-der-theke/",
        "link_text": "So geht's",
        "audience": EVERYONE,
    },
    {
        "text": "Diese Woche im Angebot: Bergkäse, 12 Monate gereift.",
        "link": "/products/",
        "link_text": "Zum Sortiment",
        "audience": OFFERS,
        "product_category": "Käse",
    },
]


def build_interests_demo(run):
    """Map categories to interests, give the members their choices and write
    the announcements, each only if missing."""
    ensure_interest_categories()
    members = ensure_members(run)
    ensure_choices(run, members)
    ensure_announcements(run)


def ensure_interest_categories():
    blog = {category.slug: category for category in BlogCategory.objects.all()}
    for key, (slugs, product_categories) in SERVED_BY.items():
        row, _created = InterestCategories.objects.get_or_create(interest=key)
        if row.blog_categories.exists() or row.product_categories:
            continue
        row.blog_categories.set([blog[slug] for slug in slugs if slug in blog])
        row.product_categories = product_categories
        row.save()


def ensure_choices(run, members):
    blog = {category.slug: category for category in BlogCategory.objects.all()}
    for email, choices in CHOICES.items():
        user = members[email]
        if MemberInterest.objects.filter(user=user).exists():
            continue
        for key, chosen in choices:
            preferences.choose_interest(user, key, chosen)
        run.record("member's interests", "members' interests")
    for email, (slugs, product_categories) in HIDDEN.items():
        user = members[email]
        for slug in slugs:
            if slug in blog and preferences.hide_blog_category(user, blog[slug]):
                run.record("hidden category", "hidden categories")
        for name in product_categories:
            if preferences.hide_product_category(user, name):
                run.record("hidden category", "hidden categories")


def ensure_announcements(run):
    now = timezone.now()
    for data in ANNOUNCEMENTS:
        if Announcement.objects.filter(text=data["text"]).exists():
            continue
        Announcement.objects.create(
            starts_at=now - datetime.timedelta(days=1),
            ends_at=now + datetime.timedelta(days=60),
            **data,
        )
        run.record("announcement")
