"""The demo's discussions: threads under posts, a producer, a product and topics.

Customers and the team (staff accounts linked to the blog's authors) talk in
them, with fixed dates in the past and a few reactions. Each comment is looked
up by its author and text first, so running the demo again adds nothing.
"""

from django.conf import settings

from blog.models import BlogPage, ProducerPage
from community.discussions.targets import comments_on
from community.members.names import public_name
from community.models import Comment, Reaction, Topic
from shop_link.models import Product

from .members import MEMBERS, at, ensure_members
from .people import ensure_team

# Customers who join in only here.

MORE_MEMBERS = [
    {"email": "lukas.hoffmann@example.org", "name": "Lukas Hoffmann"},
    {"email": "brigitte.sommer@example.org", "name": "Brigitte Sommer"},
]

JANA = "jana.petersen@example.org"
MATTHIAS = "matthias.krueger@example.org"
AYSE = "ayse.demir@example.org"
LUKAS = "lukas.hoffmann@example.org"
BRIGITTE = "brigitte.sommer@example.org"
GRETA = "greta@lindenhof.example"
JONAS = "jonas@lindenhof.example"
AYLIN = "aylin@lindenhof.example"
HENNING = "henning@lindenhof.example"

# Each discussion: where it is, and its comments in the order they were
# written. "reply_to" names an earlier comment of the same discussion by its
# "key"; "reactions" lists who found it helpful or said thanks.
DISCUSSIONS = [
    {
        "post": "lammschulter-mit-wurzelgemuese",
        "comments": [
            {
                "key": "bräter",
                "by": MATTHIAS,
                "at": at(25, 10, 19, 40),
                "text": (
                    "Am Sonntag nachgekocht, genau nach Rezept. Ich hatte nur "
                    "einen Bräter ohne Deckel und habe ihn mit Alufolie "
                    "abgedeckt, hat trotzdem wunderbar geklappt."
                ),
                "reactions": {"thanks": [AYLIN, JANA]},
            },
            {
                "key": "folie",
                "reply_to": "bräter",
                "by": AYLIN,
                "at": at(26, 10, 8, 15),
                "text": (
                    "Das freut mich! Folie geht gut. Nehmen Sie sie für die "
                    "letzten 30 Minuten ab, dann wird das Gemüse an den Rändern "
                    "schön karamellig."
                ),
                "reactions": {"helpful": [MATTHIAS, AYSE, LUKAS]},
            },
            {
                "reply_to": "folie",
                "by": MATTHIAS,
                "at": at(26, 10, 12, 2),
                "text": "Guter Tipp, mache ich beim nächsten Mal so.",
            },
            {
                "key": "keule",
                "by": AYSE,
                "at": at(28, 10, 17, 30),
                "text": (
                    "Geht das Rezept auch mit Lammkeule? Die Schulter war "
                    "letzten Samstag schon ausverkauft."
                ),
            },
            {
                "reply_to": "keule",
                "by": HENNING,
                "at": at(29, 10, 9, 5),
                "text": (
                    "Ja, mit der Keule geht es auch. Sie ist magerer, rechnen Sie "
                    "eher drei als vier Stunden und gießen Sie zwischendurch etwas "
                    "Brühe an. Die Schultern von der Schäferei Hollerbusch "
                    "kommen jeden Freitag, am besten vorbestellen."
                ),
                "reactions": {"helpful": [AYSE, BRIGITTE], "thanks": [AYSE]},
            },
        ],
    },
    {
        "post": "sauerteig-zu-hause",
        "comments": [
            {
                "key": "schimmel",
                "by": LUKAS,
                "at": at(2, 9, 21, 10),
                "text": (
                    "Mein Anstellgut hat nach einer Woche im Kühlschrank einen "
                    "grauen Film bekommen. Ist das Schimmel, oder kann ich den "
                    "noch retten?"
                ),
            },
            {
                "key": "hooch",
                "reply_to": "schimmel",
                "by": GRETA,
                "at": at(3, 9, 7, 50),
                "text": (
                    "Ein grauer, flüssiger Film ist meist nur Hooch: Alkohol, "
                    "der sich absetzt, wenn der Teig hungrig ist. Abgießen, "
                    "einen Esslöffel vom Rest mit frischem Roggenmehl und Wasser "
                    "füttern, fertig. Wenn es dagegen pelzig und bunt wird, "
                    "lieber neu ansetzen."
                ),
                "reactions": {"helpful": [LUKAS, JANA, MATTHIAS, BRIGITTE]},
            },
            {
                "reply_to": "hooch",
                "by": LUKAS,
                "at": at(3, 9, 19, 25),
                "text": "Abgegossen und gefüttert, er blubbert wieder. Danke!",
            },
            {
                "by": BRIGITTE,
                "at": at(9, 9, 16, 0),
                "text": (
                    "Ich backe seit dreißig Jahren mit Sauerteig und nehme immer "
                    "ein Drittel Dinkel dazu, dann wird die Krume etwas lockerer. "
                    "Das Roggenmehl von der Kranichmühle ist dafür ideal."
                ),
                "reactions": {"thanks": [GRETA], "helpful": [MATTHIAS]},
            },
        ],
    },
    {
        "post": "mehrweg-an-der-theke",
        "comments": [
            {
                "key": "dosen",
                "by": JANA,
                "at": at(13, 11, 18, 20),
                "text": (
                    "Endlich! Gilt das auch für Schraubgläser, oder nur für "
                    "Dosen mit Deckel?"
                ),
            },
            {
                "reply_to": "dosen",
                "by": JONAS,
                "at": at(14, 11, 9, 0),
                "text": (
                    "Gläser nehmen wir auch, solange sie sauber sind und der "
                    "Deckel dicht schließt. Für Käse mit Rinde ist eine Dose "
                    "allerdings besser, im Glas schwitzt er schnell."
                ),
                "reactions": {"helpful": [JANA, AYSE]},
            },
        ],
    },
    {
        "producer": "kranichmuehle",
        "comments": [
            {
                "key": "führung",
                "by": AYSE,
                "at": at(20, 10, 14, 45),
                "text": (
                    "Kann man die Mühle auch besichtigen? Meine Kinder würden "
                    "gern sehen, wie aus dem Korn Mehl wird."
                ),
            },
            {
                "reply_to": "führung",
                "by": HENNING,
                "at": at(21, 10, 10, 30),
                "text": (
                    "Die Kranichmühle öffnet jeden ersten Samstag im Monat von "
                    "10 bis 14 Uhr. Für Gruppen über zehn Personen bitte vorher "
                    "kurz im Laden Bescheid geben, wir geben es weiter."
                ),
                "reactions": {"thanks": [AYSE], "helpful": [BRIGITTE]},
            },
        ],
    },
    {
        "product": "LH-2006",
        "comments": [
            {
                "key": "einfrieren",
                "by": BRIGITTE,
                "at": at(5, 11, 11, 20),
                "text": (
                    "Lässt sich das Roggenmischbrot gut einfrieren? Für uns "
                    "zwei ist ein ganzer Laib zu viel."
                ),
            },
            {
                "reply_to": "einfrieren",
                "by": GRETA,
                "at": at(5, 11, 15, 5),
                "text": (
                    "Sehr gut sogar. Am besten in Scheiben schneiden und "
                    "portionsweise einfrieren, dann können Sie die Scheiben "
                    "direkt toasten. Wir schneiden es Ihnen auch gern an der "
                    "Maschine im Laden."
                ),
                "reactions": {"helpful": [BRIGITTE, LUKAS]},
            },
            {
                "by": LUKAS,
                "at": at(8, 11, 9, 40),
                "text": "Das beste Brot im Umkreis, die Kruste allein lohnt sich.",
                "reactions": {"thanks": [GRETA]},
            },
        ],
    },
    {
        "topic": "rezeptsammlung-hofgemuese",
        "comments": [
            {
                "key": "suppe",
                "by": MATTHIAS,
                "at": at(4, 9, 20, 0),
                "text": (
                    "**Möhren-Ingwer-Suppe**: 800 g Möhren, ein daumengroßes "
                    "Stück Ingwer, eine Zwiebel, ein Liter Brühe. Alles weich "
                    "kochen, pürieren, mit einem Schuss Sahne abschmecken. Lässt "
                    "sich gut einfrieren."
                ),
                "reactions": {"helpful": [JANA, AYSE], "thanks": [JANA]},
            },
            {
                "reply_to": "suppe",
                "by": AYLIN,
                "at": at(5, 9, 12, 30),
                "text": (
                    "Probieren Sie mal einen Löffel Naturjoghurt statt Sahne und "
                    "geröstete Kürbiskerne obendrauf. So machen wir sie mittags "
                    "am Hofladentisch."
                ),
                "reactions": {"helpful": [MATTHIAS]},
            },
            {
                "by": AYSE,
                "at": at(14, 11, 19, 5),
                "text": (
                    "Rote-Bete-Salat mit Apfel und Walnüssen, eine Handvoll "
                    "Petersilie dazu. Die Rote Bete koche ich am Vortag, dann "
                    "ist der Salat in zehn Minuten fertig."
                ),
            },
        ],
    },
    {
        "topic": "lammschulter-sieben-stunden",
        "comments": [
            {
                "by": AYLIN,
                "at": at(12, 11, 8, 40),
                "text": (
                    "Dazu passt ein Graupenrisotto mit Petersilienwurzel, oder "
                    "ganz einfach Weißbrot zum Auftunken. Und ein grüner Salat "
                    "mit Senfdressing gegen das Fett."
                ),
                "reactions": {"helpful": [MATTHIAS], "thanks": [MATTHIAS]},
            },
        ],
    },
    {
        "topic": "pfandglaeser-joghurt",
        "comments": [
            {
                "by": JONAS,
                "at": at(22, 10, 14, 30),
                "text": (
                    "Ja, die Joghurtgläser nehmen wir an der Theke zurück, mit "
                    "Deckel. Sie gehen zurück an die Molkerei und werden dort "
                    "gespült. 15 Cent Pfand gibt es pro Glas."
                ),
                "reactions": {"helpful": [JANA, LUKAS], "thanks": [JANA]},
            },
        ],
    },
    {
        "topic": "sauerteig-welches-mehl",
        "comments": [
            {
                "key": "mehl",
                "by": GRETA,
                "at": at(6, 11, 8, 10),
                "text": (
                    "Für den Anfang reicht das Roggenmehl Type 1150 völlig. "
                    "Offen hält es sich kühl und trocken etwa drei Monate, am "
                    "besten in einer Dose mit Deckel."
                ),
                "reactions": {"helpful": [MATTHIAS, LUKAS]},
            },
            {
                "reply_to": "mehl",
                "by": BRIGITTE,
                "at": at(13, 11, 12, 0),
                "text": (
                    "Und nicht zu früh aufgeben: Meiner hat eine gute Woche "
                    "gebraucht, bis er zuverlässig aufging."
                ),
            },
        ],
    },
    {
        "topic": "hoffest-kuchenbuffet",
        "comments": [
            {
                "by": AYSE,
                "at": at(20, 8, 9, 30),
                "text": "Ich bringe einen Pflaumenkuchen mit Streuseln mit.",
            },
            {
                "by": MATTHIAS,
                "at": at(24, 8, 18, 45),
                "text": "Von uns kommt ein Zupfkuchen. Aber nur einer, versprochen.",
                "reactions": {"thanks": [JANA]},
            },
            {
                "by": GRETA,
                "at": at(11, 9, 22, 10),
                "text": (
                    "Danke an alle, die gebacken haben! Es sind 412 Euro für den "
                    "Kindergarten zusammengekommen. Wir schließen das Thema "
                    "hiermit."
                ),
                "reactions": {"thanks": [JANA, AYSE, MATTHIAS]},
            },
        ],
    },
]


