"""The demo shop's people, producers and stories, built by `load_demo`.

Each thing is looked up by its slug (or name) first and only created when it is
missing, so a second run changes nothing.
"""

import datetime
from dataclasses import dataclass
from html import escape

from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.rich_text import RichText

from home.demo_images import PORTRAIT_SIZE
from home.text import german_slug

from .models import (
    Author,
    BlogCategory,
    BlogIndexPage,
    BlogPage,
    BlogPageAuthor,
    BlogPageProducer,
    Certification,
    ProducerPage,
    ProducerPageGalleryImage,
    ProducersIndexPage,
)


@dataclass(frozen=True)
class Picture:
    """A demo illustration and how a post describes it."""

    title: str
    kind: str
    alt: str
    caption: str = ""


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def text(*paragraphs):
    return (
        "paragraph",
        RichText("".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)),
    )


def html(source):
    return ("paragraph", RichText(source))


def quote(words, who=""):
    return ("quote", {"text": words, "attribution": who})


def image(picture):
    return ("image", picture)


def gallery(title, *pictures):
    return ("gallery", {"title": title, "images": list(pictures)})


def video(url, title, caption=""):
    return ("video", {"url": url, "title": title, "caption": caption})


# --- people and labels ---------------------------------------------------------

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

CATEGORIES = [
    ("Neues vom Hof", "neues-vom-hof", "Was sich im Laden und auf dem Lindenhof tut."),
    ("Rezepte", "rezepte", "Einfache Gerichte mit dem, was gerade im Laden liegt."),
    (
        "Erzeuger & Herkunft",
        "erzeuger-herkunft",
        "Besuche bei den Höfen, Mühlen und Käsereien, von denen wir kaufen.",
    ),
    ("Saison", "saison", "Was gerade wächst, reift und geerntet wird."),
]

CERTIFICATIONS = [
    (
        "EU-Bio",
        "DE-ÖKO-039",
        "Erzeugt nach der EU-Öko-Verordnung und jedes Jahr von einer staatlich "
        "zugelassenen Kontrollstelle geprüft; die Nummer nennt die Kontrollstelle.",
    ),
    (
        "Demeter",
        "",
        "Biodynamische Landwirtschaft nach den Richtlinien des Demeter-Verbands: "
        "strenger als EU-Bio, mit eigenen Tieren und Futter vom eigenen Hof.",
    ),
    (
        "Bioland",
        "",
        "Ökologischer Landbau nach den Richtlinien des Bioland-Verbands, mit "
        "Kreislaufwirtschaft und artgerechter Tierhaltung.",
    ),
    (
        "Naturland",
        "",
        "Ökologischer Landbau nach den Richtlinien des Naturland-Verbands, ergänzt "
        "um soziale Regeln für faire Arbeit auf dem Hof.",
    ),
]

INDEXES = {
    "blog": {
        "title": "Blog",
        "intro": (
            "<p>Geschichten aus dem Laden und von den Höfen, Rezepte für die "
            "Woche und was gerade Saison hat – aufgeschrieben von den Menschen "
            "hinter der Theke.</p>"
        ),
    },
    "producers": {
        "title": "Erzeuger",
        "intro": (
            "<p>Von diesen Höfen, Mühlen und Käsereien kommt, was in unseren Regalen "
            "liegt. Wir haben alle besucht, die meisten mehr als einmal.</p>"
        ),
    },
}

# --- producers -----------------------------------------------------------------

