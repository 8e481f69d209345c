import pytest
from django.template import Context, Template
from django.urls import reverse
from wagtail import hooks

from home.search import (
    MAX_QUERY_LENGTH,
    SearchResult,
    build_query,
    clean_query,
    query_terms,
    spellings,
)
from tests.factories import (
    AuthorFactory,
    BlogPageFactory,
    ProducerPageFactory,
    build_site,
    make_draft,
    make_private,
    paragraph,
)

SEARCH_URL = reverse("search")


def search(client, query, **params):
    response = client.get(SEARCH_URL, {"q": query, **params})
    assert response.status_code == 200
    return response


def titles(response):
    return [result.title for result in response.context["search_results"]]


@pytest.fixture
def site(db):
    return build_site()


@pytest.fixture
def cheese_post(site):
    _, blog, _ = site
    return BlogPageFactory(
        parent=blog,
        title="Neues aus der Käserei",
        intro="Was im Frühjahr in die Theke kommt.",
        body=[paragraph("Ab Mai gibt es wieder Ziegenkäse vom Hof Lindenau.")],
        authors=[AuthorFactory(name="Greta Hansen")],
    )


# The query and its words


def test_clean_query_drops_control_characters_and_caps_the_length():
    assert clean_query("  Käse\x00 \u202e vom   Hof\n") == "Käse vom Hof"
    assert len(clean_query("x" * 10_000)) == MAX_QUERY_LENGTH


def test_query_terms_keep_words_and_drop_operators_punctuation_and_repeats():
    assert query_terms('"Käse" OR *Brot* AND NOT käse\'s <script>') == [
        "käse",
        "or",
        "brot",
        "and",
        "not",
        "s",
        "script",
    ]
    assert query_terms("🧀 ‮ \"' *") == []


def test_spellings_cover_umlauts_written_out_and_sharp_s():
    assert set(spellings("ziegenkaese")) == {"ziegenkaese", "ziegenkäse"}
    assert set(spellings("käse")) == {"käse", "kaese"}
    assert set(spellings("straße")) == {"straße", "strasse"}
    assert "straße" in spellings("strasse")


def test_build_query_is_none_without_words():
    assert build_query([]) is None


# Finding posts and producers


def test_a_post_is_found_by_a_german_word_in_its_body(client, cheese_post):
    response = search(client, "Ziegenkäse")
    assert titles(response) == ["Neues aus der Käserei"]


@pytest.mark.parametrize("query", ["ziegenkäse", "ZIEGENKÄSE", "Ziegenkaese"])
def test_search_ignores_case_and_accepts_umlauts_written_out(
    client, cheese_post, query
):
    assert titles(search(client, query)) == ["Neues aus der Käserei"]


def test_search_ignores_a_missing_umlaut(client, cheese_post):
    # SQLite's tokenizer folds accents and PostgreSQL's German stemmer reduces
    # "ziegenkäse" and "ziegenkase" alike.
    assert titles(search(client, "ziegenkase")) == ["Neues aus der Käserei"]


def test_a_word_finds_longer_words_that_start_with_it(client, site):
    _, blog, _ = site
    BlogPageFactory(
        parent=blog,
        title="Sortenkunde",
        body=[paragraph("Unsere Käsesorten im Überblick.")],
    )
    assert titles(search(client, "Käse")) == ["Sortenkunde"]


def test_every_word_of_the_query_must_match(client, cheese_post):
    assert titles(search(client, "Ziegenkäse Lindenau")) == ["Neues aus der Käserei"]
    assert titles(search(client, "Ziegenkäse Sauerteig")) == []


def test_whole_word_matches_come_before_prefix_matches(client, site):
    _, blog, _ = site
    BlogPageFactory(
        parent=blog,
        title="Sortenkunde",
        body=[paragraph("Unsere Brotsorten und Brotlaibe.")],
    )
    BlogPageFactory(parent=blog, title="Brot vom Bäcker", body=[paragraph("Brot.")])
    assert titles(search(client, "Brot")) == ["Brot vom Bäcker", "Sortenkunde"]


def test_a_producer_is_found_and_labelled_as_producer(client, site):
    _, _, producers = site
    ProducerPageFactory(
        parent=producers,
        title="Mühle am Bach",
        summary="Steingemahlenes Dinkelmehl aus der Uckermark.",
    )
    response = search(client, "Dinkelmehl")
    [result] = response.context["search_results"]
    assert result.title == "Mühle am Bach"
    assert result.kind == "producerpage"
    assert str(result.label) == "Erzeuger"
    assert result.date is None


