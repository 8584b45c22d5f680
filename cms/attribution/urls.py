from django.urls import path

from cms.attribution import views

app_name = "attribution"
urlpatterns = [
    path("republish/<str:slug>/", views.republish, name="republish"),
    path("attribution/pixel/<int:interview_id>.gif", views.pixel, name="pixel"),
]
