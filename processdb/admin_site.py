"""The project's admin site: Django's, with German titles and people by full name in autocompletes."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import PeopleAutocompleteJsonView


class ProcessdbAdminSite(admin.AdminSite):
    """`django.contrib.admin.site` of this project (processdb.apps.ProcessdbAdminConfig)."""

    site_header = _("Process database – administration")
    site_title = _("Process database")
    index_title = _("Maintain processes and content")

    def autocomplete_view(self, request):
        return PeopleAutocompleteJsonView.as_view(admin_site=self)(request)
