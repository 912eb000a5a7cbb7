"""Saved filters: named query strings of the project list, each person's own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from devzone.web.models import SavedFilter
from devzone.web.tests.conftest import signed_in

pytestmark = pytest.mark.django_db

SAVE = reverse("projects:filter_save")


def test_a_filter_is_saved_and_listed_for_its_owner_only(client_a, staff_a, staff_b):
    response = client_a.post(
        SAVE, {"saved-name": "大项目", "saved-query": "size=1e9&stage=signed&page=3&evil=1"}
    )

    saved = SavedFilter.objects.get(user=staff_a)
    assert saved.query == "size=1e9&stage=signed"  # the page and unknown parameters are dropped
    assert response["Location"] == "/projects/?size=1e9&stage=signed"
    html = client_a.get(reverse("projects:list")).content.decode()
    assert "大项目" in html
    assert "大项目" not in signed_in(staff_b).get(reverse("projects:list")).content.decode()


def test_saving_under_the_same_name_replaces_the_query(client_a, staff_a):
    client_a.post(SAVE, {"saved-name": "mine", "saved-query": "stage=signed"})
    client_a.post(SAVE, {"saved-name": "mine", "saved-query": "stage=approved"})

    assert list(SavedFilter.objects.values_list("name", "query")) == [("mine", "stage=approved")]


def test_a_nameless_filter_is_refused_with_the_input_kept(client_a):
    response = client_a.post(SAVE, {"saved-name": "", "saved-query": "stage=signed"})

    assert response.status_code == 400
    assert 'value="stage=signed"' in response.content.decode()
    assert not SavedFilter.objects.exists()


def test_deleting_asks_first_and_only_a_post_deletes(client_a, staff_a, staff_b):
    client_a.post(SAVE, {"saved-name": "mine", "saved-query": "stage=signed"})
    saved = SavedFilter.objects.get()
    url = reverse("projects:filter_delete", args=[saved.pk])

    confirm = client_a.get(url)
    assert confirm.status_code == 200
    assert 'method="post"' in confirm.content.decode()
    assert SavedFilter.objects.exists()

    assert signed_in(staff_b).post(url).status_code == 404  # someone else's filter
    client_a.post(url)
    assert not SavedFilter.objects.exists()
