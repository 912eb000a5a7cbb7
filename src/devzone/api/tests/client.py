"""A JSON client for /api/ and small readers of its answers."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client


class ApiClient:
    """A Django test client that speaks JSON to /api/ with a bearer token."""

    def __init__(self, token: str | None = None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = Client(headers=headers)

    def get(self, path: str, **params: Any):
        return self.client.get(f"/api{path}", params)

    def _send(self, method: str, path: str, data: Any):
        body = json.dumps(data) if data is not None else ""
        send = getattr(self.client, method)
        return send(f"/api{path}", body, content_type="application/json")

    def post(self, path: str, data: Any = None):
        return self._send("post", path, data)

    def patch(self, path: str, data: Any = None):
        return self._send("patch", path, data)

    def put(self, path: str, data: Any = None):
        return self._send("put", path, data)

    def delete(self, path: str):
        return self.client.delete(f"/api{path}")


def errors_by_field(response: Any) -> dict[str | None, str]:
    """The fields named in a 422 answer, with their messages."""
    assert response.status_code == 422, response.content
    return {error["field"]: error["message"] for error in response.json()["detail"]}
