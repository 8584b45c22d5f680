"""The dependency rule, read from the code's own imports (README: How it fits together).

Every import counts, at the top of a module or inside a function. Arrows point one way: the wiring
(settings, root URLs, WSGI/ASGI, the context processors) uses everything; the apps (reports,
attribution, the newsroom's roles and desk) use interviews and the infrastructure; interviews, the
content, uses only the infrastructure; the infrastructure uses no app. Apps plug into interviews
through Django's extension points instead: their own AppConfig.ready(), the interview page's
slots (interviews.fragments), the interview admin's show_in_fieldset(), URL includes, settings.
"""

import ast
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cms", "interviews")

WIRING = ("cms.settings", "cms.urls", "cms.wsgi", "cms.asgi", "cms.context_processors", "cms.views")
APPS = ("cms.reports", "cms.attribution", "cms.desk", "cms.roles")
INFRASTRUCTURE = (
    "cms.pagecache",
    "cms.security",
    "cms.translations",
    "cms.cache",
    "cms.faults",
    "cms.clients",
    "cms.links",
    "cms.prepared",
    "cms.static",
    "cms.jobs",
    "cms.media",
    "cms.health",
    "cms.view_on_site",
    "cms.addresses",
)
CONTENT = ("interviews",)
# Imported by nothing at all: Django finds them by name (DJANGO_SETTINGS_MODULE, ROOT_URLCONF).
ENTRY_POINTS = ("cms.settings", "cms.urls")
# The benchmark's server is the site with its floor page added: its settings and URLs extend the site's.
BENCHMARK_WIRING = ("benchmarks.settings", "benchmarks.urls")
# Apps that know nothing of each other.
STRANGERS = [("cms.reports", "cms.attribution"), ("cms.attribution", "cms.reports")]


def under(name, prefixes):
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    """Return the project's modules by name, migrations left out: they record history."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                found[module_name(path)] = path
    return found


def imported_names(package, source):
    """Return (line, dotted name) for every import in a module's source, relative ones made absolute.

    package: the package the module is in (the module itself for an __init__.py).
    """
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                kept = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*kept, base] if base else kept)
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def module_imports(name, path):
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    return imported_names(package, path.read_text(encoding="utf-8"))


def project_imports(name, path, known):
    """Return {imported project module: first line importing it} for one module."""
    found = {}
    for line, target in module_imports(name, path):
        while target and target not in known:
            target = target.rpartition(".")[0]
        # A module's own package (`from cms.reports import views` in cms.reports.admin) is no arrow.
        if target and target != name and not name.startswith(target + "."):
            found.setdefault(target, line)
    return found


def import_graph():
    known = project_modules()
    return known, {name: project_imports(name, path, known) for name, path in known.items()}


def why_forbidden(source, target):
    """Return the rule that importing target from source breaks, or None."""
    if under(target, ENTRY_POINTS):
        return "cms/settings.py and cms/urls.py are imported by nothing"
    if under(target, WIRING) and not under(source, WIRING):
        return "only the wiring imports the wiring"
    if under(source, CONTENT) and under(target, APPS):
        return "the content imports no cms app"
    if under(source, INFRASTRUCTURE) and under(target, (*APPS, *CONTENT)):
        return "infrastructure imports no app"
    for one, other in STRANGERS:
        if under(source, (one,)) and under(target, (other,)):
            return "reports and attribution know nothing of each other"
    return None


def circles(graph):
    """Return the strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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


class DependencyRuleTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.known, cls.graph = import_graph()

    def breaks(self, sources):
        found = []
        for source in sorted(self.graph):
            if not under(source, sources):
                continue
            for target, line in sorted(self.graph[source].items()):
                if why := why_forbidden(source, target):
                    found.append(f"{self.known[source].relative_to(ROOT)}:{line} imports {target} ({why})")
        return found

    def test_the_content_imports_no_cms_app_and_not_the_wiring(self):
        self.assertEqual(self.breaks(CONTENT), [])

    def test_infrastructure_imports_no_app_and_not_the_wiring(self):
        self.assertEqual(self.breaks(INFRASTRUCTURE), [])

    def test_apps_import_neither_the_wiring_nor_each_other(self):
        self.assertEqual(self.breaks(APPS), [])

    def test_settings_and_root_urls_are_imported_by_nothing(self):
        importers = []
        for folder in ("cms", "interviews", "tests", "scripts", "benchmarks"):
            for path in sorted((ROOT / folder).rglob("*.py")):
                name = module_name(path)
                for line, target in module_imports(name, path):
                    if under(target, ENTRY_POINTS) and name not in BENCHMARK_WIRING:
                        importers.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
        self.assertEqual(importers, [])

    def test_every_cms_module_has_its_place_in_the_rule(self):
        placed = (*WIRING, *APPS, *INFRASTRUCTURE, "cms")
        self.assertEqual(
            [name for name in self.known if name.startswith("cms") and not under(name, placed)], []
        )

    def test_imports_inside_functions_and_relative_ones_count(self):
        source = "from . import keys\n\ndef next_change():\n    from interviews.models import Interview\n"
        names = [name for _line, name in imported_names("cms.pagecache", source)]
        self.assertEqual(
            names, ["cms.pagecache", "cms.pagecache.keys", "interviews.models", "interviews.models.Interview"]
        )
        self.assertEqual(
            why_forbidden("cms.pagecache.middleware", "interviews.models"), "infrastructure imports no app"
        )
        self.assertEqual(
            why_forbidden("interviews.views", "cms.attribution.views"), "the content imports no cms app"
        )
        self.assertIsNone(why_forbidden("cms.attribution.views", "interviews.models"))

    def test_no_circles_of_modules(self):
        self.assertEqual(circles({name: set(targets) for name, targets in self.graph.items()}), [])
