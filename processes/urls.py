from django.urls import path

from processes import views

app_name = "processes"

urlpatterns = [
    path("prozesse/", views.ProcessMapView.as_view(), name="map"),
    path("prozesse/<slug:slug>/", views.ProcessDetailView.as_view(), name="process"),
    path("prozesse/<slug:slug>/geprueft/", views.ProcessReviewedView.as_view(), name="reviewed"),
    path("rollen/", views.RoleListView.as_view(), name="roles"),
    path("rollen/<slug:slug>/", views.RoleDetailView.as_view(), name="role"),
]
