from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Feedback and notifications")

    def ready(self):
        from core.signals import assigned, law_change_recorded, released
        from notifications import panels, services

        panels.register()
        released.connect(services.released, dispatch_uid="notifications.released")
        assigned.connect(services.assigned, dispatch_uid="notifications.assigned")
        law_change_recorded.connect(services.law_change_recorded, dispatch_uid="notifications.law_change")
