from django.urls import path

from devzone.leads import views

app_name = "leads"
urlpatterns = [
    path("", views.board, name="board"),
    path("new/", views.lead_create, name="create"),
    path("<int:pk>/", views.lead_detail, name="detail"),
    path("<int:pk>/advance/", views.lead_advance, name="advance"),
    path("<int:pk>/update/", views.lead_update, name="update"),
    path("<int:pk>/convert/", views.lead_convert, name="convert"),
]
