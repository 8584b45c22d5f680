"""Who is asking: the client's address, a salted hash of it, and per-client limits.

Limits count in the shared cache, so they hold across app processes. Raw addresses are never
stored: callers keep `client_hash()`, which changes every CLIENT_HASH_ROTATION_HOURS.
"""

import hashlib
import hmac
import ipaddress
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def _client_address(value):
    """Return the address that stands for a client, or None: an IPv6 client stands for its /64."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:
        return str(address.ipv4_mapped)
    # One subscriber or host usually gets a whole /64 (RFC 6177), so counting its addresses one by
    # one would give it 2^64 clients' worth of every limit.
    return str(ipaddress.IPv6Address(int(address) >> 64 << 64))


def client_ip(request):
    """Return the client's address (for IPv6 its /64), trusting X-Forwarded-For only as far as our proxies."""
    remote = _client_address(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"
    trusted = settings.TRUSTED_PROXY_COUNT
    if not trusted:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    # Each trusted proxy appended the address it saw; entries before those are the client's to forge.
    chain = [*forwarded, remote]
    candidate = chain[-(trusted + 1)] if len(chain) > trusted else chain[0]
    return _client_address(candidate) or remote


def client_hash(request):
    """Return a salted, periodically rotated hash that stands for the client's address."""
    period = int(time.time() // (settings.CLIENT_HASH_ROTATION_HOURS * 3600))
    key = f"{settings.CLIENT_HASH_SALT or settings.SECRET_KEY}:{period}".encode()
    return hmac.new(key, client_ip(request).encode(), hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class Limit:
    allowed: bool
    retry_after: int


def hit(request, scope, *, limit, period):
    """Count one request of this client against `limit` per `period` seconds."""
    now = time.time()
    window = int(now // period)
    retry_after = max(1, int(period - now % period))
    # The address itself (not the rotating hash) keys the counter, hashed so it is not kept raw.
    subject = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()[:32]
    key = f"limit:{scope}:{subject}:{window}"
    try:
        cache.add(key, 0, timeout=period + 5)
        count = cache.incr(key)
    except Exception:
        # Without the shared cache a limit cannot be counted; serving readers matters more.
        logger.warning("Rate limit %s not counted: cache unavailable", scope, exc_info=True)
        return Limit(allowed=True, retry_after=0)
    return Limit(allowed=count <= limit, retry_after=retry_after)
