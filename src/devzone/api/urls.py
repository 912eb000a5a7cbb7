from django.urls import path

from devzone.api.site import api

urlpatterns = [path("", api.urls)]
