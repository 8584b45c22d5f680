"""Reader pages in Chromium at a desktop width (1,366 px) and on a phone (390 px).

axe-core comes from the axe-playwright-python package (MPL-2.0 engine, shipped built in the
wheel; a test dependency, nothing vendored here). It is evaluated through the DevTools protocol,
which the pages' Content-Security-Policy does not govern.
"""

import re
from importlib import resources
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from interviews.models import ExpertTranslation
from tests.browser.base import BrowserTestCase
from tests.builders import image_upload, make_expert, make_interview

pytestmark = pytest.mark.browser

AXE = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES" / "django.po"
CYRILLIC = re.compile(r"^[\u0400-\u04FF\s.\-]+$")
MIN_TARGET = 24

# Interactive elements smaller than 24 × 24 px that are not inline in a sentence (WCAG 2.2, 2.5.8).
SMALL_TARGETS = """(min) => {
    const found = [];
    for (const el of document.querySelectorAll("a[href], button, summary, input, select, textarea")) {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (!box.width || !box.height || style.visibility === "hidden") continue;
        if (el.closest(".skip-link, .visually-hidden")) continue;
        // A link inside running text is exempt: its size is set by the line it sits in.
        const block = el.closest("p, li, figcaption, h2, h3");
        const alone = block && block.textContent.trim() === el.textContent.trim();
        const inline = style.display === "inline" && block && !alone;
        if (inline && !el.closest(".contents__list, .site-nav, .language-switcher")) continue;
        const size = `${box.width}x${box.height}`;
        if (box.width < min || box.height < min) found.push(`${el.outerHTML.slice(0, 80)} ${size}`);
    }
    return found;
}"""

# The visible text of the page that claims to be in Russian.
RUSSIAN_TEXT = """() => {
    const parts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const parent = node.parentElement;
        if (!parent || parent.closest("script, style, [hidden]")) continue;
        if ((parent.closest("[lang]")?.lang || "ru") !== "ru") continue;
        if (!parent.getClientRects().length) continue;
        parts.push(node.data);
    }
    return parts.join(" ").replace(/\\s+/g, " ");
}"""


SELECTED_LINE = """() => {
    const box = getSelection().getRangeAt(0).getBoundingClientRect();
    return {top: box.top, bottom: box.bottom, height: box.height};
}"""


def interface_phrases():
    """Return the English phrases of the Russian catalogue that must not appear on a Russian page."""
    phrases = set()
    for entry in polib.pofile(str(CATALOGUE)):
        for text in filter(None, [entry.msgid, entry.msgid_plural]):
            for piece in re.split(r"%\(\w+\)[sd]|\{[^}]*\}", text):
                piece = piece.strip(" .,:;“”\"'()«»—-")
                if re.search(r"[A-Za-z]{3,}", piece) and piece not in (entry.msgstr or ""):
                    phrases.add(piece)
    return phrases


