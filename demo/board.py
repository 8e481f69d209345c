"""The demo's discussion board: its page, categories and topics."""

from community.models import (
    BoardCategory,
    CommunityIndexPage,
    ModerationState,
    Topic,
)
from community.writing import held
from community.writing.sanitize import render_text
from shop_link.models import Product

from .members import at, ensure_members

BOARD = {
    "title": "Gemeinschaft",
    "slug": "community",
    "intro": (
        "<p>Hier tauschen sich Kundinnen, Kunden und das Team vom Lindenhof aus: "
        "Rezepte, Wünsche ans Sortiment, Fragen an den Hof und Termine.</p>"
    ),
}

CATEGORIES = [
    {
        "name": "Rezepte",
        "slug": "rezepte",
        "description": "Was Sie mit Zutaten vom Hof kochen und backen.",
    },
    {
        "name": "Wünsche ans Sortiment",
        "slug": "wuensche",
        "description": "Was fehlt Ihnen im Laden? Wir lesen mit.",
    },
    {
        "name": "Fragen an den Hof",
        "slug": "fragen",
        "description": "Wie wird gefüttert, geerntet, gekäst? Fragen Sie uns.",
    },
    {
        "name": "Termine & Feste",
        "slug": "termine",
        "description": "Hoffest, Verkostungen, Mitmachtage.",
    },
]

TOPICS = [
    {
        "slug": "rezeptsammlung-hofgemuese",
        "category": "rezepte",
        "author": "jana.petersen@example.org",
        "title": "Rezeptsammlung: Was kocht ihr mit dem Hofgemüse?",
        "body": (
            "Jede Woche stehe ich mit der Gemüsekiste in der Küche und frage mich, "
            "was ich *diesmal* aus Möhren und Roter Bete mache.\n\n"
            "Lasst uns hier sammeln, was bei euch gut ankommt:\n\n"
            "- ein Rezept pro Antwort\n"
            "- gern mit Mengen für vier Personen\n"
            "- und was man vorbereiten kann\n\n"
            "Ich fange an: **Ofengemüse mit Honig und Thymian**, 40 Minuten bei "
            "200 Grad, zum Schluss Schafskäse darüber."
        ),
        "products": ["LH-3003", "LH-3004", "LH-3008"],
        "is_pinned": True,
        "created": at(2, 9, 18, 30),
        "activity": at(14, 11, 19, 5),
    },
    {
        "slug": "lammschulter-sieben-stunden",
        "category": "rezepte",
        "author": "matthias.krueger@example.org",
        "title": "Lammschulter aus dem Ofen – sieben Stunden, und sie zerfällt",
        "body": (
            "Die Lammschulter vom Lindenhof habe ich am Sonntag bei 120 Grad "
            "sieben Stunden im Bräter gegart, mit Knoblauch, Rosmarin und einem "
            "Glas Weißwein.\n\n"
            "> Das Fleisch fiel vom Knochen, die Kinder wollten Nachschlag.\n\n"
            "Hat jemand eine gute Beilage, die nicht Kartoffelbrei ist?"
        ),
        "products": ["LH-4002", "LH-3005"],
        "created": at(3, 11, 20, 15),
        "activity": at(12, 11, 8, 40),
    },
    {
        "slug": "wunsch-ziegenkaese",
        "category": "wuensche",
        "author": "ayse.demir@example.org",
        "title": "Wunsch: ein milder Ziegenkäse aus der Käserei Wendt",
        "body": (
            "Der Bergkäse ist großartig, aber meine Tochter verträgt Kuhmilch "
            "schlecht. Gibt es eine Chance auf einen milden Ziegenkäse, vielleicht "
            "als Frischkäse im Glas?\n\n"
            "Ich würde ihn jede Woche kaufen."
        ),
        "products": ["KW-01"],
        "created": at(28, 10, 9, 10),
        "activity": at(10, 11, 16, 20),
    },
    {
        "slug": "pfandglaeser-joghurt",
        "category": "wuensche",
        "author": "jana.petersen@example.org",
        "title": "Pfandgläser vom Joghurt auch im Laden zurückgeben?",
        "body": (
            "Die Heumilch-Flaschen nehmt ihr an der Theke zurück. Geht das auch "
            "mit den Joghurtgläsern, oder müssen die in den Glascontainer?"
        ),
        "products": ["LH-1005", "LH-1001"],
        "status": Topic.Status.ANSWERED,
        "created": at(20, 10, 11, 0),
        "activity": at(22, 10, 14, 30),
    },
    {
        "slug": "sauerteig-welches-mehl",
        "category": "fragen",
        "author": "matthias.krueger@example.org",
        "title": "Welches Mehl nehmt ihr für Sauerteigbrot?",
        "body": (
            "Ich will mit Sauerteig anfangen. Reicht das Roggenmehl Type 1150 "
            "allein, oder mischt ihr Dinkel dazu? Und wie lange hält sich das "
            "Mehl offen im Schrank?"
        ),
        "products": ["LH-2001", "LH-2002"],
        "status": Topic.Status.ANSWERED,
        "created": at(5, 11, 7, 45),
        "activity": at(13, 11, 12, 0),
    },
    {
        "slug": "huehner-im-winter",
        "category": "fragen",
        "author": "ayse.demir@example.org",
        "title": "Kommen die Hühner im Winter auch nach draußen?",
        "body": (
            "Wir waren im Sommer beim Hoffest und haben die Hühner auf der Wiese "
            "gesehen. Was passiert mit ihnen, wenn Frost ist oder die Stallpflicht "
            "kommt?"
        ),
        "created": at(9, 11, 21, 0),
        "activity": at(9, 11, 21, 0),
    },
    {
        "slug": "hoffest-kuchenbuffet",
        "category": "termine",
        "author": "jana.petersen@example.org",
        "title": "Hoffest im September: Wer backt für das Kuchenbuffet?",
        "body": (
            "Beim Hoffest am 12. September gibt es wieder ein Kuchenbuffet, der "
            "Erlös geht an den Kindergarten in Kleinlinden.\n\n"
            "Bitte schreibt, was ihr mitbringt, damit es nicht zehn "
            "Zupfkuchen werden."
        ),
        "products": ["LH-2002"],
        "is_closed": True,
        "created": at(18, 8, 17, 0),
        "activity": at(11, 9, 22, 10),
    },
    {
        "slug": "lieferung-nach-prenzlau",
        "category": "fragen",
        "author": "heike.brandt@example.org",
        "title": "Liefert ihr die Gemüsekiste auch nach Prenzlau?",
        "body": (
            "Ich bin neu hier und würde gern die kleine Gemüsekiste bestellen. "
            "Kommt die auch nach Prenzlau, und an welchem Tag?"
        ),
        "products": ["LH-3008"],
        "state": ModerationState.PENDING,
        "held_reason": held.FIRST_POSTS,
        "created": at(14, 11, 20, 45),
        "activity": at(14, 11, 20, 45),
    },
]


