"""GET pages for the link check: only from public addresses, within one deadline and a size limit.

A host is resolved once, every answer is checked, and the connection goes to the address that
was checked, so a second DNS answer (rebinding) cannot steer it inside; the Host header, the TLS
server name and the certificate check still use the host's name. Every redirect is checked
the same way. One deadline covers resolving, connecting, the headers and the body.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cms.attribution.links import host_refusal, is_public_address

REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
DEFAULT_PORTS = {"http": 80, "https": 443}


class PageUnavailable(Exception):
    """The page could not be read; the message says why, for the editors."""


@dataclass
class Page:
    status: int
    body: bytes
    content_type: str
    truncated: bool


def resolve(host, port):
    """Return the addresses the system resolver gives host for a TCP connection."""
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def tls_context():
    """Return the TLS settings for HTTPS pages: the system's trusted certificates, names checked."""
    return ssl.create_default_context()


def allowed_addresses():
    """Return the loopback addresses the tests' own servers stand on, which count as public.

    LINK_CHECK_ALLOW_ADDRESSES is not read from the environment: only the tests set it, and it
    cannot open anything but loopback.
    """
    addresses = {ipaddress.ip_address(a) for a in getattr(settings, "LINK_CHECK_ALLOW_ADDRESSES", ())}
    if any(not address.is_loopback for address in addresses):
        raise ImproperlyConfigured("LINK_CHECK_ALLOW_ADDRESSES may hold loopback addresses only.")
    return addresses


