"""Loopback servers, a fake DNS and a guard that keeps the link check's test traffic on this machine."""

import contextlib
import ipaddress
import socket
import socketserver
import threading
import time
from http.server import ThreadingHTTPServer
from unittest import mock

from django.test import TestCase, override_settings

# The address the tests' "public" sites stand on; LINK_CHECK_ALLOW_ADDRESSES lets the checker use it.
OUTSIDE = "127.0.0.2"
# Where something inside the network would answer; the checker must never reach it.
INSIDE = "127.0.0.1"


class FakeDNS:
    """Answer getaddrinfo for test names from a script: a list of answers, the last one repeated."""

    def __init__(self, real):
        self.real = real
        self.answers = {}
        self.delays = {}
        self.lookups = []

    def set(self, name, *answers):
        self.answers[name] = [
            list(answer) if isinstance(answer, list | tuple) else [answer] for answer in answers
        ]

    def __call__(self, host, port, *args, **kwargs):
        self.lookups.append(host)
        time.sleep(self.delays.get(host, 0))
        script = self.answers.get(host)
        if script is None:
            with contextlib.suppress(ValueError):
                if ipaddress.ip_address(host).is_loopback:
                    return self.real(host, port, *args, **kwargs)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        answer = script.pop(0) if len(script) > 1 else script[0]
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in answer
        ]


class LoopbackGuard:
    """Refuse and note every connection the code under test tries outside loopback."""

    def __init__(self, real):
        self.real = real
        self.refused = []

    def __call__(self, address, *args, **kwargs):
        try:
            loopback = ipaddress.ip_address(address[0]).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            self.refused.append(address)
            raise ConnectionRefusedError(f"test guard: {address} is not loopback")
        return self.real(address, *args, **kwargs)


def start(server):
    """Serve in a daemon thread until the test class stops it; return the server."""
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop(*servers):
    for server in servers:
        server.shutdown()
        server.server_close()


def http_server(handler, host=OUTSIDE, port=0):
    return start(ThreadingHTTPServer((host, port), handler))


def twin_http_servers(outside_handler, inside_handler):
    """Start servers on OUTSIDE and INSIDE sharing one port, so one address can name either."""
    for _ in range(20):
        outside = ThreadingHTTPServer((OUTSIDE, 0), outside_handler)
        try:
            inside = ThreadingHTTPServer((INSIDE, outside.server_address[1]), inside_handler)
        except OSError:
            outside.server_close()
            continue
        return start(outside), start(inside)
    raise RuntimeError("No port free on both loopback addresses")


class RawHandler(socketserver.StreamRequestHandler):
    """Read a request's head, then answer with whatever bytes the server's script gives its path."""

    def handle(self):
        request_line = self.rfile.readline(65537).decode("latin-1")
        while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
            pass
        path = request_line.split(" ")[1] if request_line.count(" ") >= 2 else "/"
        self.server.paths.append(path)
        answer = self.server.script.get(path, [b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"])
        with contextlib.suppress(OSError):
            for part in answer:
                if isinstance(part, float):
                    time.sleep(part)
                else:
                    self.wfile.write(part)
                    self.wfile.flush()


class RawServer(socketserver.ThreadingTCPServer):
    """A server that answers each path with a scripted list of bytes and pauses (floats, seconds)."""

    allow_reuse_address = True

    def __init__(self, script, host=OUTSIDE):
        super().__init__((host, 0), RawHandler)
        self.script = script
        self.paths = []


def trickle(head, pause, count):
    """Return a script sending head, then one byte of a header every `pause` seconds, `count` times."""
    return [head] + [part for _ in range(count) for part in (pause, b"x")]


class LinkCheckTestCase(TestCase):
    """A test of the link check with the fake DNS, the loopback guard and OUTSIDE counted as public."""

    def setUp(self):
        super().setUp()
        self.dns = FakeDNS(socket.getaddrinfo)
        self.guard = LoopbackGuard(socket.create_connection)
        self.addCleanup(lambda: self.assertEqual(self.guard.refused, [], "connections outside loopback"))
        self.enterContext(mock.patch("socket.getaddrinfo", self.dns))
        self.enterContext(mock.patch("socket.create_connection", self.guard))
        self.enterContext(override_settings(LINK_CHECK_ALLOW_ADDRESSES=[OUTSIDE]))
