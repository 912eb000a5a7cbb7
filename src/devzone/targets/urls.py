from django.urls import path

from devzone.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:pk>/", views.plan_page, name="plan"),
    path("races/<int:pk>/", views.race_page, name="race"),
    path("briefing/", views.briefing_page, name="briefing"),
    path("briefing/download/", views.briefing_download, name="briefing_download"),
]
