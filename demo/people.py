"""The people behind the demo shop: the staff who write its stories, and their
accounts, which make them the team in the community."""

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from blog.models import Author

from .pictures import PORTRAIT_SIZE

AUTHORS = [
    {
        "name": "Greta Lindner",
        "role": "Inhaberin",
        "looks": {"hair": "long", "hair_color": (168, 78, 40), "glasses": False},
        "bio": (
            "Greta hat in Eberswalde Ökolandbau studiert und 2009 den Hofladen im "
            "alten Kuhstall ihrer Großeltern eröffnet. Sie fährt zu den Höfen, von "
            "denen wir kaufen, und schreibt auf, was sie dort lernt."
        ),
    },
    {
        "name": "Jonas Albrecht",
        "role": "An der Käsetheke",
        "looks": {"hair": "short", "hair_color": (96, 64, 40), "beard": True},
        "bio": (
            "Gelernter Käser, zwölf Jahre auf Allgäuer Alpen und in Sennereien, seit "
            "2018 bei uns an der Theke. Wer ihn nach einem Käse fragt, bekommt eine "
            "Geschichte und ein Stück zum Probieren."
        ),
    },
    {
        "name": "Aylin Demir",
        "role": "Küche und Rezepte",
        "looks": {
            "hair": "bun",
            "hair_color": (40, 30, 26),
            "skin": (206, 150, 112),
            "glasses": True,
        },
        "bio": (
            "Aylin kocht mittags für unseren Hofladentisch und schreibt die Rezepte "
            "auf, nach denen Sie fragen. Ihre Regel: nicht mehr als zehn Zutaten, und "
            "alle gibt es im Laden."
        ),
    },
    {
        "name": "Henning Brandt",
        "role": "Einkauf und Erzeuger",
        "looks": {
            "hair": "cropped",
            "hair_color": (150, 142, 132),
            "beard": True,
            "glasses": True,
        },
        "bio": (
            "Henning hat zwanzig Jahre lang im Oderbruch Gemüse angebaut, bevor er "
            "2015 zu uns kam. Er kennt jeden Hof, von dem wir kaufen, und die meisten "
            "Hofhunde beim Namen."
        ),
    },
]

# The owner's author entry, which the demo admin account writes as.
OWNER = "Greta Lindner"

# The shop's team: staff accounts linked to the blog's authors.
TEAM = [
    {"email": "greta@lindenhof.example", "author": "Greta Lindner"},
    {"email": "jonas@lindenhof.example", "author": "Jonas Albrecht"},
    {"email": "aylin@lindenhof.example", "author": "Aylin Demir"},
    {"email": "henning@lindenhof.example", "author": "Henning Brandt"},
]


def ensure_authors(run):
    existing = {author.slug: author for author in Author.objects.all()}
    for data in AUTHORS:
        data = dict(data)
        looks = data.pop("looks")
        slug = slugify(data["name"])
        if slug in existing:
            continue
        photo = run.image(
            f"Porträt {data['name']}",
            "portrait",
            size=PORTRAIT_SIZE,
            focal=(0.3, 0.2, 0.4, 0.45),
            label="".join(part[0] for part in data["name"].split()),
            **looks,
        )
        existing[slug] = Author.objects.create(slug=slug, photo=photo, **data)
        run.record("author")
    return existing


def ensure_team(run) -> dict:
    """Staff accounts linked to the blog's authors, so they show as the team."""
    User = get_user_model()
    authors = {author.name: author for author in Author.objects.all()}
    team = {}
    for data in TEAM:
        user = User.objects.filter(email__iexact=data["email"]).first()
        if user is None:
            user = User(username=data["email"], email=data["email"], is_staff=True)
            user.theke_display_name = data["author"]
            user.set_unusable_password()
            user.save()
            run.record("team account")
        author = authors.get(data["author"])
        if author is not None and author.user_id is None:
            author.user = user
            author.save(update_fields=["user"])
        team[data["email"]] = user
    return team
