import pytest

from home.text import fold_name, fold_words, german_slug, spell_out_umlauts


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Bergkäse", "bergkaese"),
        ("Öl aus Süßlupinen", "oel-aus-suesslupinen"),
        ("ÄPFEL  & Birnen!", "aepfel-birnen"),
        ("Crème fraîche", "creme-fraiche"),
    ],
)
def test_slugs_spell_umlauts_out(title, slug):
    assert german_slug(title) == slug


def test_slugs_are_cut_without_a_trailing_hyphen():
    assert german_slug("Käse vom Hof", max_length=6) == "kaese"


def test_umlauts_and_the_sharp_s_are_spelled_out_in_either_case():
    assert spell_out_umlauts("Straße, ÄÖÜ, äöü") == "Strasse, AeOeUe, aeoeue"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("KÄSE", "kaese"),
        ("Kä\u00adse", "kaese"),
        ("Ｋäse", "kaese"),
        ("Straẞe", "strasse"),
    ],
)
def test_words_fold_case_width_invisible_characters_and_umlauts(text, folded):
    assert fold_words(text) == folded


def test_names_fold_case_accents_and_punctuation():
    assert fold_name("  Greta-Lindnér!  ") == fold_name("greta lindner")
    assert fold_name("Greta_Lindner") == "greta lindner"
