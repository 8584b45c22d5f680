"""Answer a 301 for an address whose page moved (cms/addresses/moves.py), where it would be a 404."""

from django.http import HttpResponsePermanentRedirect

from cms.addresses.moves import local_path, new_address


class OldAddressMiddleware:
    """Only 404 answers to GET and HEAD are looked up: live pages cost nothing more."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = new_address(request.path)
        if target is None:
            return response
        try:
            # Checked when recorded; checked again, so a row put in by hand cannot send readers off the site.
            target = local_path(target)
        except ValueError:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(target + (f"?{query}" if query else ""))
