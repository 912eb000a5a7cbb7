from django.urls import path

from devzone.dataio import views

app_name = "dataio"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("export/", views.export, name="export"),
    path("template/", views.template, name="template"),
    path("<uuid:token>/", views.preview, name="preview"),
    path("<uuid:token>/confirm/", views.confirm, name="confirm"),
    path("<uuid:token>/status.json", views.status, name="status"),
    path("<uuid:token>/rejected/", views.rejected, name="rejected"),
]
