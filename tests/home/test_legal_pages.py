"""The legal notice and the privacy page: made from the shop's settings and the
declarations in the code, honest about what is missing, linked from every page."""

from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from wagtail.models import Site

from home import personal_data
from home.legal import missing_from_legal_notice, normalise_vat_id, validate_vat_id
from home.models import ShopSettings
from home.personal_data import Basis, PersonalData, Section
from tests.factories import build_site, member, staff, text_of

pytestmark = pytest.mark.django_db

IMPRESSUM = "/impressum/"
PRIVACY = "/privacy/"


@pytest.fixture
def shop():
    build_site()
    settings = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    settings.shop_name = "Metzgerei Huber"
    settings.street = "Marktplatz 4"
    settings.postal_code = "83022"
    settings.city = "Rosenheim"
    settings.phone = "08031 12345"
    settings.contact_email = "laden@huber.example"
    settings.save()
    return settings


@pytest.fixture
def complete(shop):
    """A company with everything the legal notice needs, and a bit more."""
    shop.operator_name = "Huber Fleisch- und Wurstwaren GmbH"
    shop.represented_by = "Josef Huber, Maria Huber"
    shop.register_court = "Amtsgericht Traunstein"
    shop.register_number = "HRB 4711"
    shop.vat_id = "DE123456789"
    shop.chamber = "Handwerkskammer für München und Oberbayern\nFleischermeister"
    shop.responsible_name = "Maria Huber"
    shop.privacy_email = "datenschutz@huber.example"
    shop.privacy_closing = "<p>Die Seite liegt bei Hostingfirma Beispiel.</p>"
    shop.save()
    return shop


@pytest.fixture
def staff_client(client):
    client.force_login(staff("Greta Lindner", superuser=True))
    return client


def get(client, url, language="de"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response


# The legal notice


def test_the_legal_notice_names_operator_register_vat_and_who_is_responsible(
    client, complete
):
    page = text_of(get(client, IMPRESSUM))

    for expected in (
        "Impressum",
        "Huber Fleisch- und Wurstwaren GmbH",
        "Metzgerei Huber",
        "Marktplatz 4",
        "83022 Rosenheim",
        "Vertreten durch: Josef Huber, Maria Huber",
        "Amtsgericht Traunstein",
        "HRB 4711",
        "DE123456789",
        "Handwerkskammer für München und Oberbayern",
        "§ 18 Abs. 2 MStV",
        "Maria Huber",
        "08031 12345",
        "laden@huber.example",
    ):
        assert expected in page, expected


def test_the_legal_notice_speaks_english_too(client, complete):
    page = text_of(get(client, IMPRESSUM, language="en"))

    assert "Legal notice" in page
    assert "Represented by: Josef Huber, Maria Huber" in page
    assert "Register court Amtsgericht Traunstein" in page


def test_the_operators_own_address_replaces_the_counters(client, complete):
    complete.operator_address = "Postfach 12 34\n83001 Rosenheim"
    complete.responsible_address = "Am Anger 2\n83022 Rosenheim"
    complete.save()

    html = get(client, IMPRESSUM).content.decode()

    assert "Postfach 12 34<br>83001 Rosenheim" in html
    assert "Maria Huber<br>Am Anger 2<br>83022 Rosenheim" in html
    operator = html.split('id="impressum-operator"')[1].split("</section>")[0]
    assert "Marktplatz 4" not in operator


def test_a_complete_legal_notice_tells_staff_nothing_is_missing(staff_client, complete):
    html = get(staff_client, IMPRESSUM).content.decode()

    assert missing_from_legal_notice(complete) == []
    assert "legal-missing" not in html


def test_staff_are_told_what_is_missing_and_where_to_fill_it_in(staff_client, shop):
    shop.operator_name = "Huber GmbH"
    shop.phone = ""
    shop.save()

    response = get(staff_client, IMPRESSUM)
    notice = response.content.decode().split('class="legal-missing"')[1]

    assert "Nur für das Team sichtbar" in notice
    assert "wer das Unternehmen vertritt" in notice
    assert "eine Telefonnummer" in notice
    assert "§ 18 Abs. 2 MStV" in notice
    assert 'href="/admin/settings/home/shopsettings/"' in notice


def test_visitors_see_no_notice_and_nothing_made_up(client, shop):
    shop.operator_name = ""
    shop.save()

    html = get(client, IMPRESSUM).content.decode()
    page = text_of(get(client, IMPRESSUM))

    assert "legal-missing" not in html
    assert "Anbieter" not in page
    assert "Vertreten durch" not in page
    assert "Marktplatz 4" in page
    assert "laden@huber.example" in page


def test_an_empty_shop_says_its_details_are_not_there_yet(client):
    build_site()

    page = text_of(get(client, IMPRESSUM))

    assert "Der Shop hat seine Angaben noch nicht eingetragen." in page


def test_members_who_are_not_staff_see_no_notice(client, shop):
    client.force_login(member("Jana Petersen"))

    html = get(client, IMPRESSUM).content.decode()

    assert "legal-missing" not in html


@pytest.mark.parametrize(
    ("operator", "legal_form", "company"),
    [
        ("Greta Lindner", "", False),
        ("Greta Lindner", "eingetragene Kauffrau", False),
        ("Lindenhof Hofladen GmbH", "", True),
        ("Hofladen Lindenhof", "GbR", True),
        ("Käserei Wendt UG (haftungsbeschränkt)", "", True),
        ("Förderverein Dorfladen e. V.", "", True),
        ("Agathe Agnes", "", False),
    ],
)
def test_a_company_needs_its_representatives_named(operator, legal_form, company):
    settings = ShopSettings(
        operator_name=operator,
        legal_form=legal_form,
        street="Am Lindenhof 3",
        postal_code="17268",
        city="Kleinlinden",
        phone="030 1234",
        contact_email="hallo@example.com",
        responsible_name="Greta Lindner",
    )

    missing = missing_from_legal_notice(settings)

    assert bool(missing) is company
    settings.represented_by = "Greta Lindner"
    assert missing_from_legal_notice(settings) == []


# VAT ID and register


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        ("DE123456789", "DE123456789"),
        ("de 123 456 789", "DE123456789"),
        ("DE-123.456.789", "DE123456789"),
        ("ATU12345678", "ATU12345678"),
        ("NL123456789B01", "NL123456789B01"),
        ("FR12345678901", "FR12345678901"),
        ("", ""),
    ],
)
def test_vat_ids_are_kept_as_the_tax_office_writes_them(shop, entered, stored):
    shop.vat_id = entered
    shop.full_clean()

    assert shop.vat_id == stored


