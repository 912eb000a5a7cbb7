from django.urls import path

from devzone.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:kind>/<str:ident>/", views.subject_page, name="subject"),
    path("<str:kind>/<str:ident>/<str:key>/", views.series_page, name="series"),
]
