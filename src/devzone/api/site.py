"""The REST API: one NinjaAPI with a router per domain, and its OpenAPI document.

Every operation needs a signed-in caller (session or API token, see :mod:`devzone.api.auth`);
the OpenAPI document (``/api/openapi.json``) and the interactive docs (``/api/docs``, served
from devzone's own static files, no CDN) are open so that a client can be written before a
token is issued.
"""

from importlib import import_module

from ninja import NinjaAPI, Swagger

from devzone.api.auth import API_AUTH
from devzone.api.errors import install_error_handlers
from devzone.enterprises.api import router as enterprises_router
from devzone.projects.api import router as projects_router
from devzone.regions.api import router as regions_router

api = NinjaAPI(
    title="devzone API",
    version="1",
    urls_namespace="api",
    auth=API_AUTH,
    description="Project ledger, investment reports and problems of development zones.",
    # No call to validator.swagger.io: the docs must work on an isolated network.
    docs=Swagger(settings={"validatorUrl": None}),
)
install_error_handlers(api)
api.add_router("", regions_router)
api.add_router("", enterprises_router)
api.add_router("", projects_router)

# The routers of the other domain apps; their paths carry their own prefix (/chains, /leads …).
DOMAIN_ROUTERS = [
    "devzone.chains.api",
    "devzone.leads.api",
    "devzone.targets.api",
    "devzone.indicators.api",
    "devzone.texts.api",
]
for module_name in DOMAIN_ROUTERS:
    api.add_router("", import_module(module_name).router)
