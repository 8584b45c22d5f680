from django.urls import path, register_converter

from interviews import feeds, views


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
    path("feed/", feeds.InterviewFeed(), name="feed"),
    path("feed/atom/", feeds.InterviewAtomFeed(), name="feed_atom"),
    path("interviews/<uslug:slug>/", views.interview_detail, name="interview_detail"),
    path("experts/", views.expert_list, name="expert_list"),
    path("experts/<uslug:slug>/", views.expert_detail, name="expert_detail"),
    path("experts/<uslug:slug>/feed/", feeds.ExpertFeed(), name="expert_feed"),
    path("experts/<uslug:slug>/feed/atom/", feeds.ExpertAtomFeed(), name="expert_feed_atom"),
    path("search/", views.search, name="search"),
    path("preview/<int:pk>/", views.preview, name="preview"),
    path("approval/<str:token>/", views.approval, name="approval"),
    path("tags/", views.tag_list, name="tag_list"),
    path("tags/<uslug:slug>/", views.tag_detail, name="tag_detail"),
    path("tags/<uslug:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tags/<uslug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
]
