"""axe-core checks for a page open in Playwright, reported so a developer can act."""

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.1 A and AA plus axe's best practices: what a shop site should meet.
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}

_axe = Axe()


def violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now."""
    return _axe.run(page, options=AXE_OPTIONS).response["violations"]


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