def build_discussions_demo(run):
    """Add the demo's discussions and reactions that are missing."""
    people = ensure_members(run, MEMBERS + MORE_MEMBERS)
    people.update(ensure_team(run))
    for discussion in DISCUSSIONS:
        target = find_target(discussion)
        if target is not None:
            ensure_thread(run, target, discussion["comments"], people)


def find_target(discussion):
    if "post" in discussion:
        return BlogPage.objects.live().filter(slug=discussion["post"]).first()
    if "producer" in discussion:
        return ProducerPage.objects.live().filter(slug=discussion["producer"]).first()
    if "product" in discussion:
        return Product.objects.filter(external_id=discussion["product"]).first()
    return Topic.objects.filter(slug=discussion["topic"]).first()


def ensure_thread(run, target, comments, people):
    saved = {}
    for data in comments:
        user = people[data["by"]]
        comment = comments_on(target).filter(user=user, comment=data["text"]).first()
        if comment is None:
            parent = saved.get(data.get("reply_to"))
            comment = Comment(
                content_object=target,
                site_id=settings.SITE_ID,
                user=user,
                user_name=public_name(user),
                user_email=user.email,
                comment=data["text"],
                submit_date=data["at"],
                parent_id=parent.pk if parent else 0,
                is_public=True,
            )
            comment.save()
            run.record("comment")
        if "key" in data:
            saved[data["key"]] = comment
        for kind, emails in data.get("reactions", {}).items():
            for email in emails:
                __, created = Reaction.objects.get_or_create(
                    comment=comment, user=people[email], kind=kind
                )
                if created:
                    run.record("reaction")
