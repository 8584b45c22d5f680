"""Topics (taggit's tags) in the admin, and the suggestions the interview form offers while typing."""

from django.contrib import admin
from django.http import JsonResponse
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

TAG_SUGGESTION_LIMIT = 10


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    # taggit's "Merge selected tags" checks no permission, and it moves only rows of taggit's own
    # tag table, not interviews' (TaggedInterview): merging would leave every interview untouched.
    actions = []

    def get_urls(self):
        return admin.ModelAdmin.get_urls(self)


def tag_suggestions(request, model_admin):
    """Return existing tag names that match what the editor is typing."""
    if not model_admin.has_view_or_change_permission(request):
        return JsonResponse({"error": "You may not view interviews."}, status=403)
    term = request.GET.get("q", "").strip()[:100]
    names = []
    if term:
        names = list(
            Tag.objects.filter(name__icontains=term)
            .order_by("name")
            .values_list("name", flat=True)[:TAG_SUGGESTION_LIMIT]
        )
    return JsonResponse({"tags": names})
