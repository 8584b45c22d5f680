"""The publishing check that partner material names its source (see interviews.publishing_checks)."""

from urllib.parse import urlsplit

from interviews.models import Interview
from interviews.publishing_checks import Problem


def partner_material_names_its_source(interview):
    """Refuse to publish a partner's material without an active link to the partner's original."""
    if interview.origin != Interview.Origin.PARTNER:
        return
    if not (interview.source_name and interview.source_url):
        yield Problem(
            "partner-without-source",
            "Partner material needs the source outlet's name and address.",
        )
    elif urlsplit(interview.source_url).scheme.lower() not in {"http", "https"}:
        yield Problem(
            "partner-source-not-a-link",
            "The source address must start with http:// or https://, so readers get an active link.",
        )
