"""Admin for laws and norms; the norm autocomplete understands citations."""

import re

from django.contrib import admin

from core.admin import StaffAdminMixin
from law.models import Law, Norm


@admin.register(Law)
class LawAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ["abbreviation", "title", "jurisdiction", "gii_slug"]
    list_filter = ["jurisdiction"]
    search_fields = ["abbreviation", "title", "key"]
    prepopulated_fields = {"key": ["abbreviation"]}


_CITATION_QUERY_RE = re.compile(r"^\s*(?:§+|art\.?)?\s*([0-9]{1,4}\s?[a-z]?)\b\s*(.*)$", re.IGNORECASE)


@admin.register(Norm)
class NormAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "law", "title"]
    list_filter = ["law"]
    list_select_related = ["law"]
    search_fields = ["number", "title", "law__abbreviation"]
    ordering = ["law__abbreviation", "sort_key"]

    def get_search_results(self, request, queryset, search_term):
        """Lets the autocomplete understand citations: „§ 81 AufenthG“, „81 aufenthg“, „Art. 16a GG“."""
        match = _CITATION_QUERY_RE.match(search_term or "")
        if match:
            number = match.group(1).replace(" ", "").lower()
            rest = match.group(2).strip()
            narrowed = queryset.filter(number__startswith=number)
            if rest:
                narrowed = narrowed.filter(law__abbreviation__istartswith=rest.split()[-1])
            return narrowed, False
        return super().get_search_results(request, queryset, search_term)