def test_a_post_result_has_its_label_intro_date_and_link(client, cheese_post):
    response = search(client, "Ziegenkäse")
    [result] = response.context["search_results"]
    assert result.url == cheese_post.url
    assert result.summary == "Was im Frühjahr in die Theke kommt."
    assert result.date == cheese_post.date
    assert result.kind == "blogpage"
    assert result.url in response.text
    assert "Was im Frühjahr in die Theke kommt." in response.text


def test_the_home_page_itself_is_not_a_result(client, site):
    home, _, _ = site
    home.title = "Hofladen Lindenau"
    home.save_revision().publish()
    assert titles(search(client, "Hofladen")) == []


def test_drafts_and_private_pages_are_not_found(client, site):
    _, blog, producers = site
    make_draft(BlogPageFactory(parent=blog, body=[paragraph("Ziegenkäse im Entwurf")]))
    make_private(BlogPageFactory(parent=blog, body=[paragraph("Ziegenkäse intern")]))
    make_private(ProducerPageFactory(parent=producers, summary="Ziegenkäse intern"))
    assert titles(search(client, "Ziegenkäse")) == []


def test_the_index_follows_edits_without_a_rebuild(client, cheese_post):
    cheese_post.body = [paragraph("Jetzt mit Schafskäse.")]
    cheese_post.save_revision().publish()
    assert titles(search(client, "Schafskäse")) == ["Neues aus der Käserei"]
    assert titles(search(client, "Ziegenkäse")) == []


def test_an_unpublished_post_drops_out_of_the_results(client, cheese_post):
    make_draft(cheese_post)
    assert titles(search(client, "Ziegenkäse")) == []


# The results page


def test_an_empty_query_shows_a_prompt(client, site):
    response = search(client, "")
    assert response.context["result_count"] == 0
    assert "Was suchen Sie?" in response.text


def test_a_query_without_results_says_so(client, site):
    response = search(client, "Quarkbällchen")
    assert "haben wir nichts gefunden" in response.text
    assert "Quarkbällchen" in response.text


def search_in_english(client, query, **params):
    response = client.get(SEARCH_URL, {"q": query, **params}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response


def test_empty_and_fruitless_searches_offer_the_main_sections(client, site):
    _, blog, producers = site
    for section in (blog, producers):
        section.show_in_menus = True
        section.save_revision().publish()
    for query in ("", "Quarkbällchen"):
        text = search_in_english(client, query).text
        assert "Or have a look around" in text
        assert f'<a class="chip" href="{blog.url}">' in text
        assert f'<a class="chip" href="{producers.url}">' in text


def test_a_search_with_results_offers_no_detour(client, cheese_post):
    assert "Or have a look around" not in search_in_english(client, "Ziegenkäse").text


def test_a_fruitless_search_of_several_words_suggests_fewer_words(client, site):
    assert "Use fewer words" in search_in_english(client, "Quark Bällchen").text
    assert "Use fewer words" not in search_in_english(client, "Quarkbällchen").text


def test_later_result_pages_step_back_and_name_their_number(client, site):
    _, blog, _ = site
    for number in range(12):
        BlogPageFactory(parent=blog, title=f"Rezept {number}")
    first = search_in_english(client, "Rezept").text
    assert "page 1 of 2" in first
    assert "Next" in first and "Older" not in first
    second = search_in_english(client, "Rezept", page=2).text
    assert "<title>Search for “Rezept” – Page 2 – Theke</title>" in second
    assert 'rel="prev"' in second
    assert "Previous" in second and "Newer" not in second


def test_the_search_page_is_kept_out_of_search_engines(client, site):
    response = search(client, "Käse")
    assert '<meta name="robots" content="noindex">' in response.text


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "*",
        "OR",
        "AND NOT",
        "Käse AND NOT Brot",
        '"Käse',
        "Käse'",
        "\x00",
        "Käse\x00Brot",
        "🧀🥖",
        "\u202eesäK",
        "%",
        "100%",
        "\\",
        "a-b",
        "NEAR(käse brot)",
        "käse:*",
        "title:käse",
        "^käse",
        "!käse",
        "(käse",
        "und",
        "der die das",
        "a b c",
        "x" * 10_000,
        "Käse " * 2_000,
    ],
)
def test_odd_queries_give_a_page_not_an_error(client, cheese_post, query):
    response = search(client, query)
    assert response.context["search_query"] == clean_query(query)


