"""The editor's side of the benchmark: the change page of a 30-block interview, and saving one
changed block through its form, as an Editor, through the benchmark's running server.

A draft copy of the dataset's longest interview (30 blocks, its experts and topics) is made for
the measurement with a user in the Editors group, and both are removed afterwards. The page is
requested sequentially with that user's session cookie; each save posts the whole form as a
browser sends it (every field, file inputs empty, multipart) with one block's text changed.
The query counts come from the same requests made through Django's test client in a
subprocess, as the public pages' do: the server runs with DEBUG off and records none.
"""

import http.client
import json
import re
import secrets
import statistics
import time
from html.parser import HTMLParser

PAGE_TARGET_MS = 300
SAVE_QUERY_TARGET = 40
BLOCKS = 30
FORM_ID = "interview_form"
CHANGED_FIELD = "blocks-1-text"
USERNAME = "benchmark-editor"
SLUG_PREFIX = "editor-benchmark-"


def prepare(published=False):
    """Make the editor, the interview and a session, count the page's and a save's queries, print them.

    With `published`, the interview is published now (the save storm's: benchmarks/storm.py).
    """
    # Runs in a process with Django set up (Bench.django_eval); the queries through the test client.
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from cms.roles.definitions import EDITORS
    from interviews import refresh
    from interviews.models import Block, Interview, InterviewExpert
    from interviews.refresh import CONTENT, RELATED

    remove()
    with transaction.atomic():
        editor = get_user_model().objects.create_user(USERNAME, is_staff=True)
        editor.groups.add(Group.objects.get(name=EDITORS))
        source = Interview.objects.annotate(n=Count("blocks")).order_by("-n", "pk").first()
        credits = list(source.interview_experts.order_by("order", "pk"))
        interview = Interview.objects.create(
            title=source.title,
            slug=SLUG_PREFIX + source.slug[:40],
            lead=source.lead,
            language=source.language,
            byline=source.byline,
            interviewer_label=source.interviewer_label,
            status=Interview.Status.DRAFT,
            created_by=editor,
            updated_by=editor,
        )
        for credit in credits:
            InterviewExpert.objects.create(
                interview=interview,
                expert=credit.expert,
                role=credit.role,
                bio=credit.bio,
                order=credit.order,
            )
        interview.tags.set(list(source.tags.all()))
        blocks = list(source.blocks.order_by("order", "pk"))
        speakers = [credit.expert for credit in credits]
        for order in range(BLOCKS):
            block = blocks[order % len(blocks)]
            answer = speakers and block.kind == Block.Kind.ANSWER
            speaker = speakers[(order // 2) % len(speakers)] if answer else None
            Block.objects.create(
                interview=interview, kind=block.kind, text=block.text, order=order, speaker=speaker
            )
        if published:
            # As Publish does (interviews.workflow), without the checks a made-up interview fails.
            now = timezone.now()
            Interview.objects.filter(pk=interview.pk).update(
                status=Interview.Status.PUBLISHED, publish_at=now, status_changed_at=now
            )
            refresh.mark([interview.pk], *CONTENT, RELATED)
    client = Client(headers={"X-Forwarded-Proto": "https"})
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("admin:interviews_interview_change", args=[interview.pk])

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    def save(n):
        data = {**browser_form(page().content.decode()), CHANGED_FIELD: changed_text(n)}
        body, content_type = multipart(data)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, body, content_type=content_type)
        assert response.status_code == 302, response.content.decode()[:3000]
        return len(queries)

    page()  # the first request of a process fills caches it keeps
    with CaptureQueriesContext(connection) as queries:
        page()
    page_queries = len(queries)
    save(0)  # the first save looks up content types, which stay cached
    figures = {
        "url": url,
        "public_url": interview.get_absolute_url(),
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "cookie": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "blocks": interview.blocks.count(),
        "experts": len(credits),
        "page_queries": page_queries,
        "save_queries": save(1),
    }
    print(json.dumps(figures))


def remove():
    """Remove what prepare() made: the interview, its revisions, and the editor with their log."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from reversion.models import Revision

    from interviews.models import Interview

    made = Interview.objects.filter(slug__startswith=SLUG_PREFIX)
    Revision.objects.filter(
        version__content_type=ContentType.objects.get_for_model(Interview),
        version__object_id__in=[str(pk) for pk in made.values_list("pk", flat=True)],
    ).delete()
    made.delete()
    get_user_model().objects.filter(username=USERNAME).delete()


def changed_text(n):
    """Return the text the n-th save gives the changed block."""
    return f"<p>A changed answer, number {n}, about grain prices and the harvest.</p>"


class FormReader(HTMLParser):
    """Collect what a browser submits for one form: its successful controls, in document order."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields = []  # [name, value, is_file]
        self.textarea = self.select = None
        self.option = None

    def belongs(self, attrs):
        return attrs.get("form", self.form_id if self.inside else None) == self.form_id

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.belongs(attrs) and tag not in ("option", "optgroup"):
            return
        if "disabled" in attrs or (tag in ("input", "textarea", "select") and not attrs.get("name")):
            return
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append([attrs["name"], attrs.get("value", "on"), False])
                return
            is_file = kind == "file"
            self.fields.append([attrs["name"], "" if is_file else attrs.get("value", ""), is_file])
        elif tag == "textarea":
            self.textarea = [attrs["name"], "", False]
        elif tag == "select":
            self.select = {"name": attrs["name"], "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "", "selected" in attrs]
            self.select["options"].append(self.option)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        elif self.option is not None:
            self.option[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            # The HTML parser drops a newline right after <textarea>; browsers send CRLF line ends.
            value = self.textarea[1].removeprefix("\n")
            self.textarea[1] = re.sub(r"\r\n|\r|\n", "\r\n", value)
            self.fields.append(self.textarea)
            self.textarea = None
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            # An option without a value attribute sends its text.
            options = [
                (text.strip() if value is None else value, on) for value, text, on in self.select["options"]
            ]
            chosen = [value for value, on in options if on]
            if not chosen and options and not self.select["multiple"]:
                chosen = [options[0][0]]
            self.fields += [[self.select["name"], value, False] for value in chosen]
            self.select = None


def browser_form(html, form_id=FORM_ID):
    """Return the change form's fields as a browser sends them on Save, as {name: value or [values]}.

    A file input's value is None: sent as an empty file part.
    """
    reader = FormReader(form_id)
    reader.feed(html)
    reader.close()
    data = {}
    for name, value, is_file in reader.fields:
        value = None if is_file else value
        if name in data:
            data[name] = [*(data[name] if isinstance(data[name], list) else [data[name]]), value]
        else:
            data[name] = value
    data["_save"] = "Save"
    return data


def multipart(data):
    """Return (body, content type) of data as multipart/form-data, as a browser encodes a form."""
    boundary = "----benchmark" + secrets.token_hex(8)
    parts = []
    for name, values in data.items():
        for value in values if isinstance(values, list) else [values]:
            if value is None:
                head = f'Content-Disposition: form-data; name="{name}"; filename=""\r\n'
                head += "Content-Type: application/octet-stream"
                value = ""
            else:
                head = f'Content-Disposition: form-data; name="{name}"'
            parts.append(f"--{boundary}\r\n{head}\r\n\r\n{value}\r\n".encode())
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class Session:
    """An editor's browser: a session cookie, the CSRF cookie it is given, https as a proxy says."""

    def __init__(self, host, port, cookie_name, cookie):
        self.host, self.port = host, port
        self.cookies = {cookie_name: cookie}

    def request(self, method, path, body=None, headers=None):
        """Return (status, body, milliseconds to the last byte)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        headers = {"X-Forwarded-Proto": "https", "Cookie": cookie, **(headers or {})}
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        milliseconds = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";")[0].split("=", 1)
            self.cookies[name.strip()] = value
        connection.close()
        return response.status, content.decode(), milliseconds

    def page(self, path):
        status, html, milliseconds = self.request("GET", path)
        if status != 200 or FORM_ID not in html:
            raise SystemExit(f"the change page answered {status} to the benchmark editor")
        return html, milliseconds

    def save(self, path, n):
        html, _ = self.page(path)
        body, content_type = multipart({**browser_form(html), CHANGED_FIELD: changed_text(n)})
        origin = f"https://{self.host}:{self.port}"
        headers = {"Content-Type": content_type, "Origin": origin, "Referer": origin + path}
        status, answer, milliseconds = self.request("POST", path, body, headers)
        if status != 302:
            raise SystemExit(f"saving the change form answered {status}: {answer[:2000]}")
        return milliseconds


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(bench):
    """Time the change page and a save through bench's running server; return the figures."""
    requests = bench.args.editor_requests
    try:
        made = json.loads(bench.django_eval("from benchmarks.editor import prepare; prepare()"))
        session = Session("127.0.0.1", bench.args.port, made["cookie_name"], made["cookie"])
        # Each worker's first request compiles templates and opens its database connection.
        for _ in range(2 * bench.args.workers):
            session.page(made["url"])
        pages = [session.page(made["url"])[1] for _ in range(requests)]
        saves = [session.save(made["url"], n) for n in range(2, 2 + max(3, requests // 2))]
    finally:
        bench.django_eval("from benchmarks.editor import remove; remove(); print('removed')")
    figures = {
        "blocks": made["blocks"],
        "experts": made["experts"],
        "requests": len(pages),
        "page_p50": statistics.median(pages),
        "page_p95": percentile(pages, 0.95),
        "page_queries": made["page_queries"],
        "saves": len(saves),
        "save_p50": statistics.median(saves),
        "save_p95": percentile(saves, 0.95),
        "save_queries": made["save_queries"],
    }
    print(
        f"Editor: change page of {figures['blocks']} blocks p50 {figures['page_p50']:.0f} ms, "
        f"p95 {figures['page_p95']:.0f} ms, {figures['page_queries']} queries; save of one changed "
        f"block p50 {figures['save_p50']:.0f} ms, {figures['save_queries']} queries",
        flush=True,
    )
    return figures


def report_lines(figures):
    """Return the results file's "Editor" section."""
    page_ok = figures["page_p50"] < PAGE_TARGET_MS
    save_ok = figures["save_queries"] <= SAVE_QUERY_TARGET
    return [
        "## Editor",
        "",
        f"The admin change page of a {figures['blocks']}-block draft with {figures['experts']} "
        f"expert(s), as an Editor through the same server, page cache off: {figures['requests']} "
        f"sequential requests, then {figures['saves']} saves of one changed block (the whole form "
        "posted as a browser sends it). Queries counted with the test client.",
        "",
        "| measure | p50 ms | p95 ms | queries | target | |",
        "| --- | ---: | ---: | ---: | --- | --- |",
        f"| change page | {figures['page_p50']:.0f} | {figures['page_p95']:.0f} | "
        f"{figures['page_queries']} | p50 < {PAGE_TARGET_MS} ms | {'met' if page_ok else 'MISSED'} |",
        f"| save one changed block | {figures['save_p50']:.0f} | {figures['save_p95']:.0f} | "
        f"{figures['save_queries']} | ≤ {SAVE_QUERY_TARGET} queries | {'met' if save_ok else 'MISSED'} |",
        "",
    ]
