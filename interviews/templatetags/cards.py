"""An interview's card on list pages, written in Python: a page shows a dozen or more.

As an included template, each card cost a context of its own and a few dozen variable
lookups and filters; the front, expert and topic pages spent more time on their cards than on
their queries. The markup is the one the reader pages' styles and tests expect.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime

from interviews.templatetags.dates import iso, long_date
from interviews.templatetags.pictures import picture

register = template.Library()


@register.simple_tag
def interview_card(interview, css_class="", sizes="", loading="lazy", topics=False, words=45, level=2):
    """Return an interview's card: its picture (given `sizes`), topic, title, experts, lead and date.

    `topics` shows the interview's `topic` (set by interviews.front) as a kicker; `level` is
    the title's heading level; `words` how much of the lead is shown.
    """
    url = interview.get_absolute_url()
    parts = []
    if sizes and interview.cover_image:
        image = picture(interview.cover_image, alt="", sizes=sizes, loading=loading)
        parts.append(
            format_html(
                '<a class="card__picture" href="{}" tabindex="-1" aria-hidden="true">{}</a>\n', url, image
            )
        )
    parts.append('  <div class="card__text">\n')
    topic = getattr(interview, "topic", None) if topics else None
    if topic:
        parts.append(format_html('    <p class="kicker card__kicker">{}</p>\n', topic.name))
    parts.append(
        format_html(
            '    <h{} class="card__title"><a href="{}">{}</a></h{}>\n', level, url, interview.title, level
        )
    )
    experts = interview.expert_names
    if experts:
        names = format_html_join(", ", "{}", ((name,) for name in experts))
        parts.append(format_html('    <p class="card__experts">{}</p>\n', names))
    if interview.lead:
        lead = Truncator(interview.lead).words(words, truncate=" …")
        parts.append(format_html('    <p class="card__lead">{}</p>\n', lead))
    when = template_localtime(interview.publish_at)
    parts.append(
        format_html(
            '    <p class="card__meta"><time datetime="{}">{}</time></p>\n  </div>\n',
            iso(when),
            long_date(when),
        )
    )
    opening = format_html(
        '<article class="card{}" lang="{}">\n  ',
        f" {css_class}" if css_class else "",
        interview.language,
    )
    return mark_safe(opening + "".join(parts) + "</article>")  # noqa: S308 (each part is escaped)
