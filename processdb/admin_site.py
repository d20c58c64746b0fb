"""The project's admin site: Django's, with German titles and people by full name in autocompletes."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import PeopleAutocompleteJsonView


class ProcessdbAdminSite(admin.AdminSite):
    """`django.contrib.admin.site` of this project (processdb.apps.ProcessdbAdminConfig)."""

    site_header = _("Process database – administration")
    site_title = _("Process database")
    index_title = _("Maintain processes and content")

    def get_urls(self):
        from django.urls import path

        from departments.views import pack_view

        # Content packs (departments/PACKS.md): superusers only, checked in the view.
        return [path("pakete/", self.admin_view(pack_view), name="departments_packs"), *super().get_urls()]

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if request.user.is_superuser and app_label in (None, "departments"):
            from django.urls import reverse

            url = reverse("admin:departments_packs", current_app=self.name)
            apps.append(
                {
                    "name": _("Content packs"),
                    "app_label": "departments",
                    "app_url": url,
                    "has_module_perms": True,
                    "models": [
                        {
                            "name": _("Import and download packs"),
                            "object_name": "Pack",
                            "admin_url": url,
                            "add_url": None,
                            "view_only": False,
                            "perms": {"view": True},
                        }
                    ],
                }
            )
        return apps

    def autocomplete_view(self, request):
        return PeopleAutocompleteJsonView.as_view(admin_site=self)(request)