PRODUCERS = [
    {
        "slug": "hofkaeserei-wendt",
        "title": "Hofkäserei Wendt",
        "place": "Wendtshagen",
        "region": "Uckermark",
        "since": 1994,
        "summary": (
            "Vierzig Kühe, eine Käserei im alten Pferdestall und Käse, der bis zu "
            "zwei Jahre reift: Familie Wendt macht aus Heumilch Bergkäse, Quark und "
            "Butter."
        ),
        "what_they_make": (
            "Uckermärker Bergkäse, sechs bis vierundzwanzig Monate gereift; "
            "Wiesenkäse mit Bockshornklee; frischer Quark, Joghurt, Süßrahmbutter "
            "und Buttermilch."
        ),
        "how_they_produce": (
            "Die Kühe, Braunvieh und Jersey, stehen von April bis November auf der "
            "Weide und fressen im Winter Heu von den eigenen Wiesen, keine Silage. "
            "Die Milch wird noch am Morgen verkäst, mit Lab und hofeigenen Kulturen. "
            "Die Laibe reifen im Gewölbekeller und werden zweimal pro Woche von Hand "
            "gewendet und mit Salzlake gebürstet."
        ),
        "certifications": ["EU-Bio", "Demeter"],
        "hero": Picture(
            "Braunvieh auf der Weide der Hofkäserei Wendt",
            "cows",
            "Braune und weiße Kühe grasen auf einer hügeligen Weide vor Feldern.",
        ),
        "gallery": [
            Picture(
                "Bergkäse aus dem Reifekeller",
                "cheese",
                "Ein großer Käselaib und ein angeschnittenes Stück Bergkäse auf "
                "einem Holzbrett.",
                "Der Bergkäse reift mindestens sechs Monate.",
            ),
            Picture(
                "Milch und junger Käse der Hofkäserei",
                "milk",
                "Zwei Milchflaschen und ein kleiner Käselaib auf einem Holztisch.",
                "Heumilch, morgens gemolken und am selben Tag verkäst.",
            ),
            Picture(
                "Abendlicht über den Wiesen von Wendtshagen",
                "landscape",
                "Hügel, Felder und Bäume im warmen Abendlicht.",
                "Von diesen Wiesen kommt das Winterheu.",
            ),
        ],
        "story": [
            heading("Vom Pferdestall zur Käserei"),
            text(
                "Als Marlene und Uwe Wendt 1994 den Hof übernahmen, standen im Stall "
                "zwölf Kühe, und die Milch holte zweimal die Woche ein Tankwagen ab. "
                "Der Preis reichte kaum für das Futter. Marlene hatte im Allgäu "
                "gelernt, wie man Käse macht, und baute im leeren Pferdestall eine "
                "kleine Käserei: ein Kessel, zwei Pressen, ein Keller.",
                "Heute melken die Wendts vierzig Kühe und verarbeiten jeden Liter "
                "selbst. Tochter Paula hat die Käserei übernommen, Uwe kümmert sich "
                "um Weiden und Heu.",
            ),
            quote(
                "Guter Käse braucht drei Dinge: gutes Gras, saubere Hände und Geduld. "
                "Am schwersten ist die Geduld.",
                "Paula Wendt",
            ),
            heading("Heu statt Silage"),
            text(
                "Im Winter bekommen die Kühe nur Heu, das im Sommer auf den eigenen "
                "Wiesen gemacht wird. Das ist mehr Arbeit als Silage, aber die Milch "
                "bleibt frei von Buttersäurebakterien, und nur so kann der Käse "
                "lange reifen, ohne aufzublähen. Man schmeckt es: Der alte Bergkäse "
                "ist nussig, mit kleinen Kristallen, die auf der Zunge knirschen.",
            ),
            image(
                Picture(
                    "Käselaibe auf dem Brett der Hofkäserei",
                    "cheese",
                    "Ein Käselaib mit Naturrinde, daneben ein Stück mit kleinen "
                    "Löchern.",
                    "Jeder Laib trägt das Datum, an dem er gemacht wurde.",
                )
            ),
            heading("Der Keller"),
            text(
                "Der Gewölbekeller unter dem Wohnhaus hält das ganze Jahr über zwölf "
                "Grad. Dort liegen bis zu neunhundert Laibe auf Fichtenbrettern. "
                "Zweimal pro Woche werden sie gewendet und mit Salzlake gebürstet, "
                "damit die Rinde gleichmäßig wächst. Bei uns an der Theke gibt es den "
                "Bergkäse in drei Altersstufen zum Probieren.",
            ),
        ],
        "visiting": (
            "<p>Hofverkauf freitags 14–18 Uhr und samstags 9–12 Uhr. "
            "Käsereiführungen am ersten Samstag im Monat um 10 Uhr, bitte telefonisch "
            "anmelden.</p><ul><li>Anfahrt über die B109, in Wendtshagen am Dorfteich "
            "links</li><li>Parkplätze direkt am Hof</li></ul>"
        ),
        "website": "https://kaeserei-wendt.example.org",
    },
    {
        "slug": "kranichmuehle",
        "title": "Kranichmühle",
        "place": "Buchenhagen",
        "region": "Uckermark",
        "since": 1871,
        "summary": (
            "Eine Wassermühle von 1871, die noch mahlt: Familie Sommer vermahlt "
            "Roggen, Dinkel und Weizen von Höfen aus der Nachbarschaft und backt "
            "daraus Sauerteigbrot im Holzofen."
        ),
        "what_they_make": (
            "Roggen-, Dinkel- und Weizenmehl aus Steinmahlung, Schrot und Flocken; "
            "Roggenmischbrot, Dinkelvollkornbrot und Sonntagsbrötchen aus dem "
            "Holzofen."
        ),
        "how_they_produce": (
            "Das Getreide kommt von fünf Bioland-Höfen im Umkreis von dreißig "
            "Kilometern. Gemahlen wird auf Natursteinen, langsam und kühl, damit das "
            "Mehl sein Aroma behält. Die Brote gehen mit Sauerteig bis zu "
            "vierundzwanzig Stunden und backen im holzbefeuerten Steinofen."
        ),
        "certifications": ["EU-Bio", "Bioland"],
        "hero": Picture(
            "Mehlsack und Weizenähren in der Kranichmühle",
            "grain",
            "Ein Mehlsack mit der Aufschrift Mehl Type 1150 neben einem Bund "
            "Weizenähren.",
        ),
        "gallery": [
            Picture(
                "Holzofenbrote der Kranichmühle",
                "bread",
                "Mehrere runde und längliche Brote auf einem Holzbrett.",
                "Freitags ist Backtag.",
            ),
            Picture(
                "Roggenfelder rund um Buchenhagen",
                "landscape",
                "Streifen von reifem Getreide auf sanften Hügeln unter blauem Himmel.",
                "Der Roggen wächst keine zehn Kilometer von der Mühle entfernt.",
            ),
        ],
        "story": [
            heading("Ein Mühlrad, vier Generationen"),
            text(
                "Seit 1871 dreht sich an der Kranichmühle das Wasserrad, nur "
                "zwischen 1972 und 1991 stand es still. Karl Sommer, Urenkel des "
                "ersten Müllers, hat die Mühle nach der Wende mit seinem Vater "
                "Stein für Stein wieder in Gang gebracht. Heute mahlt sie an vier "
                "Tagen in der Woche, gerade so viel, wie in einer Woche verbacken "
                "und verkauft wird.",
            ),
            quote(
                "Mehl ist ein Lebensmittel, kein Pulver. Frisch gemahlen riecht es "
                "nach Heu und Nüssen, nach drei Monaten im Regal nach gar nichts.",
                "Karl Sommer",
            ),
            text(
                "Im Holzofen neben der Mühle backt Karls Frau Ines jeden Freitag "
                "rund dreihundert Brote. Sie heizt um vier Uhr früh an, um sieben "
                "kommen die ersten Laibe heraus. Einen Teil bringt Henning noch am "
                "Vormittag zu uns in den Laden.",
            ),
            image(
                Picture(
                    "Brote aus dem Holzofen der Kranichmühle",
                    "bread",
                    "Runde und längliche Sauerteigbrote mit Mehlstaub auf einem Brett.",
                    "Roggenmischbrot und Dinkelvollkornbrot, frisch aus dem Ofen.",
                )
            ),
        ],
        "visiting": (
            "<p>Mühlenladen Mittwoch bis Samstag 8–12 Uhr, freitags mit frischem "
            "Brot. Am Pfingstmontag ist Deutscher Mühlentag mit Führungen.</p>"
            "<ul><li>Mit dem Rad: am Uckerseen-Radweg ausgeschildert</li></ul>"
        ),
        "website": "https://kranichmuehle.example.org",
    },
    {
        "slug": "gaertnerhof-sandkamp",
        "title": "Gärtnerhof Sandkamp",
        "place": "Seewalde",
        "region": "Uckermark",
        "since": 2011,
        "summary": (
            "Zwei Gärtnerinnen, drei Hektar, über sechzig Gemüsesorten: Auf dem "
            "Gärtnerhof Sandkamp wächst, was wir frisch verkaufen, vom ersten Spinat "
            "bis zum letzten Grünkohl."
        ),
        "what_they_make": (
            "Saisongemüse in über sechzig Sorten, darunter alte Tomaten-, Möhren- "
            "und Bohnensorten; Salate, Kräuter, Kartoffeln und Kürbisse; im Frühjahr "
            "Jungpflanzen für den eigenen Garten."
        ),
        "how_they_produce": (
            "Ohne Pestizide und ohne Kunstdünger, mit Kompost, Gründüngung und "
            "einer Fruchtfolge über sieben Jahre. Viele Sorten sind samenfest, einen "
            "Teil des Saatguts gewinnen die beiden selbst. Geerntet wird morgens, "
            "und was wir bestellen, liegt am Nachmittag im Laden."
        ),
        "certifications": ["EU-Bio", "Naturland"],
        "hero": Picture(
            "Gemüsekiste vom Gärtnerhof Sandkamp",
            "vegetables",
            "Eine Holzkiste mit Tomaten, Roter Bete und Kohl, davor Möhren und ein "
            "Kürbis.",
        ),
        "gallery": [
            Picture(
                "Beete und Felder am Gärtnerhof Sandkamp",
                "landscape",
                "Felder in Streifen auf sanften Hügeln, am Rand eine Baumreihe.",
                "Drei Hektar, sieben Schläge, jedes Jahr eine andere Kultur.",
            ),
            Picture(
                "Kürbisernte auf dem Gärtnerhof",
                "pumpkins",
                "Orange, gelbe und helle Kürbisse in einer Reihe auf einem Tisch.",
                "Hokkaido, Butternut und Muskat aus dem letzten Herbst.",
            ),
        ],
        "story": [
            heading("Zwei Gärtnerinnen und ein Sandboden"),
            text(
                "Jule Sandkamp und Merve Aksoy haben sich in der Gärtnerlehre "
                "kennengelernt. 2011 pachteten sie drei Hektar Sandboden am Rand "
                "von Seewalde, der zwanzig Jahre brach gelegen hatte. Das erste Jahr "
                "ernteten sie vor allem Quecke.",
                "Heute wachsen dort über sechzig Gemüsesorten, und der Humusgehalt "
                "des Bodens hat sich in zehn Jahren fast verdoppelt. Das haben die "
                "beiden nicht geschätzt, sondern messen lassen.",
            ),
            quote(
                "Sandboden verzeiht nichts. Aber er bringt einem bei, auf jeden "
                "Krümel Humus aufzupassen.",
                "Jule Sandkamp",
            ),
            image(
                Picture(
                    "Frisch geerntetes Gemüse aus Seewalde",
                    "vegetables",
                    "Möhren mit Grün, Rote Bete und Tomaten vor einer Holzkiste.",
                    "Morgens geerntet, nachmittags im Laden.",
                )
            ),
            heading("Samenfeste Sorten"),
            text(
                "Die meisten Tomaten und Bohnen auf dem Gärtnerhof sind samenfest: "
                "Aus ihren Samen wachsen wieder dieselben Pflanzen. Jule und Merve "
                "nehmen jedes Jahr von den besten Pflanzen Saatgut ab. So passen "
                "sich die Sorten langsam an den trockenen Boden und die kurzen "
                "Sommer der Uckermark an.",
            ),
        ],
        "visiting": (
            "<p>Hofstand samstags 9–13 Uhr, von Mai bis Oktober. An drei "
            "Mitgärtnertagen im Jahr kann jeder mithelfen; die Termine stehen im "
            "Blog.</p>"
        ),
        "website": "https://gaertnerhof-sandkamp.example.org",
    },
    {
        "slug": "schaeferei-hollerbusch",
        "title": "Schäferei Hollerbusch",
        "place": "Oderwiesen",
        "region": "Unteres Odertal",
        "since": 2003,
        "summary": (
            "Rund sechshundert Schafe pflegen Trockenrasen und Deiche im Unteren "
            "Odertal. Schäfer Tobias Hollerbusch verkauft Lamm, Wurst und Wolle, "
            "und jedes Tier hat vorher Naturschutz gemacht."
        ),
        "what_they_make": (
            "Fleisch vom Weidelamm (Keule, Schulter, Rücken, Hack), Lammbratwurst, "
            "Lammsalami und Lammschinken; Schaffelle und Wolle."
        ),
        "how_they_produce": (
            "Die Schafe, Rauhwollige Pommersche Landschafe und Merinos, ziehen das "
            "ganze Jahr über Hänge und Deiche, im Auftrag des Nationalparks. Im "
            "Winter gibt es Heu. Geschlachtet wird in einer kleinen Landfleischerei "
            "fünfzehn Kilometer vom Hof, ohne lange Transporte; die Wurst macht der "
            "Fleischer nach Hollerbuschs Rezept."
        ),
        "certifications": ["EU-Bio", "Bioland"],
        "hero": Picture(
            "Schafherde auf den Oderhängen",
            "sheep",
            "Weiße Schafe mit dunklen Köpfen grasen auf einer Wiese vor Feldern "
            "und Hügeln.",
        ),
        "gallery": [
            Picture(
                "Schafe am Deich bei Oderwiesen",
                "sheep",
                "Eine kleine Schafherde auf einer grünen Wiese, dahinter Bäume.",
                "Im Frühsommer sind die Lämmer schon mit auf der Weide.",
            ),
            Picture(
                "Trockenrasen über dem Odertal",
                "landscape",
                "Weite, hügelige Landschaft mit Feldern und einzelnen Bäumen.",
                "Ohne Beweidung würden die Hänge in wenigen Jahren verbuschen.",
            ),
        ],
        "story": [
            heading("Ein Schäfer im Nationalpark"),
            text(
                "Tobias Hollerbusch kam 2003 mit dreißig Schafen und einem alten "
                "Bauwagen ins Odertal. Der Nationalpark suchte jemanden, der die "
                "Trockenrasen an den Hängen offen hält: Dort wachsen "
                "Adonisröschen, Federgras und Orchideen, die Sonne brauchen. Ohne "
                "Tiere, die fressen und trampeln, wachsen die Hänge mit Schlehen und "
                "Robinien zu.",
            ),
            quote(
                "Meine Schafe sind die günstigsten Landschaftspfleger, die der Park "
                "hat. Sie arbeiten bei jedem Wetter und beschweren sich nie.",
                "Tobias Hollerbusch",
            ),
            text(
                "Heute sind es rund sechshundert Tiere in drei Herden. Hütehunde "
                "Alma und Fritz helfen beim Umtrieb, im Sommer kommt eine "
                "Praktikantin dazu. Die Lämmer wachsen langsam, auf der Weide und "
                "mit der Mutter, und werden erst nach sechs bis acht Monaten "
                "geschlachtet.",
            ),
            image(
                Picture(
                    "Weidelämmer der Schäferei Hollerbusch",
                    "sheep",
                    "Schafe und Lämmer auf einer Weide in der Morgensonne.",
                    "Die Lämmer bleiben den ganzen Sommer bei ihren Müttern.",
                )
            ),
        ],
        "visiting": (
            "<p>Die Herden ziehen; wo sie gerade stehen, sagt Tobias am Telefon. "
            "Lammfleisch gibt es bei uns im Laden auf Vorbestellung, Wurst und "
            "Salami das ganze Jahr.</p>"
        ),
        "website": "https://schaeferei-hollerbusch.example.org",
    },
]

