from django.urls import path

from devzone.chains import views

app_name = "chains"
urlpatterns = [
    path("", views.chain_list, name="list"),
    path("<int:pk>/", views.chain_detail, name="detail"),
    path("<int:pk>/gaps/", views.chain_gaps, name="gaps"),
    path("<int:pk>/links/", views.link_add, name="link_add"),
    path("<int:pk>/edges/", views.edge_add, name="edge_add"),
    path("<int:pk>/enterprises/", views.enterprise_attach, name="attach"),
]
