"""The demo blog's posts from June to August."""

import datetime

from .writing import Picture, gallery, heading, html, image, quote, text, video

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
]
