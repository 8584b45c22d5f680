from django.urls import path

from cms.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.create, name="create"),
    path("token/", views.token, name="token"),
]
