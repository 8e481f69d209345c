"""For the browser journeys: the widths they look at, logging in and signing up
through the site's forms, and axe-core's accessibility checks reported so a
developer can act."""

import functools
import re

from tests.factories.members import PASSWORD

# The window widths each journey checks: a small phone and a desktop.
WIDTHS = {"narrow": 360, "wide": 1280}

# True when a stylesheet of the site's own loaded and has rules.
STYLED = "[...document.styleSheets].some((s) => s.href && s.cssRules.length > 0)"

# WCAG 2.1 A and AA plus axe's best practices: what a shop site should meet.
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


def log_in(page, live_server, email, next_path=None):
    """Log in through the site's own form, with PASSWORD; with `next_path`, wait
    until the site has sent the browser there."""
    if next_path is None:
        page.goto(live_server.url + "/account/login/")
    else:
        page.goto(f"{live_server.url}/account/login/?next={next_path}")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator(".account-form button[type=submit]").click()
    if next_path is None:
        page.wait_for_load_state()
    else:
        page.wait_for_url(re.compile(re.escape(next_path.split("#")[0]) + r"(#.*)?$"))


def sign_up(page, live_server, email="anna@example.org", name="Anna vom Hof"):
    """Sign up through the site's form and wait for the page that says to confirm."""
    page.goto(live_server.url + "/account/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=display_name]", name)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator(".account-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/account/confirm-email/$"))


@functools.cache
def _axe():
    # Loaded on first use: only the browser journeys need axe-core.
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now."""
    return _axe().run(page, options=AXE_OPTIONS).response["violations"]


def describe(found: list[dict], where: str) -> str:
    """One block per rule: id, impact, what is wrong, each offending element."""
    lines = [f"{len(found)} accessibility rule(s) violated on {where}:"]
    for violation in found:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'n/a'}): "
            f"{violation['help']}  <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            lines.append(f"       {' '.join(node.get('html', '').split())[:160]}")
            summary = node.get("failureSummary")
            if summary:
                for detail in summary.splitlines():
                    lines.append(f"       {detail.strip()}")
    return "\n".join(lines)