# --- posts ---------------------------------------------------------------------

POSTS = [
    {
        "slug": "zu-besuch-in-der-hofkaeserei-wendt",
        "title": "Zu Besuch in der Hofkäserei Wendt",
        "date": datetime.date(2026, 6, 12),
        "intro": (
            "Um halb sechs ist die Milch im Kessel, um zehn liegen die Laibe in der "
            "Presse: Ein Morgen mit Paula Wendt, die unseren Bergkäse macht."
        ),
        "hero": Picture(
            "Bergkäse am Morgen in Wendtshagen",
            "cheese",
            "Ein großer Käselaib, ein angeschnittenes Käsestück und Trauben auf "
            "einem Holzbrett.",
        ),
        "authors": ["jonas-albrecht", "greta-lindner"],
        "producers": ["hofkaeserei-wendt"],
        "categories": ["erzeuger-herkunft"],
        "tags": ["Käse", "Weidehaltung", "Hofbesuch"],
        "body": [
            text(
                "Wer Paula Wendt bei der Arbeit zusehen will, muss früh aufstehen. "
                "Als wir um halb sechs auf den Hof fahren, ist die Morgenmilch schon "
                "im Kessel, vierhundert Liter, noch warm von den Kühen. Paula rührt "
                "mit einer langen Kelle und misst alle paar Minuten die Temperatur. "
                "Bei zweiunddreißig Grad kommt das Lab dazu, dann wird es still in "
                "der Käserei.",
                "Nach vierzig Minuten ist die Milch dick geworden. Paula schneidet "
                "die Gallerte mit der Käseharfe in Körner, so groß wie Weizenkörner. "
                "Je kleiner die Körner, desto mehr Molke tritt aus und desto härter "
                "wird der Käse. Für den Bergkäse werden sie sehr klein geschnitten "
                "und langsam auf dreiundfünfzig Grad erhitzt.",
            ),
            heading("Warum die Kühe Heu fressen"),
            text(
                "Die vierzig Kühe der Wendts stehen von April bis November auf der "
                "Weide hinter dem Hof. Im Winter fressen sie Heu, keine Silage. Das "
                "ist teurer und macht viel mehr Arbeit, aber ohne Heumilch könnte "
                "der Käse nicht zwei Jahre reifen: In Silage stecken Bakterien, die "
                "einen langen Reifeprozess verderben.",
                "Uwe Wendt zeigt uns die Wiesen, auf denen im Juni das Heu gemacht "
                "wird. Zwanzig verschiedene Gräser und Kräuter zählen wir auf einem "
                "Quadratmeter, darunter Wiesensalbei und Rotklee. Man riecht sie "
                "später im Käse, sagt er, und wir glauben es ihm.",
            ),
            image(
                Picture(
                    "Kühe der Hofkäserei Wendt auf der Sommerweide",
                    "cows",
                    "Braune und gefleckte Kühe auf einer grünen Weide, dahinter "
                    "Felder und ein Hof.",
                    "Von April bis November sind die Kühe draußen.",
                )
            ),
            quote(
                "Wir machen nicht mehr Käse, als der Keller fassen kann. Wachsen "
                "heißt bei uns: besser werden, nicht größer.",
                "Paula Wendt",
            ),
            heading("Im Keller"),
            text(
                "Unter dem Wohnhaus liegt der Gewölbekeller, zwölf Grad, hohe "
                "Luftfeuchtigkeit. Hier reifen bis zu neunhundert Laibe. Paula "
                "klopft mit dem Knöchel gegen einen Laib und hört, ob er innen "
                "gleichmäßig ist. Jeder Laib wird zweimal pro Woche gewendet und mit "
                "Salzlake gebürstet. Das macht sie von Hand, seit zehn Jahren.",
                "Für die Theke nehmen wir drei Altersstufen mit: den jungen "
                "Bergkäse nach sechs Monaten, mild und cremig; den mittelalten nach "
                "zwölf Monaten; und den alten nach zwei Jahren, mit kleinen "
                "Kristallen und einem Geschmack nach gerösteten Nüssen. Probieren "
                "Sie alle drei nebeneinander – dann verstehen Sie, was Zeit mit "
                "Käse macht.",
            ),
            gallery(
                "Ein Morgen in Wendtshagen",
                Picture(
                    "Frische Heumilch aus Wendtshagen",
                    "milk",
                    "Zwei Milchflaschen und ein junger Käse auf einem Holztisch.",
                    "Die Morgenmilch wird sofort verkäst.",
                ),
                Picture(
                    "Gereifter Bergkäse aus dem Gewölbekeller",
                    "cheese",
                    "Ein gereifter Käselaib mit Naturrinde auf einem Brett.",
                    "Nach zwei Jahren im Keller.",
                ),
                Picture(
                    "Heuwiesen hinter dem Hof Wendt",
                    "landscape",
                    "Sanfte Hügel mit Wiesen und Feldern im Morgenlicht.",
                    "Hier wächst das Winterfutter.",
                ),
            ),
        ],
    },
    {
        "slug": "dreiundzwanzig-tomatensorten",
        "title": "Dreiundzwanzig Tomatensorten und ein Tunnel voller Geduld",
        "date": datetime.date(2026, 6, 30),
        "intro": (
            "Auf dem Gärtnerhof Sandkamp reifen gerade die ersten Tomaten. Warum "
            "Jule und Merve lieber alte Sorten anbauen, auch wenn sie weniger tragen."
        ),
        "hero": Picture(
            "Tomaten und Rote Bete in der Gemüsekiste",
            "vegetables",
            "Eine Holzkiste mit Tomaten und Roter Bete, davor Möhren mit Grün.",
        ),
        "authors": ["henning-brandt"],
        "producers": ["gaertnerhof-sandkamp"],
        "categories": ["saison", "erzeuger-herkunft"],
        "tags": ["Gemüse", "Sommer", "Tomaten"],
        "body": [
            text(
                "Im Folientunnel des Gärtnerhofs Sandkamp ist es Ende Juni schon "
                "morgens um acht warm. Zwischen den Reihen hängen die ersten reifen "
                "Früchte: rote, gelbe, fast schwarze, gestreifte. Dreiundzwanzig "
                "Tomatensorten bauen Jule Sandkamp und Merve Aksoy in diesem Jahr an, "
                "und fast alle sind samenfest.",
                "Samenfest heißt: Aus den Kernen einer reifen Tomate wächst im "
                "nächsten Jahr wieder dieselbe Sorte. Bei den meisten Sorten im "
                "Supermarkt ist das anders. Sie sind Hybriden, gezüchtet für hohe "
                "Erträge und lange Transporte, und ihre Samen bringen keine "
                "verlässlichen Pflanzen hervor.",
            ),
            heading("Weniger Ertrag, mehr Geschmack"),
            text(
                "Die alten Sorten tragen weniger, manche nur halb so viel. Sie "
                "platzen leichter und halten sich nicht drei Wochen im Kühlregal. "
                "Dafür schmecken sie nach Tomate. Merve schneidet uns eine "
                "Ochsenherz auf, dann eine kleine gelbe Birnentomate, dann eine "
                "dunkle Krim. Jede schmeckt anders: süß, säuerlich, fast rauchig.",
                "Jedes Jahr suchen die beiden die kräftigsten Pflanzen aus und "
                "nehmen von ihnen Saatgut ab. So passen sich die Sorten Stück für "
                "Stück an den Sandboden und die kühlen Nächte der Uckermark an. "
                "Nach zehn Jahren, sagt Jule, sind das ihre eigenen Tomaten.",
            ),
            quote(
                "Eine Tomate, die man nicht transportieren kann, muss man eben in der "
                "Nähe essen. Dafür gibt es ja euren Laden.",
                "Merve Aksoy",
            ),
            image(
                Picture(
                    "Der Gärtnerhof Sandkamp im Frühsommer",
                    "landscape",
                    "Gemüsefelder in Streifen auf sanften Hügeln unter blauem Himmel.",
                    "Die Tunnel stehen am Hang, geschützt vor dem Westwind.",
                )
            ),
            heading("Was Sie jetzt bei uns finden"),
            text(
                "Bis Anfang Oktober bekommen wir zweimal pro Woche Tomaten aus "
                "Seewalde, immer gemischt. Legen Sie sie nicht in den Kühlschrank: "
                "Unter zwölf Grad verlieren Tomaten ihr Aroma. Am besten liegen sie "
                "auf dem Küchentisch, mit dem Stielansatz nach unten.",
                "Und wenn Sie eine Sorte besonders mögen, sagen Sie es uns an der "
                "Theke. Jule und Merve wollen wissen, welche Tomaten im nächsten "
                "Jahr wieder in die Erde kommen sollen.",
            ),
        ],
    },
    {
        "slug": "kalte-gurkensuppe-mit-buttermilch",
        "title": "Kalte Gurkensuppe mit Buttermilch und Dill",
        "date": datetime.date(2026, 7, 17),
        "intro": (
            "Zu heiß zum Kochen? Diese Suppe braucht keinen Herd, nur einen Mixer, "
            "frische Gurken und die Buttermilch aus Wendtshagen."
        ),
        "hero": Picture(
            "Gurkensuppe im tiefen Teller",
            "soup",
            "Ein Teller mit grüner Suppe auf einem Holztisch, daneben ein Löffel "
            "und ein kariertes Tuch.",
        ),
        "authors": ["aylin-demir"],
        "producers": ["gaertnerhof-sandkamp", "hofkaeserei-wendt"],
        "categories": ["rezepte", "saison"],
        "tags": ["Rezept", "Sommer", "Gemüse"],
        "body": [
            text(
                "Im Juli essen wir mittags am Hofladentisch am liebsten etwas "
                "Kaltes. Diese Suppe hat meine Großmutter in Izmir jeden Sommer "
                "gemacht, mit Joghurt. Ich nehme Buttermilch von der Hofkäserei "
                "Wendt, die ist leichter und ein bisschen säuerlicher. Die Gurken "
                "kommen vom Gärtnerhof Sandkamp, am besten die kleinen, festen "
                "Schälgurken.",
            ),
            heading("Zutaten für vier Personen"),
            html(
                "<ul><li>2 Schälgurken (etwa 800 g)</li><li>500 ml Buttermilch</li>"
                "<li>150 g Joghurt</li><li>1 kleine Knoblauchzehe</li>"
                "<li>1 Bund Dill</li><li>2 Stiele Minze</li>"
                "<li>2 EL Rapsöl aus der Uckermark</li>"
                "<li>Salz, Pfeffer, ein Spritzer Zitrone</li>"
                "<li>eine Handvoll Walnüsse zum Bestreuen</li></ul>"
            ),
            heading("So geht es"),
            html(
                "<ol><li>Die Gurken schälen, der Länge nach halbieren und die Kerne "
                "mit einem Teelöffel herauskratzen. Ein Viertel einer Gurke in "
                "feine Würfel schneiden und beiseitelegen.</li>"
                "<li>Den Rest grob schneiden und mit Buttermilch, Joghurt, "
                "Knoblauch, dem größten Teil des Dills und den Minzblättern fein "
                "pürieren.</li><li>Mit Salz, Pfeffer und Zitrone abschmecken. Die "
                "Suppe soll frisch und kräftig schmecken; kalte Speisen brauchen "
                "mehr Salz als warme.</li><li>Mindestens eine Stunde kalt stellen. "
                "Vor dem Servieren noch einmal umrühren.</li><li>In tiefe Teller "
                "füllen, mit Gurkenwürfeln, gehackten Walnüssen, dem übrigen Dill "
                "und ein paar Tropfen Rapsöl anrichten.</li></ol>"
            ),
            image(
                Picture(
                    "Buttermilch und Milch aus der Hofkäserei",
                    "milk",
                    "Zwei Milchflaschen und ein Käse auf einem Holztisch.",
                    "Die Buttermilch aus Wendtshagen gibt es bei uns im Kühlregal.",
                )
            ),
            heading("Tipps aus der Hofladenküche"),
            text(
                "Die Suppe schmeckt am zweiten Tag noch besser, wenn sich Dill und "
                "Knoblauch verbunden haben. Sie hält sich im Kühlschrank gut drei "
                "Tage. Wer es sättigender mag, gibt gekochte, kalte Kartoffelwürfel "
                "oder ein paar Löffel Graupen dazu.",
                "Statt Walnüssen passen geröstete Sonnenblumenkerne. Und wenn Sie "
                "keinen Mixer haben: Reiben Sie die Gurken grob und rühren Sie alles "
                "zusammen. Dann ist es keine glatte Suppe mehr, sondern eher ein "
                "kalter Eintopf – das schmeckt genauso gut.",
                "Dazu essen wir ein Stück Roggenbrot aus der Kranichmühle mit "
                "Butter und grobem Salz. Mehr braucht es an einem heißen Tag nicht.",
            ),
        ],
    },
    {
        "slug": "wie-unser-roggen-zu-mehl-wird",
        "title": "Wie unser Roggen zu Mehl wird",
        "date": datetime.date(2026, 8, 7),
        "intro": (
            "Die Ernte ist eingefahren, in der Kranichmühle laufen die Steine. "
            "Henning war dabei, als der neue Roggen zum ersten Mal gemahlen wurde."
        ),
        "hero": Picture(
            "Frisch gemahlenes Roggenmehl in der Kranichmühle",
            "grain",
            "Ein Mehlsack neben einem Bund Getreideähren und verstreuten Körnern.",
        ),
        "authors": ["henning-brandt"],
        "producers": ["kranichmuehle"],
        "categories": ["erzeuger-herkunft"],
        "tags": ["Brot", "Getreide", "Handwerk"],
        "body": [
            text(
                "Anfang August riecht es in Buchenhagen nach Stroh und Staub. Die "
                "fünf Höfe, die an die Kranichmühle liefern, haben ihren Roggen "
                "gedroschen, und Karl Sommer prüft jede Fuhre, bevor sie in den "
                "Silo kommt: Feuchtigkeit, Fallzahl, Geruch. Was zu feucht ist, "
                "muss erst auf den Trockenboden.",
            ),
            heading("Langsam und kühl"),
            text(
                "Die Kranichmühle mahlt auf Natursteinen, so wie vor hundertfünfzig "
                "Jahren. Der obere Stein dreht sich, der untere liegt still, "
                "dazwischen wird das Korn zerrieben. Karl lässt die Steine langsam "
                "laufen. Schnell laufende Walzen in großen Mühlen werden heiß, und "
                "Wärme zerstört einen Teil der Aromen und Fette im Keim.",
                "Nach dem Mahlen wird gesiebt. Für das Roggenmehl Type 1150 bleibt "
                "ein großer Teil der Schale im Mehl. Es ist dunkler, kräftiger und "
                "braucht einen Sauerteig, damit das Brot locker wird. Wer mag, "
                "bekommt bei uns auch Vollkornmehl, in dem das ganze Korn steckt.",
            ),
            video(
                "https://www.youtube.com/watch?v=Kranich1871",
                "Ein Tag in der Kranichmühle",
                "Vom Getreidesilo bis zum Mehlsack in vier Minuten. Das Video lädt "
                "erst, wenn Sie es starten.",
            ),
            heading("Warum frisches Mehl besser ist"),
            text(
                "Mehl altert. In den ersten Wochen nach dem Mahlen reagiert es noch "
                "mit Luft, danach verliert es langsam an Geschmack. Deshalb mahlt "
                "Karl nur so viel, wie in ein, zwei Wochen verkauft wird. Bei uns im "
                "Laden steht auf jedem Sack das Mahldatum.",
                "Bewahren Sie Mehl kühl, trocken und dunkel auf, am besten in einem "
                "Glas oder einer Dose. Vollkornmehl hält sich etwa drei Monate, "
                "helles Mehl länger.",
            ),
            image(
                Picture(
                    "Roggenbrote aus der Backstube der Mühle",
                    "bread",
                    "Runde und längliche Brote auf einem Holzbrett, daneben "
                    "Getreideähren.",
                    "Aus dem neuen Roggen backt Ines Sommer ab nächster Woche.",
                )
            ),
            text(
                "Und der neue Roggen? Karl ist zufrieden. Der Sommer war trocken, "
                "die Körner sind klein, aber gesund. Das erste Brot aus der neuen "
                "Ernte gibt es ab Mitte August freitags bei uns an der Theke.",
            ),
        ],
    },
    {
        "slug": "sauerteig-zu-hause",
        "title": "Sauerteig zu Hause: unser Grundrezept",
        "date": datetime.date(2026, 8, 28),
        "intro": (
            "Ein Roggenmischbrot aus drei Zutaten und etwas Geduld. So backen Sie "
            "mit Mehl aus der Kranichmühle Ihr erstes Sauerteigbrot."
        ),
        "hero": Picture(
            "Sauerteigbrote auf dem Küchenbrett",
            "bread",
            "Ein rundes und ein längliches Brot mit Mehlstaub auf einem Holzbrett.",
        ),
        "authors": ["aylin-demir", "greta-lindner"],
        "producers": ["kranichmuehle"],
        "categories": ["rezepte"],
        "tags": ["Brot", "Sauerteig", "Rezept"],
        "body": [
            text(
                "Seit wir das Mehl der Kranichmühle verkaufen, fragen uns Kundinnen "
                "und Kunden nach einem Rezept für zu Hause. Hier ist unseres. Es ist "
                "nicht das schnellste, aber es gelingt auch beim ersten Mal, und es "
                "braucht keine besonderen Geräte: eine Schüssel, ein Küchentuch und "
                "einen Topf mit Deckel.",
            ),
            heading("Der Sauerteig"),
            text(
                "Einen Sauerteig können Sie selbst ansetzen: Jeden Tag 50 Gramm "
                "Roggenvollkornmehl und 50 Gramm lauwarmes Wasser verrühren und zu "
                "dem vom Vortag geben, fünf Tage lang, immer zugedeckt bei "
                "Zimmertemperatur. Riecht er mild säuerlich und wirft Blasen, ist "
                "er fertig. Schneller geht es mit einem Löffel Anstellgut: Den "
                "geben wir Ihnen an der Theke gern mit, fragen Sie einfach.",
            ),
            heading("Zutaten für ein Brot"),
            html(
                "<ul><li>100 g aktiver Roggensauerteig</li>"
                "<li>300 g Roggenmehl Type 1150</li>"
                "<li>200 g Weizenmehl Type 1050</li>"
                "<li>370 ml lauwarmes Wasser</li><li>11 g Salz</li>"
                "<li>nach Belieben 1 TL Kümmel oder Brotgewürz</li></ul>"
            ),
            heading("Schritt für Schritt"),
            html(
                "<ol><li>Am Abend Sauerteig, Mehl und Wasser in einer großen "
                "Schüssel verrühren, bis kein trockenes Mehl mehr zu sehen ist. "
                "Roggenteig klebt, das ist richtig so.</li>"
                "<li>Eine halbe Stunde ruhen lassen, dann das Salz einarbeiten.</li>"
                "<li>Zugedeckt zwölf bis vierzehn Stunden bei Zimmertemperatur "
                "gehen lassen. Der Teig soll sein Volumen fast verdoppeln.</li>"
                "<li>Mit nassen Händen zu einem Laib formen und in ein bemehltes "
                "Gärkörbchen oder eine mit Tuch ausgelegte Schüssel legen. Eine "
                "Stunde gehen lassen.</li><li>Einen gusseisernen Topf mit Deckel "
                "im Ofen auf 250 Grad vorheizen.</li><li>Den Laib in den heißen "
                "Topf stürzen, Deckel drauf, 20 Minuten backen. Dann ohne Deckel "
                "bei 210 Grad weitere 35 Minuten.</li><li>Auf einem Gitter "
                "vollständig auskühlen lassen, mindestens drei Stunden.</li></ol>"
            ),
            quote(
                "Das Schwerste am Sauerteigbrot ist, es nicht warm anzuschneiden.",
                "Ines Sommer, Kranichmühle",
            ),
            image(
                Picture(
                    "Mehl und Ähren für das Sauerteigbrot",
                    "grain",
                    "Ein Mehlsack mit der Aufschrift Type 1150 und Getreideähren.",
                    "Roggenmehl Type 1150 aus der Kranichmühle.",
                )
            ),
            heading("Wenn etwas schiefgeht"),
            text(
                "Ist das Brot innen feucht und klebrig, war es zu kurz im Ofen oder "
                "wurde zu früh angeschnitten. Ist es flach und breit gelaufen, war "
                "der Teig zu lange in der Gare; beim nächsten Mal eine Stunde "
                "früher formen. Ist es sehr sauer, war der Sauerteig zu alt oder "
                "die Küche zu kühl.",
                "Bringen Sie Ihr Brot ruhig mit in den Laden. Aylin schaut es sich "
                "gern an, und meistens hat sie eine Idee, woran es lag.",
            ),
        ],
    },
    {
        "slug": "schafe-als-landschaftspfleger",
        "title": "Schafe als Landschaftspfleger im Odertal",
        "date": datetime.date(2026, 9, 11),
        "intro": (
            "Warum der Nationalpark Unteres Odertal einen Schäfer braucht, und was "
            "Adonisröschen mit unserer Lammbratwurst zu tun haben."
        ),
        "hero": Picture(
            "Schafherde im Unteren Odertal",
            "sheep",
            "Eine Herde weißer Schafe mit dunklen Köpfen auf einer Wiese vor "
            "Feldern und Hügeln.",
        ),
        "authors": ["greta-lindner"],
        "producers": ["schaeferei-hollerbusch"],
        "categories": ["erzeuger-herkunft"],
        "tags": ["Weidehaltung", "Lamm", "Naturschutz"],
        "body": [
            text(
                "Die Hänge über der Oder gehören zu den trockensten Orten "
                "Deutschlands. Im Sommer fallen hier manchmal wochenlang keine "
                "Tropfen. Trotzdem, oder gerade deshalb, wachsen dort Pflanzen, die "
                "es sonst nur in den Steppen Osteuropas gibt: Federgras, "
                "Adonisröschen, Steppen-Salbei. Sie brauchen Sonne und offenen "
                "Boden. Sobald Büsche aufkommen, verschwinden sie.",
                "Damit das nicht passiert, ziehen Tobias Hollerbuschs Schafe über "
                "die Hänge. Sie fressen Gras und junge Triebe, sie treten den Boden "
                "auf, und in ihrer Wolle tragen sie Samen von einem Hang zum "
                "nächsten. Kein Mähwerk kann das.",
            ),
            quote(
                "Ein Schaf frisst nicht einfach alles ab. Es sucht sich aus, was es "
                "mag, und lässt den Rest stehen. Genau diese Unordnung macht die "
                "Wiesen so reich.",
                "Tobias Hollerbusch",
            ),
            heading("Ein Jahr mit der Herde"),
            text(
                "Im März kommen die Lämmer zur Welt, im Stall am Hof in Oderwiesen. "
                "Im April ziehen die Herden auf die Hänge, dann auf die Deiche und "
                "im Hochsommer auf die Polderwiesen an der Oder, wenn das Wasser "
                "zurückgegangen ist. Im Winter stehen die Schafe auf den hofnahen "
                "Weiden und bekommen Heu.",
                "Tobias und seine Hunde sind jeden Tag draußen. Die Zäune werden "
                "alle paar Tage umgesteckt, damit keine Fläche zu stark und keine "
                "zu wenig beweidet wird. Welche Fläche wann dran ist, plant er mit "
                "den Biologinnen des Nationalparks.",
            ),
            image(
                Picture(
                    "Trockenhänge über der Oder",
                    "landscape",
                    "Sanfte, trockene Hügel mit Feldern und einzelnen Bäumen unter "
                    "weitem Himmel.",
                    "Auf diesen Hängen blüht im April das Adonisröschen.",
                )
            ),
            heading("Und das Fleisch?"),
            text(
                "Die Lämmer wachsen auf der Weide und bei ihren Müttern, langsam. "
                "Geschlachtet werden sie nach sechs bis acht Monaten in einer "
                "kleinen Landfleischerei, fünfzehn Kilometer vom Hof entfernt. "
                "Das Fleisch ist dunkler und kräftiger als das von Mastlämmern, "
                "aber nicht streng.",
                "Bei uns gibt es Lammbratwurst und Salami das ganze Jahr, frisches "
                "Fleisch von September bis Dezember auf Vorbestellung. Wer Lamm "
                "von Tobias kauft, bezahlt auch ein Stück Naturschutz. Das finden "
                "wir einen guten Handel.",
            ),
        ],
    },
    {
        "slug": "hoffest-am-3-oktober",
        "title": "Hoffest am 3. Oktober: Kommen Sie vorbei!",
        "date": datetime.date(2026, 9, 25),
        "intro": (
            "Unsere Erzeuger kommen an einem Tag auf den Lindenhof: mit Käse, Brot, "
            "Gemüse und Schafen. Ein Programm für alle, die wissen wollen, woher "
            "ihr Essen kommt."
        ),
        "hero": Picture(
            "Der Lindenhof im Herbstlicht",
            "landscape",
            "Hügelige Landschaft mit Feldern, Bäumen und einer roten Scheune im "
            "Abendlicht.",
        ),
        "authors": ["greta-lindner"],
        "producers": [
            "hofkaeserei-wendt",
            "kranichmuehle",
            "gaertnerhof-sandkamp",
            "schaeferei-hollerbusch",
        ],
        "categories": ["neues-vom-hof"],
        "tags": ["Hoffest", "Veranstaltung", "Herbst"],
        "body": [
            text(
                "Jedes Jahr am Tag der Deutschen Einheit feiern wir auf dem "
                "Lindenhof Erntedank. In diesem Jahr kommen alle vier Höfe, deren "
                "Geschichten Sie hier im Blog lesen können, mit an den Hof. Sie "
                "können die Menschen kennenlernen, die Ihren Käse machen, Ihr Mehl "
                "mahlen und Ihr Gemüse ziehen – und ihnen alle Fragen stellen, die "
                "Sie schon immer hatten.",
            ),
            heading("Das Programm"),
            html(
                "<ul><li><b>10 Uhr:</b> Der Hof öffnet, Frühstück am langen Tisch "
                "mit Brot aus der Kranichmühle</li><li><b>11 Uhr:</b> Käse-"
                "Verkostung mit Paula Wendt und Jonas: drei Bergkäse, drei "
                "Altersstufen</li><li><b>12 Uhr:</b> Tobias Hollerbusch zeigt mit "
                "seinen Hunden, wie eine Herde gehütet wird</li><li><b>13 Uhr:</b> "
                "Kürbissuppe und Lammbratwurst vom Grill</li><li><b>14 Uhr:</b> "
                "Saatgut tauschen mit Jule und Merve vom Gärtnerhof Sandkamp</li>"
                "<li><b>15 Uhr:</b> Kinder backen Stockbrot am Feuer</li>"
                "<li><b>17 Uhr:</b> Ende mit Apfelkuchen</li></ul>"
            ),
            text(
                "Der Eintritt ist frei. Für Essen und Getränke stellen wir eine "
                "Spendenkasse auf; was zusammenkommt, geht in diesem Jahr an die "
                "Streuobstwiese der Grundschule in Kleinlinden.",
            ),
            image(
                Picture(
                    "Äpfel von der Streuobstwiese",
                    "apples",
                    "Rote und grüne Äpfel in einer Keramikschale auf einem Holztisch.",
                    "Für den Apfelkuchen sammeln wir auf der Streuobstwiese.",
                )
            ),
            heading("Anreise"),
            text(
                "Der Lindenhof liegt am Ortsrand von Kleinlinden, zwei Kilometer "
                "vom Bahnhof. Von dort fährt am Festtag jede halbe Stunde unser "
                "Hofanhänger, gezogen vom alten Traktor. Mit dem Fahrrad erreichen "
                "Sie uns über den Uckerseen-Radweg. Parkplätze gibt es auf der Wiese "
                "hinter der Scheune, bitte folgen Sie den Schildern.",
                "Hunde sind willkommen, aber bitte an der Leine: Die Schafe sind "
                "auch da.",
            ),
            quote(
                "Einmal im Jahr sitzen alle an einem Tisch: die, die das Essen "
                "machen, und die, die es essen. Das ist für mich der schönste Tag "
                "im Laden.",
                "Greta Lindner",
            ),
        ],
    },
    {
        "slug": "was-der-oktober-bringt",
        "title": "Kürbis, Kohl und Wurzeln: Was der Oktober bringt",
        "date": datetime.date(2026, 10, 9),
        "intro": (
            "Die Tomaten sind vorbei, jetzt kommen die Lagergemüse. Was gerade vom "
            "Gärtnerhof Sandkamp kommt und wie Sie es durch den Winter bringen."
        ),
        "hero": Picture(
            "Kürbisse aus Seewalde",
            "pumpkins",
            "Mehrere Kürbisse in Orange, Gelb und Hellgrau nebeneinander auf einem "
            "Holztisch.",
        ),
        "authors": ["henning-brandt"],
        "producers": ["gaertnerhof-sandkamp"],
        "categories": ["saison"],
        "tags": ["Herbst", "Gemüse", "Kürbis"],
        "body": [
            text(
                "Der Oktober ist auf dem Gärtnerhof Sandkamp der Monat der großen "
                "Ernten. Bevor der erste Frost kommt, muss alles vom Feld, was "
                "lagern soll: Kürbisse, Möhren, Rote Bete, Sellerie, Pastinaken. "
                "Jule und Merve ernten in diesen Wochen von morgens bis abends, und "
                "wir bekommen jeden Tag volle Kisten.",
            ),
            heading("Kürbisse"),
            text(
                "In diesem Jahr gibt es sieben Sorten, vom kleinen Hokkaido bis zum "
                "großen Muskatkürbis. Hokkaido kann man mit Schale essen, beim "
                "Butternut lohnt sich das Schälen. Ganze Kürbisse halten sich an "
                "einem kühlen, trockenen Ort monatelang, aber nicht im Keller, wenn "
                "er feucht ist.",
                "Ein Tipp von Merve: Kürbisse nie am Stiel tragen. Bricht der Stiel "
                "ab, fault der Kürbis an dieser Stelle.",
            ),
            heading("Wurzeln und Knollen"),
            text(
                "Möhren, Rote Bete, Pastinaken und Petersilienwurzeln schmecken im "
                "Herbst am süßesten, weil die Pflanzen bei kühlen Nächten Stärke in "
                "Zucker umwandeln. Schneiden Sie das Grün zu Hause ab, sonst zieht "
                "es Wasser aus der Wurzel. Im Gemüsefach, in ein feuchtes Tuch "
                "gewickelt, bleiben sie zwei, drei Wochen knackig.",
            ),
            image(
                Picture(
                    "Herbstgemüse in der Kiste",
                    "vegetables",
                    "Eine Holzkiste mit Roter Bete, Kohl und Tomaten, davor "
                    "Möhren und ein Kürbis.",
                    "Die letzten Tomaten und die ersten Lagergemüse in einer Kiste.",
                )
            ),
            heading("Kohl"),
            text(
                "Weißkohl und Rotkohl kommen jetzt, Wirsing und Spitzkohl auch. Der "
                "Grünkohl muss noch warten: Er wird erst nach dem ersten Frost "
                "geerntet, dann schmeckt er milder. Henning wettet jedes Jahr mit "
                "Jule, wann es so weit ist. Bisher hat er immer verloren.",
                "Was wir nicht frisch verkaufen, kochen wir ein: Rote Bete wird "
                "eingelegt, Kürbis zu Chutney, aus den krummen Möhren wird Suppe "
                "für den Hofladentisch. Weggeworfen wird bei uns fast nichts.",
            ),
        ],
    },
    {
        "slug": "lammschulter-mit-wurzelgemuese",
        "title": "Lammschulter mit Wurzelgemüse aus dem Ofen",
        "date": datetime.date(2026, 10, 23),
        "intro": (
            "Ein Sonntagsessen, das sich fast von selbst macht: Lamm von der "
            "Schäferei Hollerbusch, vier Stunden im Ofen, mit Möhren, Pastinaken "
            "und Roter Bete."
        ),
        "hero": Picture(
            "Lammschulter mit Ofengemüse",
            "stew",
            "Ein Teller mit einem Schmorgericht auf einem Holztisch, daneben ein "
            "Löffel und ein Tuch.",
        ),
        "authors": ["aylin-demir"],
        "producers": ["schaeferei-hollerbusch", "gaertnerhof-sandkamp"],
        "categories": ["rezepte", "saison"],
        "tags": ["Lamm", "Herbst", "Rezept"],
        "body": [
            text(
                "Die Schulter ist das unterschätzte Stück vom Lamm. Sie hat mehr "
                "Fett und Bindegewebe als die Keule, und genau das macht sie beim "
                "langen Schmoren so saftig. Am Ende fällt das Fleisch fast von "
                "selbst vom Knochen. Sie brauchen dafür vor allem Zeit, die meiste "
                "davon verbringt der Braten allein im Ofen.",
            ),
            heading("Zutaten für vier bis sechs Personen"),
            html(
                "<ul><li>1 Lammschulter mit Knochen (etwa 1,8 kg)</li>"
                "<li>4 Knoblauchzehen</li><li>2 Zweige Rosmarin, 4 Zweige "
                "Thymian</li><li>600 g Möhren</li><li>400 g Pastinaken</li>"
                "<li>3 Rote Bete</li><li>2 rote Zwiebeln</li>"
                "<li>300 ml trockener Rotwein oder Brühe</li>"
                "<li>Rapsöl, Salz, Pfeffer</li></ul>"
            ),
            heading("Zubereitung"),
            html(
                "<ol><li>Die Schulter eine Stunde vorher aus dem Kühlschrank nehmen. "
                "Mit einem spitzen Messer rundherum kleine Taschen einstechen und "
                "Knoblauchscheiben und Rosmarinnadeln hineinstecken. Kräftig "
                "salzen und pfeffern.</li><li>Den Ofen auf 160 Grad Ober- und "
                "Unterhitze vorheizen.</li><li>Das Gemüse schälen und in große "
                "Stücke schneiden, die Zwiebeln vierteln. Alles in einen Bräter "
                "geben, mit Öl und Salz mischen, den Thymian darauflegen.</li>"
                "<li>Die Schulter auf das Gemüse legen, Wein angießen, den Bräter "
                "mit Deckel oder Alufolie verschließen.</li><li>Dreieinhalb "
                "Stunden schmoren. Dann den Deckel abnehmen, die Hitze auf 200 Grad "
                "erhöhen und noch 30 Minuten bräunen lassen.</li><li>Das Fleisch "
                "zehn Minuten ruhen lassen, dann mit zwei Gabeln zupfen und mit dem "
                "Gemüse und dem Bratensaft servieren.</li></ol>"
            ),
            image(
                Picture(
                    "Wurzelgemüse für den Schmorbraten",
                    "vegetables",
                    "Möhren, Rote Bete und Kohl in und vor einer Holzkiste.",
                    "Möhren, Pastinaken und Rote Bete vom Gärtnerhof Sandkamp.",
                )
            ),
            heading("Was dazu passt"),
            text(
                "Ein Stück Roggenbrot zum Auftunken, ein grüner Salat mit Senf-"
                "Vinaigrette, mehr braucht es nicht. Was übrig bleibt, schmeckt am "
                "nächsten Tag im Fladenbrot mit Joghurt und roten Zwiebeln.",
                "Lammschulter von Tobias Hollerbusch gibt es bei uns von September "
                "bis Dezember. Bestellen Sie bitte bis Mittwoch, dann liegt sie am "
                "Samstag für Sie bereit.",
            ),
            quote(
                "Eine gute Schulter braucht keinen Koch, nur einen Ofen und einen "
                "freien Nachmittag.",
                "Aylin Demir",
            ),
        ],
    },
    {
        "slug": "mehrweg-an-der-theke",
        "title": "Mehrweg an der Theke: Bringen Sie Ihre Dose mit",
        "date": datetime.date(2026, 11, 13),
        "intro": (
            "Ab sofort packen wir Käse, Wurst und Aufschnitt in Ihre eigenen Dosen. "
            "Und für Honig und Eingemachtes gibt es Pfandgläser."
        ),
        "hero": Picture(
            "Eingemachtes in Pfandgläsern",
            "preserves",
            "Gläser mit Marmelade in Rot und Violett mit Etiketten auf einem "
            "Holztisch.",
        ),
        "authors": ["jonas-albrecht", "greta-lindner"],
        "producers": ["hofkaeserei-wendt"],
        "categories": ["neues-vom-hof"],
        "tags": ["Mehrweg", "Nachhaltigkeit", "Käse"],
        "body": [
            text(
                "Jede Woche gehen bei uns an der Theke ein paar hundert Bögen "
                "Käsepapier über den Tresen. Das Papier ist beschichtet, damit der "
                "Käse nicht austrocknet, und lässt sich deshalb nicht recyceln. Das "
                "hat uns lange gestört. Seit diesem Monat gibt es eine Alternative: "
                "Bringen Sie Ihre eigene Dose mit.",
            ),
            heading("So funktioniert es"),
            text(
                "Stellen Sie Ihre saubere Dose auf das Tablett auf der Theke. Wir "
                "wiegen sie leer, legen Käse oder Wurst hinein und ziehen das "
                "Gewicht der Dose ab. Die Dose kommt nicht hinter die Theke, so "
                "bleiben die Hygieneregeln eingehalten. Jede Dose mit Deckel ist "
                "recht, ob aus Glas, Edelstahl oder Kunststoff.",
                "Wer keine dabei hat, kann bei uns eine Edelstahldose für fünf Euro "
                "Pfand mitnehmen und beim nächsten Einkauf zurückgeben.",
            ),
            quote(
                "Käse mag es übrigens gar nicht, luftdicht eingeschlossen zu sein. "
                "Legen Sie ein Stück Bienenwachstuch oder Backpapier mit in die "
                "Dose, dann kann er atmen.",
                "Jonas Albrecht",
            ),
            heading("Pfandgläser für Honig und Eingemachtes"),
            text(
                "Honig, Marmelade, Chutneys und eingelegtes Gemüse gibt es bei uns "
                "jetzt in Pfandgläsern mit dreißig Cent Pfand. Bringen Sie die "
                "Gläser gespült zurück, mit oder ohne Deckel. Wir sammeln sie und "
                "geben sie an die Imkerei und an den Gärtnerhof zurück, die sie neu "
                "befüllen.",
                "In den ersten zwei Wochen sind schon über vierhundert Gläser "
                "zurückgekommen. Danke dafür!",
            ),
            image(
                Picture(
                    "Eier aus Freilandhaltung in der Schale",
                    "eggs",
                    "Braune und weiße Eier in einer Keramikschale auf einem Holztisch.",
                    "Eierkartons nehmen wir auch zurück, sie werden wieder befüllt.",
                )
            ),
            text(
                "Und noch etwas: Eierkartons können Sie ebenfalls zurückbringen. "
                "Unser Eierhof nimmt sie gern, solange sie sauber und trocken sind. "
                "Kleine Schritte, aber zusammen ergeben sie einen großen: Seit "
                "Jahresbeginn haben wir unseren Verpackungsmüll um ein Drittel "
                "verringert.",
            ),
        ],
    },
]

