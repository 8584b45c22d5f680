from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from cms import media, views
from cms.view_on_site import view_on_site
from interviews.sitemaps import SITEMAPS

admin.site.site_header = f"{settings.SITE_NAME} editorial"
admin.site.site_title = f"{settings.SITE_NAME} editorial"
admin.site.index_title = "Newsroom"

# A lost database answers 503, not 500, even when a middleware is what met it.
handler500 = "cms.faults.server_error"

urlpatterns = [
    # Ahead of the admin's own "view on site" address, which it replaces (see cms/view_on_site.py).
    path(
        f"{settings.ADMIN_URL}r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    path("reports/", include("cms.reports.urls")),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("cms.attribution.urls")),
]
# Reader pages: English at /, Russian under /ru/ (see LANGUAGES in settings).
urlpatterns += i18n_patterns(path("", include("interviews.urls")), prefix_default_language=False)

if settings.MEDIA_SERVE:
    urlpatterns.append(path(settings.MEDIA_URL.lstrip("/") + "<path:name>", media.serve, name="media"))
