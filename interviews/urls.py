from django.urls import path, register_converter

from interviews import views


class UnicodeSlugConverter:
    """Match slugs in any script, as SlugField(allow_unicode=True) stores them."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")

app_name = "interviews"
urlpatterns = [
    path("", views.home, name="home"),
    path("interviews/<uslug:slug>/", views.interview_detail, name="interview_detail"),
    path("experts/", views.expert_list, name="expert_list"),
    path("experts/<uslug:slug>/", views.expert_detail, name="expert_detail"),
    path("tags/", views.tag_list, name="tag_list"),
    path("tags/<uslug:slug>/", views.tag_detail, name="tag_detail"),
]
