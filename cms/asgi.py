import os

from django.core.asgi import get_asgi_application

from cms.static import require_manifest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")

application = get_asgi_application()

# A clear error now rather than a bare 500 on every page ("Missing staticfiles manifest entry").
require_manifest()
