"""Who may call the API: a signed-in session (with CSRF for writes) or an API token."""

from __future__ import annotations

import json

from django.test import Client

from devzone.api.tests.client import ApiClient


def test_without_credentials_every_endpoint_answers_401_with_a_reason(project_a):
    anonymous = ApiClient()
    for path in ("/projects", f"/projects/{project_a.pk}", "/regions", "/enterprises"):
        response = anonymous.get(path)
        assert response.status_code == 401
        assert "Bearer" in response.json()["detail"]
    assert anonymous.post("/projects", {"name": "x"}).status_code == 401


def test_a_bearer_token_identifies_the_user(api_as, staff_a, project_a):
    response = api_as(staff_a).get("/projects")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [project_a.pk]


def test_an_unknown_or_malformed_token_is_refused(project_a):
    assert ApiClient("not-a-real-token").get("/projects").status_code == 401
    client = Client(headers={"Authorization": "Token abc"})
    assert client.get("/api/projects").status_code == 401


def test_a_token_writes_without_a_csrf_token(api_as, staff_a, project_a):
    response = api_as(staff_a).patch(f"/projects/{project_a.pk}", {"leader": "张三"})
    assert response.status_code == 200
    assert response.json()["leader"] == "张三"


def test_a_session_reads_and_writes_with_its_csrf_token(staff_a, project_a):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff_a)
    assert browser.get("/api/projects").status_code == 200

    body = json.dumps({"leader": "李四"})
    url = f"/api/projects/{project_a.pk}"
    refused = browser.patch(url, body, content_type="application/json")
    assert refused.status_code == 403
    project_a.refresh_from_db()
    assert project_a.leader == ""

    browser.get("/api/docs")  # any page that renders the token sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.patch(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200
    project_a.refresh_from_db()
    assert project_a.leader == "李四"


def test_an_anonymous_write_is_401_not_a_csrf_error(db):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/api/projects", "{}", content_type="application/json")
    assert response.status_code == 401


def test_an_address_the_api_does_not_have_is_a_json_404(api_as, staff_a):
    for path in ("/chains/abc", "/no-such-thing", "/projects/1/nonsense"):
        response = api_as(staff_a).get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]


def test_every_list_of_the_api_is_a_page_with_its_count():
    """A list answers {items, count} (?page=, ?page_size=), whatever it lists. One answer is
    not a list to page through: a ranking (the region and its peers, whole and in order)."""
    from devzone.api.site import api

    schema = api.get_openapi_schema()
    bare = [
        path
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method == "get"
        and operation["responses"].get(200, {}).get("content", {}).get("application/json", {})
        .get("schema", {}).get("type") == "array"
    ]  # fmt: skip
    assert bare == ["/api/indicators/ranking"]
