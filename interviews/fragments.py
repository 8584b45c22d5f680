"""Named slots of the interview page, where apps that plug into interviews show their fragments.

interviews imports none of those apps: each registers its fragment in its own AppConfig.ready(),
and interview_detail.html renders a slot's fragments with {% fragments "slot" %}
(interviews/templatetags/fragments.py). The slots: "head" (inside <head>), "article" (attributes
of the <article> element, each written with a space before it) and "end" (after the topics).

- A live fragment is worked out on every view: register(name, context, templates) gives
  context(request, interview), whose value the templates (one per slot) read under `name`.
  cms.attribution shows the canonical address and the source notice this way.
- A stored fragment is rendered with the page parts (interviews.page_parts) and kept in them, so
  a view reads nothing for it: register_stored(name, relation, render) gives render(interview,
  rows), rows being the interview's `relation`, returning {"html": {slot: html}, "json_ld": {...}}
  (keys the page's structured data gains), or {} to show nothing. cms.reports shows its
  correction notes this way.

In a slot, live fragments come first, then stored ones.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Live:
    name: str
    context: object
    templates: dict


@dataclass(frozen=True)
class Stored:
    name: str
    relation: str
    render: object


LIVE = {}
STORED = {}


def register(name, context, templates):
    """Show a fragment worked out on each view: context(request, interview), by slot in templates."""
    LIVE[name] = Live(name, context, templates)


def register_stored(name, relation, render):
    """Show a fragment kept with the page parts: render(interview, rows of its relation)."""
    STORED[name] = Stored(name, relation, render)


def page_context(request, interview):
    """Return the live fragments' values for an interview page, by name."""
    return {fragment.name: fragment.context(request, interview) for fragment in LIVE.values()}


def live_templates(slot):
    """Return the templates of the live fragments in a slot."""
    return [fragment.templates[slot] for fragment in LIVE.values() if slot in fragment.templates]


def stored_relations():
    """Return the relations the stored fragments are rendered from, to prefetch."""
    return [fragment.relation for fragment in STORED.values()]


def render_stored(interview, rows=None):
    """Return the stored fragments of an interview, by name; rows by name are read when not given."""
    rendered = {}
    for fragment in STORED.values():
        found = (
            rows.get(fragment.name, ()) if rows is not None else getattr(interview, fragment.relation).all()
        )
        value = fragment.render(interview, list(found))
        if value:
            rendered[fragment.name] = value
    return rendered


def stored_html(parts, slot):
    """Return the stored fragments' HTML for a slot, from an interview's page parts."""
    stored = parts.get("fragments", {})
    return "".join(stored[name].get("html", {}).get(slot, "") for name in STORED if name in stored)


def stored_json_ld(parts):
    """Return what the stored fragments add to the page's structured data."""
    stored = parts.get("fragments", {})
    data = {}
    for name in STORED:
        data.update(stored.get(name, {}).get("json_ld", {}))
    return data
