"""Addresses for attribution: our canonical URLs and the normalised addresses of pages that reuse them."""

import ipaddress
import re
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


# Names that never lead to a public site: RFC 6761, RFC 6762 (.local), RFC 8375, ICANN's .internal.
LOCAL_NAMES = ("localhost", "localdomain", "local", "internal", "home.arpa", "invalid")
LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
# A last label that is a number makes the whole host an IPv4 address in URL parsers and in
# inet_aton (127.1, 2130706433, 0x7f000001, 0177.0.0.1): https://url.spec.whatwg.org/#ends-in-a-number-checker
NUMERIC_LABEL = re.compile(r"[0-9]+|0x[0-9a-f]*")
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def is_public_address(address):
    """Return whether an IP address (ipaddress object) reaches the public internet, embedded IPv4 included."""
    if address.version == 6:
        if address.scope_id:
            return False
        # These forms carry an IPv4 address a gateway or the host itself will connect to.
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public_address(embedded)
        if address.teredo or address.is_site_local:
            return False
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_loopback or address.is_link_local
    )


def host_refusal(host):
    """Return why a URL's host cannot be a public site, or "" when it may be one.

    Only the host's spelling is judged: a name may still resolve inside, which the link check
    finds out before it connects.
    """
    host = host.strip("[]").rstrip(".").lower()
    if ":" in host:
        try:
            address = ipaddress.IPv6Address(host)
        except ValueError:
            return "not a valid host name"
        return "" if is_public_address(address) else "not a public address"
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return "not a valid host name"
    labels = host.split(".")
    if NUMERIC_LABEL.fullmatch(labels[-1]):
        try:
            address = ipaddress.IPv4Address(host)
        except ValueError:
            return "a number in an unusual notation, which can stand for an address inside a network"
        return "" if is_public_address(address) else "not a public address"
    if len(host) > 253 or not all(LABEL.fullmatch(label) for label in labels):
        return "not a valid host name"
    if len(labels) < 2 or host.endswith(tuple(f".{name}" for name in LOCAL_NAMES)) or host in LOCAL_NAMES:
        return "a local name"
    return ""


def is_public_host(host):
    """Return whether a URL's host may be a public site (see host_refusal)."""
    return not host_refusal(host)


def canonical_url(request, interview):
    """Return the address search engines and republishers should treat as the original."""
    if (
        interview.origin == interview.Origin.PARTNER
        and interview.canonical_to_source
        and interview.source_url
    ):
        return interview.source_url
    return absolute_url(request, interview.get_absolute_url())
