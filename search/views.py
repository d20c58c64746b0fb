"""/suche/?q=: the search page."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import TemplateView

from core import caching, ownership
from core.params import int_or_none
from processes.models import Category, Role
from processes.permissions import VIEW_PROCESSES, can_see_unpublished
from processes.selectors import norm_citation_preview
from search import query as search_query


def _categories() -> list[Category]:
    return list(Category.objects.order_by("tree_id", "lft"))


def _roles() -> list[Role]:
    return list(Role.objects.order_by("is_external", "name"))


class SearchView(PermissionRequiredMixin, caching.SharedPageMixin, TemplateView):
    """/suche/?q=: results grouped by kind, filters by kind, area, role and department; citations resolved to norms.

    A search page is cached per query, filters and audience until the index's public rows change
    (editors' pages also with its drafts), so a question many ask is answered once.
    """

    fragment_template = "search/search.html"
    permission_required = VIEW_PROCESSES
    page_size = 20

    def _asked(self) -> tuple:
        params = self.request.GET
        parsed = search_query.parse(params.get("q", ""))
        return (
            parsed.text,
            parsed.truncated,
            search_query.kind_from_slug(params.get("art")),
            int_or_none(params.get("bereich")),
            int_or_none(params.get("rolle")),
            max(1, min(int_or_none(params.get("seite")) or 1, 50)),
            self._department(),
        )

    def _departments(self) -> list[tuple[str, str]]:
        return caching.departments(self.request)

    def _department(self) -> str | None:
        """?abteilung=: a department's slug, or None (an unknown value is the whole search)."""
        return ownership.chosen_department(self.request, self._departments())

    def fragment_parts(self) -> tuple:
        return self._asked()

    def fragment_tags(self, shared: dict) -> list[str]:
        editors = [f"{caching.SEARCH}-draft"] if can_see_unpublished(self.request.user) else []
        return [caching.SEARCH, *editors]

    def shared_context(self) -> dict:
        params = self.request.GET
        _text, _truncated, kind, category_id, role_id, page, department = self._asked()
        results = search_query.search(
            params.get("q", ""),
            user=self.request.user,
            kind=kind,
            category_id=category_id,
            role_id=role_id,
            department=department,
            per_kind=self.page_size if kind else 10,
            offset=(page - 1) * self.page_size if kind else 0,
            laws=caching.memo(self.request, "search.laws", (caching.LAWS,), search_query.all_laws),
        )
        norm_hits = [norm_citation_preview(norm=norm, user=self.request.user) for norm in results.norms[:3]]
        filters = params.copy()
        for key in ("art", "seite"):
            filters.pop(key, None)
        group = results.groups[0] if kind and results.groups else None
        departments = self._departments()
        return dict(
            results=results,
            search_query=results.query.text,
            norm_hits=norm_hits,
            message=search_query.message_for(results),
            kinds=[(slug, search_query.Kind(value).label) for slug, value in search_query.URL_KINDS.items()],
            selected={"art": params.get("art", ""), "bereich": category_id, "rolle": role_id, "abteilung": department},
            departments=departments if len(departments) > 1 else [],
            # The filters' choices: roles and areas change everything when they change (core.caching).
            categories=caching.memo(self.request, "search.categories", (), _categories),
            roles=caching.memo(self.request, "search.roles", (), _roles),
            filter_query=filters.urlencode(),
            suggestions=search_query.SUGGESTIONS,
            page=page,
            has_next=bool(group and group.total > page * self.page_size),
        )
