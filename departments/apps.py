from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DepartmentsConfig(AppConfig):
    name = "departments"
    verbose_name = _("Departments")

    def ready(self):
        from core import caching, ownership
        from departments.rights import RULE

        ownership.register(RULE)
        # Which department owns what, and who belongs to it, is shown on pages (the map's bands).
        caching.track(*self.get_models())
