from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("devzone.api.urls")),
    path("import/", include("devzone.dataio.urls")),
    path("targets/", include("devzone.targets.urls")),
    path("chains/", include("devzone.chains.urls")),
    path("leads/", include("devzone.leads.urls")),
    path("enterprises/", include("devzone.enterprises.urls")),
    path("indicators/", include("devzone.indicators.urls")),
    path("texts/", include("devzone.texts.urls")),
    path("", include("devzone.web.urls")),
]