class ReaderPagesMixin:
    def setUp(self):
        super().setUp()
        expert = make_expert(name="Aida Sultan", photo=image_upload("aida.jpg", (600, 600)))
        ExpertTranslation.objects.create(
            expert=expert,
            language="ru",
            name="Айда Султан",
            position="Гидролог",
            affiliation="Институт водной политики",
            short_bio="Айда Султан изучает реки региона.",
        )
        blocks = [
            ("question", "Who decides how the water is shared between the countries?"),
            ("answer", "Nobody {alone}. " + "The river decides more than people admit. " * 30),
            ("question", "What would a better agreement look like?"),
            ("answer", "One that counts winter as well as summer. " * 20),
        ]
        for n in range(6):
            make_interview(
                title=f"Rivers and rules, part {n + 1}",
                lead="A water economist on why the old bargain over the rivers is gone. " * 2,
                experts=[expert],
                tags=["Water", "Energy"] if n % 2 else ["Water"],
                blocks=blocks,
                cover_image=image_upload(f"cover-{n}.jpg", (1200, 800)),
                cover_caption="A reservoir in spring",
                cover_credit="Photo: Meridian",
            )
        self.english = make_interview(
            title="Who owns the river?",
            experts=[expert],
            tags=["Water"],
            blocks=blocks,
            slug="who-owns-the-river",
        )
        self.russian = make_interview(
            title="Кому принадлежит река?",
            lead="Гидролог объясняет, почему старые договорённости о воде больше не работают.",
            language="ru",
            slug="кому-принадлежит-река",
            interviewer_label="Меридиан",
            experts=[expert],
            tags=["Вода"],
            blocks=[
                ("question", "Кто решает, как делить воду?"),
                ("answer", "Никто в одиночку. " + "Река решает больше, чем признают люди. " * 30),
                ("question", "Каким было бы лучшее соглашение?"),
                ("answer", "Таким, которое считает и зиму, и лето. " * 20),
            ],
        )
        # The role and bio at the time, as an editor writes them for a Russian interview.
        self.russian.interview_experts.update(role="Гидролог", bio="Айда Султан изучает реки региона.")
        self.russian.save()
        self.expert = expert
        with translation.override("en"):
            self.public_pages = [
                "/",
                self.english.get_absolute_url(),
                f"/experts/{expert.slug}/",
                "/experts/",
                "/tags/water/",
                "/tags/",
                "/search/?q=river",
                f"/republish/{self.english.slug}/",
            ]
        self.russian_pages = [
            "/ru/",
            self.russian.get_absolute_url(),
            f"/ru/experts/{expert.slug}/",
            "/ru/experts/",
            "/ru/tags/",
            "/ru/search/?q=река",
        ]

    def test_no_page_scrolls_sideways(self):
        for path in self.public_pages + self.russian_pages:
            with self.subTest(path=path):
                page = self.open(path)
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                self.assertLessEqual(overflow, 0)

    def test_header_has_air_above_the_wordmark_and_below_the_rule(self):
        for path in ["/", self.english.get_absolute_url(), f"/experts/{self.expert.slug}/", "/tags/water/"]:
            with self.subTest(path=path):
                page = self.open(path)
                name = page.locator(".site-name").bounding_box()
                header = page.locator(".site-header").bounding_box()
                first = page.locator("main h1:visible, main .card--lead .card__title").first.bounding_box()
                self.assertGreaterEqual(name["y"], 8)
                self.assertGreaterEqual(first["y"] - (header["y"] + header["height"]), 24)
        self.assertLessEqual(header["height"], self.max_header_height)

    def test_home_page_leads_with_a_picture(self):
        page = self.open("/")
        picture = page.locator(".card--lead .card__picture img")
        self.assertTrue(picture.is_visible())
        self.assertGreater(picture.evaluate("img => img.naturalWidth"), 0)
        # The next three follow in a row, with their pictures where they have one.
        self.assertEqual(page.locator(".front__top .card").count(), 3)
        self.assertTrue(page.locator(".front__top .card__picture img").first.is_visible())
        self.assertTrue(page.locator(".topic-section").first.is_visible(), page.content()[-3000:])

    def test_russian_interview_names_its_expert_in_cyrillic(self):
        page = self.open(self.russian.get_absolute_url())
        self.assertRegex(page.locator(".expert-box__name").inner_text().strip(), CYRILLIC)
        page = self.open(f"/ru/experts/{self.expert.slug}/")
        self.assertEqual(page.locator("h1").inner_text().strip(), "Айда Султан")

    def test_russian_pages_have_no_english_interface_words(self):
        phrases = interface_phrases()
        self.assertIn("Republish", phrases)
        for path in self.russian_pages:
            with self.subTest(path=path):
                # Addresses shown as text keep the site's paths (/ru/interviews/…).
                text = re.sub(r"\S+://\S+", "", self.open(path).evaluate(RUSSIAN_TEXT))
                leaks = sorted(
                    p for p in phrases if re.search(r"(?<![A-Za-z])" + re.escape(p) + r"(?![A-Za-z])", text)
                )
                self.assertEqual(leaks, [])
                # Key names are the same on every keyboard.
                words = set(re.findall(r"[A-Za-z]{3,}", text)) - {"Ctrl", "Enter"}
                self.assertEqual(words, set())

    def test_every_tap_target_is_at_least_24_px(self):
        for path in self.public_pages + self.russian_pages:
            with self.subTest(path=path):
                self.assertEqual(self.open(path).evaluate(SMALL_TARGETS, MIN_TARGET), [])

    def test_axe_finds_no_violations(self):
        for path in self.public_pages + self.russian_pages:
            with self.subTest(path=path):
                page = self.open(path)
                page.evaluate(AXE)
                violations = page.evaluate("async () => (await axe.run()).violations")
                summary = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
                self.assertEqual(summary, [])


class DesktopReaderTests(ReaderPagesMixin, BrowserTestCase):
    viewport = {"width": 1366, "height": 900}
    max_header_height = 100

    def test_interview_uses_the_width_with_a_side_column(self):
        page = self.open(self.english.get_absolute_url())
        body = page.locator(".interview__body").bounding_box()
        side = page.locator(".interview__side").bounding_box()
        self.assertGreater(side["x"], body["x"] + body["width"])
        # Balanced: the space left of the text and right of the side column differ by little.
        right_gap = 1366 - (side["x"] + side["width"])
        self.assertLess(abs(body["x"] - right_gap), 120)
        self.assertTrue(page.locator(".contents__list").is_visible())


class PhoneReaderTests(ReaderPagesMixin, BrowserTestCase):
    viewport = {"width": 390, "height": 844}
    has_touch = True
    max_header_height = 110

    def test_footer_speaks_of_the_touch_button(self):
        page = self.open(self.english.get_absolute_url())
        footer = page.locator(".site-footer__report").inner_text()
        self.assertIn("Report a typo", footer)
        self.assertNotIn("Ctrl+Enter", footer)

    def test_report_button_never_covers_the_selected_line(self):
        page = self.open(self.english.get_absolute_url())
        button = page.get_by_role("button", name="Report a typo")
        for where in ["center", "end"]:
            with self.subTest(selection_at=where):
                self.assertTrue(self.select_text("admit"))
                page.evaluate(
                    "(where) => getSelection().getRangeAt(0).startContainer.parentElement"
                    ".scrollIntoView({block: where})",
                    where,
                )
                button.wait_for()
                page.wait_for_timeout(300)
                line = page.evaluate(SELECTED_LINE)
                box = button.bounding_box()
                # Clear of the selected line and of the line after it.
                self.assertTrue(
                    box["y"] >= line["bottom"] + line["height"] or box["y"] + box["height"] <= line["top"],
                    (box, line),
                )

    def test_questions_fold_into_contents_above_the_text(self):
        page = self.open(self.english.get_absolute_url())
        self.assertFalse(page.locator(".contents__list").is_visible())
        page.locator(".contents__title").tap()
        self.assertTrue(page.locator(".contents__list").is_visible())
