from django.urls import path

from lawchanges import views

# The review queue keeps the namespace its pages have always had.
app_name = "review"

urlpatterns = [
    path("", views.ReviewQueueView.as_view(), name="index"),
    path("aenderungen/neu/", views.LawChangeCreateView.as_view(), name="record"),
    path("aenderungen/<id:pk>/", views.LawChangeDetailView.as_view(), name="change"),
    path("schliessen/", views.ReviewItemsCloseView.as_view(), name="close"),
]
