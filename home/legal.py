"""What a German shop's legal notice must say, and what a shop has left out.

The legal notice (Impressum) follows § 5 DDG (formerly § 5 TMG): who runs the
shop, where, how to reach them quickly, and where given the register, the VAT ID
and the supervising authority or chamber; the shop blog adds the person
responsible for its content under § 18 (2) MStV. The functions here read a
`ShopSettings`-like object and name what is missing, for staff; the pages show
the public what there is and never make up the rest.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# VAT IDs of the EU: the country's code, then its own format. A German one is
# checked exactly; the others by their code and a plausible length only.
GERMAN_VAT_ID = re.compile(r"DE\d{9}")
EU_VAT_ID = re.compile(
    r"(AT|BE|BG|CY|CZ|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE"
    r"|SI|SK|XI)[0-9A-Z+*]{2,13}"
)

# Legal forms whose operator is not a person and acts through representatives.
COMPANY_FORM = re.compile(
    r"\b(GmbH|mbH|gGmbH|UG|AG|KG|KGaA|OHG|oHG|GbR|PartG|eG|e\.\s?V\.|SE|Ltd\.?)"
    r"(?![\w.])",
)


def normalise_vat_id(value: str) -> str:
    """A VAT ID as the tax office writes it: capitals, no spaces or dots."""
    return re.sub(r"[\s.\-/]", "", value or "").upper()


def validate_vat_id(value: str) -> None:
    """Refuse a VAT ID that cannot be one; German ones must be DE and 9 digits."""
    vat_id = normalise_vat_id(value)
    if not vat_id:
        return
    if vat_id.startswith("DE"):
        if not GERMAN_VAT_ID.fullmatch(vat_id):
            raise ValidationError(
                _("A German VAT ID is “DE” followed by nine digits, e.g. DE123456789."),
                code="invalid_vat_id",
            )
    elif not EU_VAT_ID.fullmatch(vat_id):
        raise ValidationError(
            _(
                "Enter the VAT ID with its country code in front, e.g. "
                "DE123456789 or ATU12345678."
            ),
            code="invalid_vat_id",
        )


def is_company(shop) -> bool:
    """Whether the operator is a company, which its representatives act for."""
    return bool(COMPANY_FORM.search(f"{shop.operator_name} {shop.legal_form}"))


def operator_address_lines(shop) -> list[str]:
    """The operator's address: its own if given, else the counter's."""
    own = _lines(shop.operator_address)
    return own or shop.address_lines


def responsible_address_lines(shop) -> list[str]:
    """The address of the person responsible for content, else the operator's."""
    return _lines(shop.responsible_address) or operator_address_lines(shop)


def missing_from_legal_notice(shop) -> list[str]:
    """What the legal notice lacks to meet § 5 DDG and § 18 MStV, in words."""
    missing = []
    if not shop.operator_name.strip():
        missing.append(_("the operator's full name (a person's or the company's)"))
    if is_company(shop) and not shop.represented_by.strip():
        missing.append(_("who represents the company (e.g. the managing directors)"))
    if not _has_full_address(shop):
        missing.append(_("the operator's address: street, postal code and city"))
    if not shop.contact_email.strip():
        missing.append(_("a contact e-mail address"))
    if not shop.phone.strip():
        missing.append(_("a phone number, so customers can reach you directly"))
    if not shop.responsible_name.strip():
        missing.append(_("the person responsible for the content (§ 18 (2) MStV)"))
    return [str(item) for item in missing]


def missing_from_privacy_page(shop) -> list[str]:
    """What the privacy page lacks to name who is responsible and how to ask."""
    missing = []
    if not shop.operator_name.strip():
        missing.append(_("the operator's full name, who is responsible for the data"))
    if not _has_full_address(shop):
        missing.append(_("the operator's address: street, postal code and city"))
    if not (shop.privacy_email.strip() or shop.contact_email.strip()):
        missing.append(_("an e-mail address for questions about data"))
    if not strip_tags(shop.privacy_closing).strip():
        missing.append(
            _(
                "in the closing text: who hosts the site and which service sends "
                "its e-mail, as they receive the data (Art. 13 GDPR)"
            )
        )
    return [str(item) for item in missing]


def privacy_contact(shop) -> str:
    """Where people write about their data: the privacy address, else the contact."""
    return shop.privacy_email.strip() or shop.contact_email.strip()


def cookies() -> list[dict[str, str]]:
    """The cookies the site may set, each with when, what for and how long."""
    return [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "when": _("When you log in or sign up."),
            "purpose": _(
                "Keeps you logged in from page to page. It carries a random key, "
                "nothing about you."
            ),
            "lasts": _duration(settings.SESSION_COOKIE_AGE),
        },
        {
            "name": settings.CSRF_COOKIE_NAME,
            "when": _(
                "When you choose to write: when you open the log-in form, or "
                "the comment form with “Write a comment”."
            ),
            "purpose": _(
                "Makes sure a form you send comes from this site, not from "
                "another site in your name."
            ),
            "lasts": _duration(settings.CSRF_COOKIE_AGE),
        },
        {
            "name": settings.LANGUAGE_COOKIE_NAME,
            "when": _("When you choose a language."),
            "purpose": _("Remembers the language you chose."),
            "lasts": _duration(settings.LANGUAGE_COOKIE_AGE),
        },
        {
            # Not a cookie: kept in the browser, never sent to the site.
            "name": "theke:dismissed-announcements",
            "when": _(
                "When you close an announcement without being logged in. It is "
                "kept in your browser's local storage, not sent to the site."
            ),
            "purpose": _("Remembers which announcements you closed."),
            "lasts": _("Until you clear your browser's data."),
        },
        {
            "name": "messages",
            "when": _("After you send some forms, such as a new topic."),
            "purpose": _("Carries a short confirmation to the next page."),
            "lasts": _duration(None),
        },
    ]


def _duration(seconds: int | None) -> str:
    if not seconds:
        return str(_("Until you close the browser."))
    days = round(seconds / 86400)
    if days >= 360:
        years = round(days / 365)
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    if days % 7 == 0:
        weeks = days // 7
        return ngettext("%(count)d week", "%(count)d weeks", weeks) % {"count": weeks}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def _has_full_address(shop) -> bool:
    if _lines(shop.operator_address):
        return True
    return all(part.strip() for part in (shop.street, shop.postal_code, shop.city))


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]