def test_the_query_is_echoed_escaped(client, site):
    response = search(client, "<script>alert(1)</script>")
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_the_query_word_is_highlighted_in_title_and_summary(client, site):
    _, blog, _ = site
    BlogPageFactory(
        parent=blog,
        title="Käse aus der Region",
        intro="Zwölf Käsesorten von drei Höfen.",
    )
    response = search(client, "kaese")
    assert "<mark>Käse</mark> aus der Region" in response.text
    assert "Zwölf <mark>Käse</mark>sorten" in response.text


def test_results_are_paginated_and_page_links_keep_the_query(client, site):
    _, blog, _ = site
    for number in range(12):
        BlogPageFactory(parent=blog, title=f"Rezept {number}")
    first = search(client, "Rezept")
    assert first.context["result_count"] == 12
    assert len(titles(first)) == 10
    assert "q=Rezept&amp;page=2" in first.text
    second = search(client, "Rezept", page=2)
    assert len(titles(second)) == 2


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0"])
def test_a_bad_page_number_still_gives_results(client, cheese_post, page):
    response = search(client, "Ziegenkäse", page=page)
    assert titles(response) == ["Neues aus der Käserei"]


def test_other_apps_add_results_through_the_hook(client, cheese_post):
    def more_results(request, query):
        return [SearchResult(title=f"Produkt zu {query}", url="/p/1/", kind="product")]

    with hooks.register_temporarily("theke_search", more_results):
        response = search(client, "Ziegenkäse")
    assert titles(response) == ["Neues aus der Käserei", "Produkt zu Ziegenkäse"]


def test_the_hook_is_not_asked_without_words_to_search(client, site):
    asked = []

    def more_results(request, query):
        asked.append(query)
        return []

    with hooks.register_temporarily("theke_search", more_results):
        search(client, "***")
    assert asked == []


def test_search_queries_do_not_grow_with_the_number_of_results(
    client, site, django_assert_max_num_queries
):
    _, blog, producers = site
    author = AuthorFactory()
    for number in range(8):
        BlogPageFactory(parent=blog, title=f"Brot {number}", authors=[author])
        ProducerPageFactory(parent=producers, title=f"Brotbäcker {number}")
    search(client, "Brot")  # warm the site and settings caches
    with django_assert_max_num_queries(12):
        response = search(client, "Brot")
    assert response.context["result_count"] == 16


# The highlight filter


def render_highlight(text, query):
    template = Template("{% load search_tags %}{{ text|highlight:query }}")
    return template.render(Context({"text": text, "query": query}))


def test_highlight_marks_each_word_ignoring_case_and_umlaut_spelling():
    assert (
        render_highlight("Ziegenkäse und KÄSE vom Hof", "kaese hof")
        == "Ziegen<mark>käse</mark> und <mark>KÄSE</mark> vom <mark>Hof</mark>"
    )
    assert render_highlight("Frischer Kaese", "Käse") == "Frischer <mark>Kaese</mark>"
    assert render_highlight("Straße", "strasse") == "<mark>Straße</mark>"


def test_highlight_marks_short_words_only_at_a_word_start():
    assert render_highlight("Bananen an Land", "an") == "Bananen <mark>an</mark> Land"


def test_highlight_escapes_the_text_and_never_marks_inside_markup():
    assert (
        render_highlight("<b>Käse</b> & Brot", "käse")
        == "&lt;b&gt;<mark>Käse</mark>&lt;/b&gt; &amp; Brot"
    )
    assert render_highlight("a", '<script>"') == "a"  # a hostile query changes nothing


def test_highlight_of_html_marks_its_text_only():
    from django.utils.safestring import mark_safe

    html = mark_safe('<a href="/kaese/" title="Käse">Käse &amp; Brot</a>')
    assert render_highlight(html, "käse") == "<mark>Käse</mark> &amp; Brot"


def test_highlight_without_query_words_returns_the_escaped_text():
    assert render_highlight("Käse & Brot", "") == "Käse &amp; Brot"
    assert render_highlight(None, "käse") == ""
