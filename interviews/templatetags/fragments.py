"""{% fragments "slot" %}: what other apps show in a slot of the interview page (interviews.fragments)."""

from django import template
from django.utils.safestring import mark_safe

from interviews import fragments as page_fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def fragments(context, slot):
    """Render the live fragments of a slot with the page's context, then the stored ones of its parts."""
    engine = context.template.engine
    html = [engine.get_template(name).render(context) for name in page_fragments.live_templates(slot)]
    html.append(page_fragments.stored_html(context.get("parts") or {}, slot))
    return mark_safe("".join(html))  # noqa: S308 (rendered templates, and parts stored from them)
