from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DepartmentsConfig(AppConfig):
    name = "departments"
    verbose_name = _("Departments")

    def ready(self):
        from core import ownership
        from departments.rights import RULE

        ownership.register(RULE)