# --- building ------------------------------------------------------------------

PUBLISHED_AT = datetime.time(8, 30)


def build_blog_demo(run):
    """Create the demo's authors, labels, sections, producers and posts if missing."""
    authors = ensure_authors(run)
    categories = ensure_categories(run)
    certifications = ensure_certifications(run)
    blog = ensure_index(run, BlogIndexPage, "blog")
    producers_index = ensure_index(run, ProducersIndexPage, "producers")
    producers = ensure_producers(run, producers_index, certifications)
    ensure_posts(run, blog, authors, categories, producers)


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


def ensure_categories(run):
    existing = {category.slug: category for category in BlogCategory.objects.all()}
    for name, slug, description in CATEGORIES:
        if slug not in existing:
            existing[slug] = BlogCategory.objects.create(
                name=name, slug=slug, description=description
            )
            run.record("category", "categories")
    return existing


def ensure_certifications(run):
    existing = {label.name: label for label in Certification.objects.all()}
    for name, code, description in CERTIFICATIONS:
        if name not in existing:
            existing[name] = Certification.objects.create(
                name=name, code=code, description=description
            )
            run.record("certification")
    return existing


def ensure_index(run, model, slug):
    """The one section of type `model`, created under the home page if missing."""
    index = model.objects.first()
    if index is None:
        index = model(slug=slug, show_in_menus=True, **INDEXES[slug])
        run.home.add_child(instance=index)
        index.save_revision().publish()
        run.record("section")
    return index


