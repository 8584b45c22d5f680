"""Visit each known republishing page and record whether it links back to us with an active link.

Meant to run on a schedule (e.g. daily from cron). Each page costs at most two requests (its
site's robots.txt, cached for the run, and the page) plus redirects, together bounded by
LINK_CHECK_TIMEOUT seconds, each by LINK_CHECK_MAX_BYTES bytes (cms/attribution/fetch.py).
"""

import logging
import urllib.robotparser
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import F
from django.utils import timezone

from cms.attribution.fetch import Fetcher, PageUnavailable
from cms.attribution.links import page_text_forms, same_page
from cms.attribution.models import Republication

USER_AGENT_TOKEN = "MeridianLinkCheck"
# Search engines read these rel values as "do not follow": the link passes nothing on.
NOT_FOLLOWED = {"nofollow", "ugc", "sponsored"}
# Text inside these is not shown to readers as a link or as text.
HIDDEN_TAGS = {"script", "style", "template"}
Status = Republication.LinkStatus
logger = logging.getLogger(__name__)


class LinkFinder(HTMLParser):
    """Note how a page mentions any of the target addresses."""

    def __init__(self, page_url, targets):
        super().__init__(convert_charrefs=True)
        self.base_url = page_url
        self.targets = targets
        self.text_forms = set().union(*(page_text_forms(target) for target in targets))
        self.found = set()
        self._hidden = None

    def _mentions(self, text):
        text = text.lower()
        return any(form in text for form in self.text_forms)

    def handle_starttag(self, tag, attrs):
        if self._hidden:
            return
        attrs = dict(attrs)
        if tag in HIDDEN_TAGS:
            self._hidden = tag
            return
        if tag == "base" and attrs.get("href"):
            self.base_url = urljoin(self.base_url, attrs["href"].strip())
        href = (attrs.get("href") or "").strip()
        if tag == "a" and href and any(same_page(urljoin(self.base_url, href), t) for t in self.targets):
            rel = set((attrs.get("rel") or "").lower().split())
            self.found.add("nofollow" if rel & NOT_FOLLOWED else "active")
            return
        if any(value and self._mentions(value) for value in attrs.values()):
            # E.g. <link rel="canonical">, a data-href for a script, an <a> without a real href.
            self.found.add("attribute")

    def handle_endtag(self, tag):
        if tag == self._hidden:
            self._hidden = None

    def handle_data(self, data):
        if self._mentions(data):
            self.found.add("script" if self._hidden == "script" else "text" if not self._hidden else "hidden")


INACTIVE_REASONS = {
    "nofollow": "a link marked nofollow",
    "script": "a script, which may build a link",
    "text": "text, not a link",
    "attribute": "an attribute, not a link",
    "hidden": "hidden markup",
}


def judge(page_url, html, targets):
    """Return (link status, detail) for a page's HTML."""
    finder = LinkFinder(page_url, targets)
    finder.feed(html)
    finder.close()
    if "active" in finder.found:
        return Status.LINKED, "An active link to the interview."
    reasons = [INACTIVE_REASONS[kind] for kind in INACTIVE_REASONS if kind in finder.found]
    if reasons:
        return Status.INACTIVE_LINK, "Our address appears only in " + "; ".join(reasons) + "."
    return Status.NO_LINK, "No link to the interview."


class Command(BaseCommand):
    help = "Visit republishing pages and record whether each links actively to the interview."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=500, help="Check at most this many pages (oldest check first)."
        )
        parser.add_argument("--interview", type=int, help="Only pages that republished this interview (id).")

    def handle(self, *args, limit, interview, **options):
        site_url = settings.SITE_URL
        if not site_url:
            raise CommandError("Set SITE_URL: the check looks for links to the site's public address.")
        self.fetcher = Fetcher(
            user_agent=f"{USER_AGENT_TOKEN}/1.0 (+{site_url})",
            timeout=settings.LINK_CHECK_TIMEOUT,
            max_bytes=settings.LINK_CHECK_MAX_BYTES,
        )
        self.robots = {}
        republications = Republication.objects.select_related("interview").order_by(
            F("checked_at").asc(nulls_first=True), "pk"
        )
        if interview:
            republications = republications.filter(interview_id=interview)
        outcomes = Counter()
        for republication in republications[:limit]:
            try:
                status, detail = self.check_page(republication, site_url)
            except Exception:
                # One page that breaks the checker in a way not foreseen must not stop the run.
                logger.exception("Link check failed for %s", republication.page_url)
                status, detail = Status.UNREACHABLE, "The check failed on this page; see the log."
            Republication.objects.filter(pk=republication.pk).update(
                link_status=status, check_detail=detail[:300], checked_at=timezone.now()
            )
            outcomes[status] += 1
            self.stdout.write(f"{status:<14} {republication.page_url}  {detail}")
        summary = ", ".join(f"{count} {Status(status).label.lower()}" for status, count in outcomes.items())
        self.stdout.write(f"Checked {sum(outcomes.values())} pages" + (f": {summary}." if summary else "."))

    def check_page(self, republication, site_url):
        """Return (link status, detail) for one republishing page, robots.txt honoured."""
        interview = republication.interview
        targets = [site_url + interview.get_absolute_url()]
        if (
            interview.origin == interview.Origin.PARTNER
            and interview.canonical_to_source
            and interview.source_url
        ):
            targets.append(interview.source_url)
        url = republication.page_url
        deadline = self.fetcher.deadline()
        try:
            if not self.allowed_by_robots(url, deadline):
                return Status.BLOCKED, "The site's robots.txt asks us not to visit this page."
            page = self.fetcher.get(url, deadline)
        except PageUnavailable as error:
            return Status.UNREACHABLE, str(error)
        if page.status in {404, 410}:
            return Status.UNREACHABLE, f"Page gone (HTTP {page.status})."
        if page.status >= 300:
            return Status.UNREACHABLE, f"The site answered HTTP {page.status}."
        content_type = page.content_type
        if content_type and "html" not in content_type.lower() and "text/" not in content_type.lower():
            return Status.NO_LINK, f"Not an HTML page ({content_type[:60]})."
        status, detail = judge(url, _decode(page.body, content_type), targets)
        if page.truncated and status != Status.LINKED:
            detail += f" Only the first {self.fetcher.max_bytes} bytes were read."
        return status, detail

    def allowed_by_robots(self, url, deadline):
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self.robots:
            self.robots[site] = self._robots(site, deadline)
        return self.robots[site].can_fetch(USER_AGENT_TOKEN, url)

    def _robots(self, site, deadline):
        parser = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        robots = self.fetcher.get(site + "/robots.txt", deadline)
        # As RFC 9309 asks: no file means no rules; refusal or a server error means stay away.
        if robots.status in {401, 403} or robots.status >= 500:
            parser.disallow_all = True
        elif robots.status >= 400:
            parser.allow_all = True
        else:
            parser.parse(_decode(robots.body, robots.content_type).splitlines())
        return parser


def _decode(body, content_type):
    charset = "utf-8"
    if "charset=" in content_type.lower():
        charset = content_type.lower().split("charset=")[-1].split(";")[0].strip().strip("\"'") or charset
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")
