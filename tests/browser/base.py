"""A live server and a real Chromium for browser tests.

Playwright drives Debian's /usr/bin/chromium; nothing is downloaded. Without Chromium the tests
are skipped, except under CI, where a missing browser is a failure.
"""

import os
import shutil
import unittest

from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.db import connections

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
HAVE_CHROMIUM = bool(shutil.which(CHROMIUM))

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the test
# itself are still synchronous, so Django's guard against async contexts does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Find the word in the page's text; select it, or return the middle of its box on screen.
FIND_WORD = """([word, select]) => {
    const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const index = walker.currentNode.data.indexOf(word);
        if (index < 0) continue;
        const range = document.createRange();
        range.setStart(walker.currentNode, index);
        range.setEnd(walker.currentNode, index + word.length);
        if (select) {
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
        }
        const box = range.getBoundingClientRect();
        return {x: box.left + box.width / 2, y: box.top + box.height / 2};
    }
    return null;
}"""


@unittest.skipUnless(HAVE_CHROMIUM or os.environ.get("CI"), f"Chromium not installed at {CHROMIUM}")
class BrowserTestCase(StaticLiveServerTestCase):
    """Open each test in a fresh Chromium page against the live server.

    This is a TransactionTestCase: make rows in setUp, not setUpTestData.
    """

    # The flush after each test would drop the roles the migrations made; put them back.
    serialized_rollback = True
    viewport = {"width": 1280, "height": 900}
    has_touch = False

    @classmethod
    def setUpClass(cls):
        serialized = {
            alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections
        }
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        cls._playwright = sync_playwright().start()
        cls.browser = cls._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        # Playwright's greenlet gives this thread fresh connection objects without the data saved
        # at start-up, so the flush after each test could not restore the roles. Hand it on.
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls._playwright.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.context = self.browser.new_context(viewport=self.viewport, has_touch=self.has_touch)
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.console_errors = []
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def tearDown(self):
        self.context.close()
        super().tearDown()

    def select_text(self, word):
        """Select the first occurrence of word in the page's main text; return whether it was found."""
        return self.page.evaluate(FIND_WORD, [word, True]) is not None

    def open(self, path):
        self.page.goto(self.live_server_url + path)
        return self.page