def ensure_producers(run, index, certifications):
    existing = {
        page.slug: page for page in ProducerPage.objects.child_of(index).specific()
    }
    for data in PRODUCERS:
        if data["slug"] in existing:
            continue
        data = dict(data)
        hero = data.pop("hero")
        photos = data.pop("gallery")
        labels = data.pop("certifications")
        page = ProducerPage(
            hero_image=run.image(hero.title, hero.kind),
            hero_alt=hero.alt,
            **{**data, "story": resolve_blocks(run, data["story"])},
        )
        page.certifications = [certifications[name] for name in labels]
        page.gallery_images = [
            ProducerPageGalleryImage(
                image=run.image(photo.title, photo.kind),
                alt=photo.alt,
                caption=photo.caption,
                sort_order=position,
            )
            for position, photo in enumerate(photos)
        ]
        index.add_child(instance=page)
        page.save_revision().publish()
        existing[page.slug] = page
        run.record("producer")
    return existing


def ensure_posts(run, blog, authors, categories, producers):
    existing = set(BlogPage.objects.child_of(blog).values_list("slug", flat=True))
    for data in POSTS:
        if data["slug"] in existing:
            continue
        hero = data["hero"]
        page = BlogPage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            date=data["date"],
            hero_image=run.image(hero.title, hero.kind),
            hero_alt=hero.alt,
            body=resolve_blocks(run, data["body"]),
        )
        page.categories = [categories[slug] for slug in data["categories"]]
        page.tags.add(*tags_named(data["tags"]))
        page.post_authors = [
            BlogPageAuthor(author=authors[slug], sort_order=position)
            for position, slug in enumerate(data["authors"])
        ]
        page.post_producers = [
            BlogPageProducer(producer=producers[slug], sort_order=position)
            for position, slug in enumerate(data["producers"])
        ]
        blog.add_child(instance=page)
        page.save_revision().publish()
        # The story was written on its date; let the history say so too.
        published = timezone.make_aware(
            datetime.datetime.combine(data["date"], PUBLISHED_AT)
        )
        BlogPage.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published
        )
        run.record("post")


def tags_named(names):
    """Tags by name, created with slugs that stay within the ASCII URL pattern."""
    tags = []
    for name in names:
        tag = Tag.objects.filter(name=name).first()
        if tag is None:
            tag = Tag.objects.create(name=name, slug=german_slug(name))
        tags.append(tag)
    return tags


def resolve_blocks(run, blocks):
    """Swap the Pictures in a list of blocks for Wagtail images."""
    resolved = []
    for block_type, value in blocks:
        if block_type == "image":
            value = picture_value(run, value)
        elif block_type == "gallery":
            value = {
                "title": value["title"],
                "images": [picture_value(run, picture) for picture in value["images"]],
            }
        resolved.append((block_type, value))
    return resolved


def picture_value(run, picture):
    return {
        "image": run.image(picture.title, picture.kind),
        "alt": picture.alt,
        "caption": picture.caption,
    }
