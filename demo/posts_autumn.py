"""The demo blog's posts from September to November."""

import datetime

from .writing import Picture, heading, html, image, quote, text

POSTS = [
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
