"""Addresses for attribution: our canonical URLs and the normalised addresses of pages that reuse them."""

import ipaddress
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from cms.links import absolute_url

PAGE_URL_MAX_LENGTH = 500
# Referrers longer than this are junk or an attack; nothing is parsed from them.
RAW_URL_MAX_LENGTH = 2000
TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl"}


def _is_tracking(name):
    name = name.lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS


def normalise_page_url(raw):
    """Return raw as a comparable http(s) address, or None if it is not one we would keep.

    Scheme and host are lowercased, default ports, credentials, the fragment and tracking
    parameters are dropped, so one page counts once however readers arrived at it.
    """
    if not raw or len(raw) > RAW_URL_MAX_LENGTH or any(ord(c) < 33 or ord(c) == 127 for c in raw):
        return None
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"} or not host:
        return None
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    if ":" in host:
        host = f"[{host}]"
    if port and port != {"http": 80, "https": 443}[scheme]:
        host = f"{host}:{port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    )
    path = quote(unquote(parts.path), safe="/%:@!$&'()*+,;=~") or "/"
    url = urlunsplit((scheme, host, path, query, ""))
    return url if len(url) <= PAGE_URL_MAX_LENGTH else None


def same_page(a, b):
    """Return whether two addresses name the same page, ignoring http/https, www. and a final slash."""
    return _page_key(a) is not None and _page_key(a) == _page_key(b)


def _page_key(url):
    url = normalise_page_url(url)
    if url is None:
        return None
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    return host, unquote(parts.path).rstrip("/"), parts.query


def page_text_forms(url):
    """Return the ways an address may be written out as text, without scheme, lowercased."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    forms = set()
    for path in {parts.path, unquote(parts.path)}:
        path = path.rstrip("/")
        forms.add(f"{host}{path}".lower())
    return forms


def host_of(url):
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def is_public_host(host):
    """Return False for localhost and for addresses that are not on the public internet."""
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return False
    try:
        return ipaddress.ip_address(host).is_global
    except ValueError:
        return True


def canonical_url(request, interview):
    """Return the address search engines and republishers should treat as the original."""
    if (
        interview.origin == interview.Origin.PARTNER
        and interview.canonical_to_source
        and interview.source_url
    ):
        return interview.source_url
    return absolute_url(request, interview.get_absolute_url())
