"""The demo's producers: the farms, mill and dairy the shop buys from, with
their stories, pictures and certification labels."""

from blog.models import Certification, ProducerPage, ProducerPageGalleryImage

from .writing import (
    Picture,
    heading,
    image,
    quote,
    resolve_blocks,
    text,
)

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


def ensure_certifications(run):
    existing = {label.name: label for label in Certification.objects.all()}
    for name, code, description in CERTIFICATIONS:
        if name not in existing:
            existing[name] = Certification.objects.create(
                name=name, code=code, description=description
            )
            run.record("certification")
    return existing


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
