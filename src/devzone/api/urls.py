from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _

from devzone.api.site import api


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/ (/api/chains/abc): the API's own 404, not a web page."""
    return JsonResponse({"detail": _("Not found.")}, status=404)


urlpatterns = [path("", api.urls), re_path(r"^(?P<rest>.*)$", not_found)]
