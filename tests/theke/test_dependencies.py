"""The apps depend on each other one way only: home on none of ours, blog on home,
shop_link and community on blog and home."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
OUR_APPS = ("home", "blog", "shop_link", "community")
MAY_NOT_USE = {
    "home": {"blog", "shop_link", "community"},
    "blog": {"shop_link", "community"},
}
# The site's templates compose home and blog (the home page lists the latest
# posts); what neither may need is a tag of the apps built on both.
LATER_APPS = ("shop_link", "community")
LOAD = re.compile(r"{%\s*load\s+([^%]*?)\s*%}")


def imported_apps(path: Path) -> set[str]:
    """The apps of ours a Python file imports (relative imports stay in its app)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & set(OUR_APPS)


def tag_libraries(app: str) -> set[str]:
    return {path.stem for path in (ROOT / app / "templatetags").glob("*.py")} - {
        "__init__"
    }


@pytest.mark.parametrize("app", sorted(MAY_NOT_USE))
def test_an_app_imports_nothing_of_the_apps_built_on_it(app):
    offending = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & MAY_NOT_USE[app])
        for path in sorted((ROOT / app).rglob("*.py"))
    }

    assert {path: apps for path, apps in offending.items() if apps} == {}


@pytest.mark.parametrize("app", sorted(MAY_NOT_USE))
def test_home_and_blog_templates_load_no_tags_of_shop_link_or_community(app):
    forbidden = set().union(*(tag_libraries(later) for later in LATER_APPS))
    templates = sorted((ROOT / "templates" / app).rglob("*.html"))
    if app == "home":
        templates += sorted((ROOT / "templates").glob("*.html"))

    offending = {
        str(path.relative_to(ROOT)): sorted(
            set(" ".join(LOAD.findall(path.read_text())).split()) & forbidden
        )
        for path in templates
    }

    assert forbidden
    assert {path: tags for path, tags in offending.items() if tags} == {}
