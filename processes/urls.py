from django.urls import path

from processes import views

app_name = "processes"

urlpatterns = [
    path("prozesse/", views.ProcessMapView.as_view(), name="map"),
    path("prozesse/import/", views.BpmnImportView.as_view(), name="bpmn_import"),  # before the slugs
    path("prozesse/handbuch/", views.HandbookView.as_view(), name="handbook"),
    path("prozesse/<slug:slug>/", views.ProcessDetailView.as_view(), name="process"),
    path("prozesse/<slug:slug>/bpmn/", views.ProcessBpmnView.as_view(), name="bpmn"),
    path("prozesse/<slug:slug>/geprueft/", views.ProcessReviewedView.as_view(), name="reviewed"),
    path("prozesse/<slug:slug>/versionen/", views.VersionListView.as_view(), name="versions"),
    path("prozesse/<slug:slug>/versionen/<id:number>/", views.VersionDetailView.as_view(), name="version"),
    path("prozesse/<slug:slug>/versionen/<id:number>/freigeben/", views.ReleaseVersionView.as_view(), name="release"),
    path("prozesse/<slug:slug>/versionen/<id:number>/wiederherstellen/", views.RestoreVersionView.as_view(), name="restore"),
    path("prozesse/<slug:slug>/vergleich/", views.CompareView.as_view(), name="compare"),
    path("rollen/", views.RoleListView.as_view(), name="roles"),
    path("rollen/<slug:slug>/", views.RoleDetailView.as_view(), name="role"),
]
