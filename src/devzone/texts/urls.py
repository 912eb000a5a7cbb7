from django.urls import path

from devzone.texts import views

app_name = "texts"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("upload/", views.upload, name="upload"),
    path("documents/", views.documents, name="documents"),
    path("documents/<int:pk>/", views.document_page, name="document"),
    path("facts/<int:pk>/", views.review, name="review"),
    path("facts/<int:pk>/reject/", views.reject, name="reject"),
]
