"""The OpenAPI document and the interactive docs, which must work on an isolated network."""

from __future__ import annotations

import json
import re

from django.contrib.staticfiles import finders
from django.test import Client

EXPECTED_PATHS = {
    "/api/regions": {"get"},
    "/api/regions/{code}": {"get"},
    "/api/zones": {"get"},
    "/api/zones/{slug}": {"get"},
    "/api/departments": {"get"},
    "/api/enterprises": {"get", "post"},
    "/api/enterprises/{enterprise_id}": {"get", "patch"},
    "/api/projects": {"get", "post"},
    "/api/projects/{project_id}": {"get", "patch", "delete"},
    "/api/projects/{project_id}/milestones/{kind}": {"put"},
    "/api/projects/{project_id}/reports": {"get", "post"},
    "/api/projects/{project_id}/problems": {"get", "post"},
    "/api/problems/{problem_id}": {"patch"},
    "/api/problems/{problem_id}/resolve": {"post"},
    "/api/projects/{project_id}/history": {"get"},
}


def test_the_openapi_document_lists_every_endpoint(db):
    document = Client().get("/api/openapi.json").json()
    paths = {path: set(operations) for path, operations in document["paths"].items()}
    ledger_paths = {path: ops for path, ops in paths.items() if path in EXPECTED_PATHS}
    assert ledger_paths == EXPECTED_PATHS
    domains = {path.split("/")[2] for path in paths}
    assert {"chains", "leads"} <= domains
    schemes = document["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} == {"http", "apiKey"}


def test_money_is_documented_as_a_string(db):
    document = Client().get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert schemas["ProjectListItem"]["properties"]["planned_investment"]["type"] == "string"
    assert schemas["ProjectIn"]["properties"]["planned_investment"]["type"] == "string"


def test_the_docs_page_loads_only_devzone_static_files(db):
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, html
    assert all(url.startswith("/static/") for url in urls), urls
    assert "<script>" not in html  # the CSP allows no inline script
    for url in urls:
        assert finders.find(url.removeprefix("/static/")), url
    settings = re.search(r'id="swagger-settings">(.*?)</script>', html, re.S)[1]
    assert json.loads(settings)["validatorUrl"] is None  # no call to validator.swagger.io
    assert json.loads(settings)["url"] == "/api/openapi.json"


def test_the_docs_assets_are_served(db):
    client = Client()
    html = client.get("/api/docs").content.decode()
    script = re.search(r'src="(/static/[^"]+swagger-ui-bundle\.js)"', html)[1]
    response = client.get(script)
    assert response.status_code == 200
    assert b"SwaggerUIBundle" in b"".join(response.streaming_content)
    response.close()


def test_error_answers_are_documented(db):
    paths = Client().get("/api/openapi.json").json()["paths"]
    patch = paths["/api/projects/{project_id}"]["patch"]["responses"]
    assert {"200", "401", "403", "404", "422"} <= set(patch)
    listing = paths["/api/projects"]["get"]["responses"]
    assert {"200", "401", "422"} <= set(listing)
