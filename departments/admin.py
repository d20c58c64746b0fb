"""Departments in the admin: for superusers, who decide which department owns what and who belongs to it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import StaffAdminMixin
from departments.models import Department
from departments.rights import owned
from knowledge.models import Article
from processes.models import Category


class SuperusersOnly:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Department)
class DepartmentAdmin(SuperusersOnly, StaffAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "member_count", "members_only", "bands"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members"]
    readonly_fields = ["setup", "bands", "article_count"]
    fields = ["name", "slug", "description", "members_only", "members", "setup", "bands", "article_count"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "members":  # people who can sign in, not system accounts (paketimport)
            kwargs["queryset"] = db_field.related_model.objects.filter(is_active=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(member_total=Count("members", distinct=True))

    @admin.display(description=_("members"), ordering="member_total")
    def member_count(self, obj):
        return obj.member_total

    @admin.display(description=_("bands of the process map"))
    def bands(self, obj):
        if obj.pk is None:
            return "–"
        names = Category.objects.filter(pk__in=owned(obj, Category)).order_by("tree_id").values_list("name", flat=True)
        return ", ".join(names) or "–"

    @admin.display(description=_("setting up"))
    def setup(self, obj):
        """What a new department needs, ticked off as it is there: its map, people, a first process, content."""
        from django.db.models import Q
        from django.urls import reverse
        from django.utils.html import format_html, format_html_join

        from processes.models import Process

        if obj.pk is None:
            return "Erst speichern: dann zeigt diese Liste, was noch einzurichten ist."
        band_ids = list(owned(obj, Category))
        trees = Category.objects.filter(pk__in=band_ids).values("tree_id")
        members = obj.members.filter(is_active=True)

        def may(codename):  # through a group (Teamleitung, Redaktion) or in person
            return members.filter(Q(groups__permissions__codename=codename) | Q(user_permissions__codename=codename)).exists()

        steps = [
            (bool(band_ids), "Band der Prozesslandkarte (Wurzelbereich) angelegt und dieser Abteilung zugeordnet",
             reverse("admin:processes_category_add")),
            (may("release_process"), "Ein Mitglied, das Prozesse freigeben darf (Teamleitung)", ""),
            (may("change_article"), "Ein Mitglied, das Inhalte bearbeiten darf (Redaktion)", ""),
            (Process.objects.filter(category__tree_id__in=trees).exists(), "Erster Prozess auf der eigenen Karte",
             reverse("admin:processes_process_add")),
            (Article.objects.filter(pk__in=owned(obj, Article)).exists(), "Erste Artikel im Wissen",
             reverse("knowledge:create")),
        ]
        items = format_html_join(
            "",
            "<li>{} {}{}</li>",
            (
                ("✓" if done else "○", text, format_html(' – <a href="{}">anlegen</a>', url) if url and not done else "")
                for done, text, url in steps
            ),
        )
        pack = reverse("admin:departments_packs") + f"?abteilung={obj.slug}"
        return format_html(
            '<ul class="setup-checklist">{}</ul><p>Oder alles auf einmal: <a href="{}">ein Inhaltspaket für diese '
            "Abteilung importieren</a> (Vorlage, z. B. aus <code>packs/</code>).</p>",
            items,
            pack,
        )

    @admin.display(description=_("articles"))
    def article_count(self, obj):
        return Article.objects.filter(pk__in=owned(obj, Article)).count() if obj.pk else 0