class Deadline:
    """The time left for one page; at the end it shuts the connection it watches."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False

    def left(self):
        left = self.end - time.monotonic()
        if left <= 0:
            self.expired = True
            raise self.error()
        return left

    def error(self):
        return PageUnavailable(f"Too slow: no full answer within {self.seconds:g} s.")

    def run(self, function, *args):
        """Return function(*args), or raise when it has not returned in the time left."""
        outcome = {}

        def target():
            try:
                outcome["value"] = function(*args)
            except BaseException as error:  # handed to the waiting thread
                outcome["error"] = error

        # getaddrinfo cannot be interrupted; a lookup that outlives the deadline is left to end alone.
        worker = threading.Thread(target=target, daemon=True)
        worker.start()
        worker.join(self.left())
        if worker.is_alive():
            self.expired = True
            raise self.error()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    def watch(self, sock):
        """Shut sock down when the time is up, so no slow read outlives the deadline."""
        # A duplicate descriptor shuts the same connection down without touching the TLS layer.
        lifeline = sock.dup()

        def expire():
            self.expired = True
            with contextlib.suppress(OSError):
                lifeline.shutdown(socket.SHUT_RDWR)

        timer = threading.Timer(self.left(), expire)
        timer.daemon = True
        timer.start()
        return timer, lifeline


class CheckedConnection(http.client.HTTPConnection):
    """An HTTP or HTTPS connection to an address checked beforehand, named by its host."""

    def __init__(self, host, port, *, addresses, tls, deadline):
        super().__init__(host, port, timeout=deadline.left())
        self.addresses = addresses
        self.tls = tls
        self.deadline = deadline
        self.watchers = []

    def connect(self):
        # As socket.create_connection tries every address of a name, but only the checked ones.
        for address in self.addresses:
            try:
                sock = socket.create_connection((str(address), self.port), self.deadline.left())
                break
            except OSError:
                if address == self.addresses[-1]:
                    raise
        try:
            self.watchers.append(self.deadline.watch(sock))
        except PageUnavailable:
            sock.close()
            raise
        if self.tls:
            sock = tls_context().wrap_socket(sock, server_hostname=self.host)
        self.sock = sock

    def release(self):
        """Close the connection and stop watching it (close() alone hands the socket to the response)."""
        self.close()
        for timer, lifeline in self.watchers:
            timer.cancel()
            lifeline.close()
        self.watchers = []


class Fetcher:
    """GET pages with a time limit covering the whole answer, a size limit and public addresses only."""

    def __init__(self, *, user_agent, timeout, max_bytes):
        self.user_agent = user_agent
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.allowed = allowed_addresses()

    def deadline(self):
        """Return a new deadline of the configured length, for one page and its robots.txt."""
        return Deadline(self.timeout)

    def get(self, url, deadline):
        """Return the Page at url after at most MAX_REDIRECTS redirects, or raise PageUnavailable."""
        for _ in range(MAX_REDIRECTS + 1):
            page, location = self._get_once(url, deadline)
            if location is None:
                return page
            try:
                url = urljoin(url, location)
            except ValueError:
                raise PageUnavailable(f"The site redirected to a broken address: {location[:100]}") from None
        raise PageUnavailable(f"More than {MAX_REDIRECTS} redirects.")

    def _get_once(self, url, deadline):
        try:
            parts = urlsplit(url)
            port = parts.port or DEFAULT_PORTS.get(parts.scheme)
            host = (parts.hostname or "").rstrip(".").encode("idna").decode("ascii")
        except (ValueError, UnicodeError):
            raise PageUnavailable(f"Not a valid address: {url[:100]}") from None
        if parts.scheme not in DEFAULT_PORTS or not host:
            raise PageUnavailable(f"Not an http(s) address: {url[:100]}")
        addresses = self._addresses(host, port, deadline)
        connection = CheckedConnection(
            host, port, addresses=addresses, tls=parts.scheme == "https", deadline=deadline
        )
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        named = f"[{host}]" if ":" in host else host
        headers = {
            "Host": named if port == DEFAULT_PORTS[parts.scheme] else f"{named}:{port}",
            "User-Agent": self.user_agent,
            "Accept": "text/html",
            "Connection": "close",
        }
        response = None
        try:
            connection.request("GET", target, headers=headers)
            response = connection.getresponse()
            location = response.getheader("Location") if response.status in REDIRECTS else None
            page = Page(response.status, b"", response.getheader("Content-Type", ""), False)
            if response.status < 300:
                page.body, page.truncated = self._read(response, deadline)
            if deadline.expired:
                raise deadline.error()
            return page, location
        except ssl.SSLCertVerificationError as error:
            message = f"The site's certificate is not valid for {host}: {error.verify_message}."
            raise PageUnavailable(message) from error
        except (OSError, ValueError, http.client.HTTPException) as error:
            # The socket's own timeout is the time that was left, so it too means the deadline passed.
            if deadline.expired or isinstance(error, TimeoutError):
                raise deadline.error() from error
            if isinstance(error, http.client.HTTPException):
                raise PageUnavailable(f"The site sent a broken answer: {_describe(error)}.") from error
            raise PageUnavailable(f"Could not connect: {_describe(error)}.") from error
        finally:
            if response is not None:
                response.close()
            connection.release()

    def _addresses(self, host, port, deadline):
        refusal = host_refusal(host)
        literal = _literal(host)
        if literal is not None:
            if refusal and literal not in self.allowed:
                raise PageUnavailable(f"{host} is {refusal}; not visited.")
            return [literal]
        if refusal:
            raise PageUnavailable(f"{host} is {refusal}; not visited.")
        try:
            answers = deadline.run(resolve, host, port)
        except (OSError, UnicodeError) as error:
            raise PageUnavailable(f"Host not found: {host}.") from error
        addresses = [ipaddress.ip_address(answer) for answer in answers]
        for address in addresses:
            # One answer inside is enough to refuse: which answer a client uses is not ours to choose.
            if not is_public_address(address) and address not in self.allowed:
                raise PageUnavailable(f"{host} resolves to {address}, not a public address; not visited.")
        if not addresses:
            raise PageUnavailable(f"Host not found: {host}.")
        return addresses

    def _read(self, response, deadline):
        chunks, size = [], 0
        while size <= self.max_bytes:
            chunk = response.read1(64 * 1024)
            if not chunk or deadline.expired:
                break
            chunks.append(chunk)
            size += len(chunk)
        body = b"".join(chunks)
        # A body cut short would be judged as if whole; http.client only notices that in read().
        declared = response.getheader("Content-Length", "")
        chunked = "chunked" in response.getheader("Transfer-Encoding", "").lower()
        if declared.isdigit() and not chunked and size < min(int(declared), self.max_bytes + 1):
            raise http.client.IncompleteRead(body, int(declared) - size)
        return body[: self.max_bytes], size > self.max_bytes


def _literal(host):
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _describe(error):
    text = str(error).strip() or error.__class__.__name__
    return text[:150]
