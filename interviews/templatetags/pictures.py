from django import template
from django.utils.html import format_html, format_html_join

from interviews.renditions import renditions

register = template.Library()


@register.simple_tag
def picture(image, alt="", sizes="100vw", loading="lazy", css_class="", width=None, height=None):
    """Return an <img> with a srcset of the image's renditions, never the original upload."""
    versions = renditions(image)
    if not versions:
        return ""
    if width is None or height is None:
        _url, width, height = versions[-1]
    srcset = format_html_join(", ", "{} {}w", ((u, w) for u, w, _h in versions))
    fallback = next((v for v in versions if v[1] >= 960), versions[-1])[0]
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" '
        'decoding="async"{}>',
        fallback,
        srcset,
        sizes,
        width,
        height,
        alt,
        loading,
        format_html(' class="{}"', css_class) if css_class else "",
    )
