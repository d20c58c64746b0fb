from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "processes"
    verbose_name = _("Processes")

    def ready(self):
        from processes import impact

        impact.register_own_sources()

        from django.apps import apps

        from processes import caching
        from processes.models import ContentVersion

        caching.track(*(model for model in self.get_models() if model is not ContentVersion))
        caching.track(*apps.get_app_config("law").get_models())
        caching.track_users()