@pytest.mark.parametrize(
    ("entered", "message"),
    [
        ("DE12345678", "neun Ziffern"),
        ("DE1234567890", "neun Ziffern"),
        ("DE12345678X", "neun Ziffern"),
        ("123456789", "Ländercode"),
        ("US123456789", "Ländercode"),
        ("AT", "Ländercode"),
    ],
)
def test_a_vat_id_that_cannot_be_one_is_refused_with_a_reason(entered, message):
    with pytest.raises(ValidationError) as refused:
        validate_vat_id(entered)

    assert message in " ".join(refused.value.messages)
    assert normalise_vat_id(entered) == entered.upper()


def test_register_court_and_number_come_together(shop):
    shop.register_court = "Amtsgericht Traunstein"

    with pytest.raises(ValidationError) as refused:
        shop.full_clean()

    assert "register_number" in refused.value.message_dict
    shop.register_number = "HRB 4711"
    shop.full_clean()


# The privacy page


def test_the_privacy_page_tells_what_why_how_long_and_who_sees_it(client, complete):
    page = text_of(get(client, PRIVACY))

    for expected in (
        "Datenschutz",
        "Huber Fleisch- und Wurstwaren GmbH",
        "datenschutz@huber.example",
        "Ihr Konto",
        "Kommentare",
        "Forumsthemen",
        "Wozu",
        "Rechtsgrundlage",
        "Wie lange",
        "Wer es sieht",
        "Art. 6 Abs. 1 lit. b DSGVO",
        "Art. 15 DSGVO",
        "Die Seite liegt bei Hostingfirma Beispiel.",
    ):
        assert expected in page, expected


def test_the_privacy_page_speaks_english_too(client, complete):
    page = text_of(get(client, PRIVACY, language="en"))

    for expected in ("Privacy", "Your account", "What for", "Art. 6 (1) (b) GDPR"):
        assert expected in page, expected


def test_every_declaration_in_the_code_is_on_the_page(client, complete):
    page = unescape(text_of(get(client, PRIVACY, language="en")))

    for section, items in personal_data.by_section():
        assert str(section.label) in page
        for item in items:
            assert personal_data.text(item.what) in page
            assert personal_data.text(item.retention) in page
    for item in personal_data.not_stored():
        assert personal_data.text(item.what) in page


def test_a_new_declaration_appears_on_the_page_without_touching_it(
    client, complete, monkeypatch
):
    added = PersonalData(
        fields=(),
        section=Section.TECHNICAL,
        what="Which smiley you clicked on a page",
        purpose="To show staff how readers liked it",
        basis=Basis.LEGITIMATE_INTEREST,
        retention="Counted at once, never kept with you",
        seen_by="Staff, as a trend",
    )
    monkeypatch.setattr(personal_data, "_elsewhere", [*personal_data._elsewhere, added])

    page = text_of(get(client, PRIVACY, language="en"))

    assert "Which smiley you clicked on a page" in page
    assert "Counted at once, never kept with you" in page


