"""Words the large demo puts together: titles, intros, paragraphs and comments
that read like the shop's, and the names of its readers."""

SUBJECTS = [
    "Sauerteig",
    "Bergkäse",
    "Weidemilch",
    "Dinkelbrot",
    "Apfelernte",
    "Kürbissuppe",
    "Rapsöl",
    "Lindenhonig",
    "Hofeier",
    "Rinderbraten",
    "Holundersirup",
    "Grünkohl",
    "Spargel",
    "Erdbeeren",
    "Ziegenkäse",
    "Kartoffeln",
]
ANGLES = [
    "Was Sie über {} wissen sollten",
    "{} aus der Region",
    "Ein Besuch bei den Leuten hinter dem {}",
    "Drei Rezepte mit {}",
    "Warum unser {} anders schmeckt",
    "{} im Wandel der Jahreszeiten",
    "Neu an der Theke: {}",
    "Fragen und Antworten rund um {}",
]
SENTENCES = [
    "Danke für den Bericht, das wusste ich noch nicht.",
    "Wir haben das Rezept am Wochenende ausprobiert und es war großartig.",
    "Gibt es das auch in einer kleineren Packung?",
    "Bei uns hat es etwas länger gedauert als beschrieben.",
    "Ich kaufe seit Jahren bei euch und bin immer zufrieden.",
    "Kann man das auch einfrieren?",
    "Wie lange hält sich das im Kühlschrank?",
    "Der Hof ist einen Ausflug wert, wir waren im Sommer dort.",
    "Mit etwas mehr Salz schmeckt es mir noch besser.",
    "Meine Kinder essen es am liebsten zum Frühstück.",
    "Ist das auch für Menschen mit Laktoseintoleranz geeignet?",
    "Schön, dass ihr die Erzeuger so vorstellt.",
    "Wann gibt es das wieder im Laden?",
    "Ich habe statt Butter Rapsöl genommen, klappt auch.",
    "Siehe auch https://example.org/rezepte für eine Variante.",
    "Das Brot war nach zwei Tagen noch saftig.",
]
INTROS = [
    "Eine Geschichte aus dem Laden und von den Höfen, die ihn beliefern.",
    "Was gerade Saison hat und wie wir es am liebsten essen.",
    "Ein Besuch bei den Menschen, von denen wir kaufen.",
    "Fragen von der Theke, aufgeschrieben und beantwortet.",
]
PARAGRAPHS = [
    "Früh am Morgen ist es im Laden noch still, nur die Brote duften schon.",
    "Der Hof liegt eine halbe Stunde von uns entfernt, mitten in den Wiesen.",
    "Wer einmal gesehen hat, wie viel Arbeit darin steckt, kauft anders ein.",
    "Die Tiere stehen von Frühjahr bis Herbst draußen auf der Weide.",
    "Wir haben nachgefragt, probiert und uns alles zeigen lassen.",
    "Im Herbst kommt das Meiste direkt vom Feld in die Kisten an der Theke.",
]
MEMBER_FIRST = ["Anna", "Jonas", "Mia", "Lukas", "Emma", "Paul", "Lea", "Ben"]
MEMBER_LAST = ["Becker", "Hoffmann", "Schulz", "Wagner", "Koch", "Richter", "Wolf"]
