"""A screen reader on a field the form sent back reads that field's own error."""

import pytest

from tests.factories import build_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def page(context, live_server):
    """A page in English, the wording these checks read."""
    context.add_cookies(
        [{"name": "django_language", "value": "en", "url": live_server.url}]
    )
    return context.new_page()


def accessible_description(page, selector: str) -> str:
    """What chromium's accessibility tree gives a screen reader as the description."""
    session = page.context.new_cdp_session(page)
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})
    backend = session.send("DOM.describeNode", {"nodeId": node["nodeId"]})["node"][
        "backendNodeId"
    ]
    for ax_node in session.send("Accessibility.getFullAXTree")["nodes"]:
        if ax_node.get("backendDOMNodeId") == backend:
            return ax_node.get("description", {}).get("value", "")
    return ""


def test_an_invalid_sign_up_address_is_described_by_its_error(page, live_server):
    build_site()
    page.goto(live_server.url + "/account/signup/")
    page.fill("input[name=email]", "kein-at-zeichen")
    page.click(".account-form button[type=submit]")
    page.wait_for_selector(".form-field__errors")

    page.focus("input[name=email]")

    error = page.inner_text("#id_email_error")
    assert error
    assert error in accessible_description(page, "input[name=email]")