@pytest.mark.parametrize(
    ("days", "told"),
    [(0, "Not stored: this site is set to keep none."), (7, "7 days; then it is")],
)
def test_how_long_the_address_hash_is_kept_follows_the_setting(
    client, complete, days, told
):
    with override_settings(COMMUNITY_KEEP_ADDRESS_HASH_DAYS=days):
        page = text_of(get(client, PRIVACY, language="en"))

    assert told in page


def test_the_cookies_are_named_as_the_settings_name_them(client, complete):
    with override_settings(SESSION_COOKIE_NAME="theke_session"):
        page = text_of(get(client, PRIVACY, language="en"))

    assert "theke_session" in page
    assert "2 weeks" in page
    assert "django_language" in page


def test_staffs_own_words_stand_around_the_generated_list(client, complete):
    complete.privacy_intro = "<p>Wir sind ein kleiner Laden.</p>"
    complete.save()

    page = text_of(get(client, PRIVACY))

    intro = page.index("Wir sind ein kleiner Laden.")
    listed = page.index("Was die Website speichert")
    closing = page.index("Die Seite liegt bei Hostingfirma Beispiel.")
    assert intro < listed < closing


def test_questions_go_to_the_contact_address_without_a_privacy_address(client, shop):
    page = text_of(get(client, PRIVACY))

    assert "Fragen zu Ihren Daten: laden@huber.example" in page


def test_staff_are_told_what_the_privacy_page_lacks(staff_client, shop):
    shop.contact_email = ""
    shop.save()

    html = get(staff_client, PRIVACY).content.decode()
    notice = html.split('class="legal-missing"')[1]

    assert "eine E-Mail-Adresse für Fragen zu Daten" in notice
    assert "vollständige Name des Betreibers" in notice
    assert "wer die Website betreibt" in notice


# Every page


@pytest.mark.parametrize("url", ["/", "/blog/", IMPRESSUM, PRIVACY, "/no-such-page/"])
def test_every_page_links_the_legal_notice_and_privacy_in_its_footer(client, shop, url):
    html = client.get(url).content.decode()
    footer = html.split('<footer class="site-footer">')[1]

    assert f'href="{IMPRESSUM}">Impressum</a>' in footer
    assert f'href="{PRIVACY}">Datenschutz</a>' in footer


@pytest.mark.parametrize("url", [IMPRESSUM, PRIVACY])
def test_reading_the_legal_pages_sets_no_cookie(client, complete, url):
    response = client.get(url)

    assert response.status_code == 200
    assert not response.cookies, list(response.cookies)


# The shop settings in the admin


def settings_form(shop, **changes):
    """The shop settings form as the admin sends it, rich text left out."""
    fields = [
        "shop_name",
        "tagline",
        "street",
        "postal_code",
        "city",
        "country",
        "opening_hours",
        "shop_url",
        "phone",
        "contact_email",
        "privacy_email",
        "operator_name",
        "legal_form",
        "represented_by",
        "operator_address",
        "register_court",
        "register_number",
        "vat_id",
        "supervisory_authority",
        "chamber",
        "responsible_name",
        "responsible_address",
    ]
    return {name: getattr(shop, name) for name in fields} | changes


def test_the_admin_refuses_a_wrong_vat_id_and_keeps_what_was_typed(staff_client, shop):
    url = f"/admin/settings/home/shopsettings/{shop.site_id}/"

    response = staff_client.post(
        url, settings_form(shop, vat_id="DE 123 456", operator_name="Huber GmbH")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "neun Ziffern" in html
    assert 'value="DE 123 456"' in html
    assert 'value="Huber GmbH"' in html
    shop.refresh_from_db()
    assert shop.vat_id == "" and shop.operator_name == ""


def test_the_admin_stores_a_vat_id_as_the_tax_office_writes_it(staff_client, shop):
    url = f"/admin/settings/home/shopsettings/{shop.site_id}/"

    response = staff_client.post(
        url,
        settings_form(
            shop,
            vat_id="de 123 456 789",
            register_court="Amtsgericht Traunstein",
            register_number="HRB 4711",
        ),
    )

    assert response.status_code == 302
    shop.refresh_from_db()
    assert (shop.vat_id, shop.register_number) == ("DE123456789", "HRB 4711")


def test_the_admin_asks_for_the_register_number_with_the_court(staff_client, shop):
    url = f"/admin/settings/home/shopsettings/{shop.site_id}/"

    response = staff_client.post(
        url, settings_form(shop, register_court="Amtsgericht Traunstein")
    )

    assert response.status_code == 200
    assert "Registergericht und Registernummer zusammen" in response.content.decode()
    assert 'value="Amtsgericht Traunstein"' in response.content.decode()