def build_board_demo(run):
    """Create the board page, its categories, members and topics if missing."""
    ensure_board(run)
    categories = ensure_categories(run)
    members = ensure_members(run)
    ensure_topics(run, categories, members)


def ensure_board(run) -> CommunityIndexPage:
    board = CommunityIndexPage.objects.first()
    if board is None:
        board = CommunityIndexPage(show_in_menus=True, **BOARD)
        run.home.add_child(instance=board)
        board.save_revision().publish()
        run.record("section")
    return board


def ensure_categories(run) -> dict[str, BoardCategory]:
    categories = {category.slug: category for category in BoardCategory.objects.all()}
    for order, data in enumerate(CATEGORIES):
        if data["slug"] not in categories:
            categories[data["slug"]] = BoardCategory.objects.create(
                sort_order=order, **data
            )
            run.record("board category", "board categories")
    return categories


def ensure_topics(run, categories, members):
    existing = set(Topic.objects.values_list("slug", flat=True))
    for data in TOPICS:
        if data["slug"] in existing:
            continue
        topic = Topic.objects.create(
            category=categories[data["category"]],
            author=members[data["author"]],
            title=data["title"],
            slug=data["slug"],
            body=data["body"],
            body_html=render_text(data["body"]),
            status=data.get("status", Topic.Status.OPEN),
            state=data.get("state", ModerationState.PUBLISHED),
            held_reason=data.get("held_reason", ""),
            is_pinned=data.get("is_pinned", False),
            is_closed=data.get("is_closed", False),
            last_activity_at=data["activity"],
        )
        # created_at is set on insert; the demo's topics carry fixed dates.
        Topic.objects.filter(pk=topic.pk).update(created_at=data["created"])
        topic.products.set(
            Product.objects.filter(external_id__in=data.get("products", []))
        )
        run.record("topic")
