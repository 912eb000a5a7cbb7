"""URLs of the web pages. Project pages live in the ``projects`` namespace."""

from django.urls import include, path

from devzone.web.views import auth, dashboard, documents, editing, meetings, projects, saved

project_patterns = [
    path("", projects.project_list, name="list"),
    path("export.csv", projects.project_csv, name="csv"),
    path("filters/", saved.save_filter, name="filter_save"),
    path("filters/<int:pk>/delete/", saved.delete_filter, name="filter_delete"),
    path("<int:pk>/", projects.project_detail, name="detail"),
    path("<int:pk>/delete/", editing.delete_project, name="delete"),
    path("<int:pk>/reports/", editing.submit_report, name="report"),
    path("<int:pk>/milestones/<slug:kind>/", editing.set_milestone, name="milestone"),
    path("<int:pk>/problems/", editing.add_problem, name="problem_add"),
    path(
        "<int:pk>/problems/<int:problem_id>/resolve/",
        editing.resolve_problem,
        name="problem_resolve",
    ),
    path("<int:pk>/documents/", documents.upload, name="document_upload"),
    path("<int:pk>/documents/<int:doc_id>/", documents.download, name="document"),
    path("<int:pk>/documents/<int:doc_id>/delete/", documents.delete, name="document_delete"),
]

meeting_patterns = [
    path("", meetings.index, name="index"),
    path("groups/<int:pk>/", meetings.agenda, name="agenda"),
    path("groups/<int:pk>/start/", meetings.start, name="start"),
    path("<int:pk>/", meetings.run, name="run"),
    path("<int:pk>/problems/<int:problem_id>/decide/", meetings.decide, name="decide"),
    path("<int:pk>/raise/", meetings.raise_problem, name="raise"),
    path("<int:pk>/notes/", meetings.notes, name="notes"),
    path("<int:pk>/minutes/", meetings.minutes, name="minutes"),
]

urlpatterns = [
    path("", dashboard.dashboard_page, name="dashboard"),
    path("", dashboard.dashboard_page, name="home"),
    path("login/", auth.login, name="login"),
    path("logout/", auth.logout, name="logout"),
    path("projects/", include((project_patterns, "projects"))),
    path("meetings/", include((meeting_patterns, "meetings"))),
]
