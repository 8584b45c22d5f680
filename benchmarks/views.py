from django.http import HttpResponse

FLOOR_PAGE = "<!doctype html><title>Floor</title><p>A constant page for the benchmark.</p>\n"


def floor(request):
    """Return a constant small page: what the server and middleware cost with no work at all."""
    return HttpResponse(FLOOR_PAGE)
