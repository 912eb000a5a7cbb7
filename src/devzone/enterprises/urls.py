from django.urls import path

from devzone.enterprises import views

app_name = "enterprises"
urlpatterns = [
    path("", views.enterprise_list, name="list"),
    path("<int:pk>/", views.enterprise_detail, name="detail"),
    path("review/", views.review, name="review"),
    path("review/<int:pk>/", views.review_decide, name="review_decide"),
    path("review/match/", views.match_file, name="match_file"),
]
