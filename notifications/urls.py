from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("hinweise/", views.MyFeedbackView.as_view(), name="mine"),
    path("hinweise/neu/", views.FeedbackCreateView.as_view(), name="give"),
    path("hinweise/<int:pk>/", views.FeedbackDetailView.as_view(), name="feedback"),
    path("pruefung/hinweise/", views.QueueView.as_view(), name="queue"),
    path("benachrichtigungen/", views.NotificationListView.as_view(), name="list"),
    path("benachrichtigungen/gelesen/", views.mark_all_read, name="read"),
    path("benachrichtigungen/einstellungen/", views.PreferenceView.as_view(), name="settings"),
    path("beobachten/", views.WatchView.as_view(), name="watch"),
    path("entwuerfe/<slug:kind>/<id:object_id>/<id:number>/kommentare/", views.DraftCommentsView.as_view(), name="comments"),
    path("entwuerfe/kommentare/<id:pk>/erledigt/", views.resolve_comment, name="resolve_comment"),
]
