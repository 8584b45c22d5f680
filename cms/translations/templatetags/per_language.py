"""{% per_language %}…{% end_per_language %}: a part of the layout rendered once per language.

The site's header and the links in every page's head are the same on every page in a given
interface language, yet rendering their translated labels and addresses node by node took a
sixth of an uncached interview page's template. The part is rendered the first time it is
needed in a language (under a script prefix, for a site name) and kept with the compiled
template.

What goes inside must depend on nothing but the interface language and the site's settings
(SITE_NAME, SITE_LINKS, static addresses): no block (a page may override it), no page's own
variables, no request.
"""

from django import template
from django.template.base import Node
from django.urls import get_script_prefix
from django.utils.translation import get_language

register = template.Library()

KEPT_AT_MOST = 32  # languages × script prefixes; more means something varies that should not


@register.tag
def per_language(parser, token):
    nodelist = parser.parse(("end_per_language",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(template.loader_tags.BlockNode):
        raise template.TemplateSyntaxError("{% per_language %} cannot hold a {% block %}.")
    return PerLanguageNode(nodelist)


class PerLanguageNode(Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.kept = {}

    def render(self, context):
        key = (get_language(), get_script_prefix(), context.get("SITE_NAME"))
        html = self.kept.get(key)
        if html is None:
            html = self.nodelist.render(context)
            if len(self.kept) >= KEPT_AT_MOST:
                self.kept.clear()
            self.kept[key] = html
        return html
