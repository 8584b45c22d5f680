import json
import math
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from cms.clients import client_hash, hit
from cms.faults import answers_in_json
from cms.reports.forms import ReportForm
from cms.reports.models import ErrorReport, with_page_text
from cms.reports.notifications import report_received
from cms.reports.text import page_context, page_text, suggestion_from_comment
from interviews.models import Interview

BODY_LIMIT = 16_384
FIELDS = {"selection", "context_before", "context_after", "page", "block", "comment", "email", "website"}


class PageNotFound(Exception):
    pass


def _error(status, code, message, *, retry=False, headers=None):
    return JsonResponse({"error": message, "code": code, "retry": retry}, status=status, headers=headers)


def _csrf_rejected(request):
    """Return whether Django's CSRF check refuses the request (its HTML answer is not used)."""
    checker = CsrfViewMiddleware(lambda request: None)
    return checker.process_view(request, lambda request: None, (), {}) is not None


def _well_formed(data):
    if not isinstance(data, dict) or not data.keys() <= FIELDS:
        return False
    for name, value in data.items():
        if value is None:
            continue
        if name == "block" and isinstance(value, int) and not isinstance(value, bool):
            continue
        if not isinstance(value, str):
            return False
        try:
            value.encode()
        except UnicodeEncodeError:  # a lone surrogate from "\ud800" in JSON
            return False
        if name == "page" and _split(value) is None:
            return False
    return True


def _interview_for(page, request):
    """Return the published interview at the page address, with its text, or raise PageNotFound."""
    address = urlsplit(page)
    if address.netloc and address.netloc != request.get_host():
        raise PageNotFound(_("This page is not part of this site."))
    path = unquote(address.path)
    try:
        # Reader pages carry their interface language in the path (/ru/…); resolve them in it.
        with translation.override(_language_of(path)):
            match = resolve(path) if path.startswith("/") else None
    except Resolver404:
        match = None
    if match is None:
        raise PageNotFound(_("This page was not found on this site."))
    if match.view_name != "interviews:interview_detail":
        raise PageNotFound(_("Reports can be sent from interview pages only."))
    interview = with_page_text(Interview.objects.published()).filter(slug=match.kwargs["slug"]).first()
    if interview is None:
        raise PageNotFound(_("This interview is not published, so there is nothing to report on it."))
    return interview


@answers_in_json
@csrf_exempt  # It only reads; anything but GET is refused below, in JSON.
@never_cache
def token(request):
    """Return a CSRF token for the report dialog; pages themselves carry none, so they can be cached."""
    if request.method != "GET":
        return _error(405, "method", _("Ask for a token with GET."), headers={"Allow": "GET"})
    return JsonResponse({"csrfToken": get_token(request)})


def _language_of(path):
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def _split(address):
    """Return the parts of an address, or None for one that cannot be parsed (such as "http://[::1/x")."""
    try:
        return urlsplit(address)
    except ValueError:
        return None


@answers_in_json
@csrf_exempt  # Checked in the view, so that a failure is answered in JSON the dialog can show.
@never_cache
def create(request):
    """Store a reader's spelling error report sent as JSON by the report dialog."""
    # Answer in the language of the page the reader is on (the endpoint itself has no prefix).
    referer = _split(request.headers.get("Referer", ""))
    with translation.override(_language_of(referer.path if referer else "")):
        return _create(request)


def _create(request):
    if request.method != "POST":
        return _error(405, "method", _("Reports are sent with POST."), headers={"Allow": "POST"})
    # Type and size come first, so that no check below parses a form or reads a huge body.
    if request.content_type != "application/json":
        return _error(415, "content_type", _("The report must be sent as JSON."))
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > BODY_LIMIT or len(request.body) > BODY_LIMIT:
        return _error(413, "too_large", _("The report is too large. Please select less text."))
    if _csrf_rejected(request):
        return _error(
            403,
            "csrf",
            _("Your browser's security check failed. Please reload the page and try again."),
            retry=True,
        )

    limit = hit(request, "reports", limit=settings.REPORTS_PER_HOUR, period=3600)
    if not limit.allowed:
        minutes = math.ceil(limit.retry_after / 60)
        return _error(
            429,
            "rate_limited",
            _("You have sent many reports in a short time. Please try again in %(minutes)d minutes.")
            % {"minutes": minutes},
            retry=True,
            headers={"Retry-After": str(limit.retry_after)},
        )

    try:
        data = json.loads(request.body)
    # Nesting deeper than Python's recursion limit is refused by the parser with RecursionError.
    except (ValueError, RecursionError):
        data = None
    if not _well_formed(data):
        return _error(
            400, "bad_request", _("The report could not be read. Please reload the page and try again.")
        )
    form = ReportForm(data={name: value for name, value in data.items() if value is not None})
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        code = "automated" if field == "website" else f"invalid_{field}"
        return _error(422, code, errors[0], retry=field not in {"website", "page"})
    sent = form.cleaned_data
    try:
        interview = _interview_for(sent["page"], request)
    except PageNotFound as error:
        return _error(404, "no_page", str(error))
    # Only the page's own words around the selection are kept: what editors read and are mailed,
    # and what identical reports merge on, cannot be made up by the sender.
    context = page_context(
        page_text(interview), sent["selection"], sent["context_before"], sent["context_after"]
    )
    if context is None:
        return _error(
            422,
            "not_on_page",
            _("This text is not on the page. If the page has just changed, please reload it and try again."),
        )

    block_ids = {block.pk for block in interview.blocks.all()}
    # All of it or none of it: a connection lost half-way must not leave a count without its comment.
    with transaction.atomic():
        saved, created = ErrorReport.objects.record(
            interview=interview,
            selection=sent["selection"],
            context_before=context[0],
            context_after=context[1],
            block_id=sent["block"] if sent["block"] in block_ids else None,
            comment=sent["comment"],
            suggestion=suggestion_from_comment(sent["comment"], sent["selection"]),
            reporter_email=sent["email"],
            client_hash=client_hash(request),
        )
    if created:
        report_received(saved, request)
    return JsonResponse(
        {"message": _("Thank you! Our editors will look at it.")}, status=201 if created else 200
    )
