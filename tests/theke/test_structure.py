"""The house keeps its shape: no import circle anywhere, the community's concerns
depend on each other one way, imports of our own code sit at the top of a module,
and no module grows past what one reader keeps in mind."""

import ast
from collections import defaultdict
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

import community.models as gathered

ROOT = Path(settings.BASE_DIR)
PACKAGES = ("home", "blog", "shop_link", "community", "demo", "theke")
MAX_LINES = 600
MAX_COMMUNITY_TOP_LEVEL = 10

# Which concern of the community may import which. Each may also use the
# community's own settings (`conf`) and mail (`mail`); none may import the
# modules that gather everything (`models`, `pages`, `signals`, `wagtail_hooks`).
COMMUNITY_MAY_USE = {
    "writing": set(),
    "members": {"writing"},
    "discussions": {"writing", "members"},
    "board": {"writing", "members", "discussions"},
    "questions": {"writing", "members", "discussions", "board"},
    "reports": {"writing", "members", "discussions", "board", "questions"},
    "moderation": {
        "writing",
        "members",
        "discussions",
        "board",
        "questions",
        "reports",
    },
    "privacy": {
        "writing",
        "members",
        "discussions",
        "board",
        "questions",
        "reports",
        "announcements",
    },
    "account": {"writing", "members", "discussions"},
    "announcements": {"writing", "members"},
    "feedback": {"writing"},
}
COMMUNITY_SHARED = {"conf", "mail"}


def source_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in source_files()}


def is_package(name: str) -> bool:
    return MODULES.get(name, Path()).name == "__init__.py"


def imports_of(path: Path):
    """(module imported, node, enclosing function) for each import of our code."""
    name = module_name(path)
    package = name if is_package(name) else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(), filename=str(path))
    functions = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                functions.setdefault(inner, node)
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.append(submodule if submodule in MODULES else base)
        for target in targets:
            if target.split(".")[0] in PACKAGES and target in MODULES:
                yield target, node, functions.get(node)


GRAPH = {
    module: {target for target, __, __ in imports_of(path)} - {module}
    for module, path in MODULES.items()
}


def circles(graph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_of_ours_imports_one_that_imports_it_back():
    assert circles(GRAPH) == []


def test_a_circle_would_be_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

    assert circles(graph) == [["a", "b", "c"]]


def concern(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "community" and len(parts) > 1 else None


@pytest.mark.parametrize("user", sorted(COMMUNITY_MAY_USE))
def test_each_community_concern_uses_only_those_below_it(user):
    offending = {}
    for module, targets in GRAPH.items():
        if concern(module) != user:
            continue
        for target in targets:
            used = concern(target)
            if target.split(".")[0] != "community" or used in (user, None):
                continue
            if used not in COMMUNITY_MAY_USE[user] | COMMUNITY_SHARED:
                offending.setdefault(module, []).append(target)

    assert offending == {}


def test_the_concerns_below_never_use_the_ones_above():
    for user, used in COMMUNITY_MAY_USE.items():
        for other in used:
            assert user not in COMMUNITY_MAY_USE[other], (user, other)


def test_nothing_but_the_admin_uses_moderation():
    users = {
        module
        for module, targets in GRAPH.items()
        if concern(module) != "moderation"
        and any(concern(target) == "moderation" for target in targets)
    }

    assert users == {"community.wagtail_hooks"}


def test_the_shared_community_modules_use_no_concern():
    for module, targets in GRAPH.items():
        shared = concern(module)
        if shared in COMMUNITY_SHARED:
            used = {concern(target) for target in targets}
            assert used <= {None, "conf", shared}, module


def test_imports_of_our_code_inside_functions_only_where_app_loading_needs_them():
    inside = [
        f"{path.relative_to(ROOT)}:{node.lineno} in {function.name}()"
        for path in MODULES.values()
        for __, node, function in imports_of(path)
        if function is not None
    ]
    allowed = [place for place in inside if place.split(":")[0].endswith("apps.py")]

    assert [place for place in inside if place not in allowed] == []
    assert all(place.endswith("in ready()") for place in allowed)
    assert len(allowed) <= 10


def test_no_module_is_longer_than_one_reader_keeps_in_mind():
    long = {
        str(path.relative_to(ROOT)): length
        for path in MODULES.values()
        if (length := len(path.read_text().splitlines())) > MAX_LINES
    }

    assert long == {}


def test_the_community_keeps_few_modules_at_its_top_level():
    top = sorted(path.name for path in (ROOT / "community").glob("*.py"))

    assert len(top) <= MAX_COMMUNITY_TOP_LEVEL, top


def test_no_domain_app_imports_the_demo():
    users = {
        module
        for module, targets in GRAPH.items()
        if module.split(".")[0] != "demo"
        and any(target.split(".")[0] == "demo" for target in targets)
    }

    assert users == set()


def test_every_community_model_is_gathered_under_the_app_label():
    defined = defaultdict(set)
    for model in apps.get_app_config("community").get_models():
        defined[model.__module__.split(".")[1]].add(model.__name__)

    names = {name for names in defined.values() for name in names}
    assert names <= set(gathered.__all__)
