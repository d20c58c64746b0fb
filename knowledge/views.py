"""Pages of the knowledge base under /wissen/. Reads via selectors, writes via services."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core import caching, ownership, panels, review_flags
from core.forms import ReviewedForm, apply_validation_error
from core.markdown import MarkdownTooLarge
from core.params import int_or_none, redirect_back
from knowledge import conflicts, selectors, services
from knowledge.diff import compare, compare_rendered_revisions, compare_revisions
from knowledge.forms import ArticleForm, CompareForm, editor_queryset, step_label
from knowledge.markdown import mark_missing_links, render_article
from knowledge.models import Revision
from knowledge.panels import ARTICLE
from knowledge.permissions import ADD_ARTICLES, EDIT_ARTICLES, VIEW_ARTICLES, can_create, can_edit, release_refusal
from processes.models import Process


class ReaderMixin(PermissionRequiredMixin):
    permission_required = VIEW_ARTICLES


class EditorMixin(PermissionRequiredMixin):
    permission_required = EDIT_ARTICLES


class ArticleListView(ReaderMixin, TemplateView):
    template_name = "knowledge/article_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        params = self.request.GET
        process_id = int_or_none(params.get("prozess"))
        owner_id = int_or_none(params.get("verantwortlich"))
        review = params.get("pruefung") if params.get("pruefung") in {"overdue", "due", "ok"} else ""
        status = params.get("status") if params.get("status") in {"draft", "archived"} else ""
        query = params.get("q", "").strip()[:100]
        articles = selectors.article_list(
            user=self.request.user, process_id=process_id, owner_id=owner_id, review=review, status=status, query=query
        )
        page = Paginator(articles, self.paginate_by).get_page(params.get("seite"))
        filters = params.copy()
        filters.pop("seite", None)
        return super().get_context_data(
            page=page,
            articles=page.object_list,
            processes=Process.objects.visible_to(self.request.user).order_by("code").only("code", "title"),
            owners=editor_queryset(),
            selected={"prozess": process_id, "verantwortlich": owner_id, "pruefung": review, "status": status, "q": query},
            filter_query=filters.urlencode(),
            can_edit=can_edit(self.request.user),
            can_create=can_create(self.request.user),
            today=timezone.localdate(),
            **kwargs,
        )



class ArticleDetailView(ReaderMixin, caching.SharedPageMixin, TemplateView):
    fragment_template = "knowledge/article_detail.html"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            return render(
                request,
                "knowledge/article_missing.html",
                {"slug": kwargs["slug"], "can_create": can_create(request.user)},
                status=404,
            )

    def shared_context(self) -> dict:
        page = selectors.article_page(slug=self.kwargs["slug"], user=self.request.user)
        user = self.request.user
        latest = page.latest
        editor = can_edit(user)
        # An editor of another department reads the article, but its actions are not offered.
        owned_elsewhere = ownership.refusal(user, page.article) if editor else None
        return dict(
            page=page,
            article=page.article,
            revision=page.revision,
            body_html=mark_missing_links(page.revision.body_html, page.missing_links),
            can_edit=editor,
            can_change=editor and not owned_elsewhere,
            owned_elsewhere=owned_elsewhere,
            release_refusal=(owned_elsewhere or release_refusal(user, latest)) if latest else None,
            reviewed_form=ReviewedForm(initial={"next_review": timezone.localdate() + timezone.timedelta(days=365)}),
            open_reviews=review_flags.open_reviews(kind=ARTICLE, object_ids=[page.article.pk]).get(page.article.pk, []),
            # What higher apps add below the article (notifications: „Give feedback“).
            article_panels=panels.render_panels("article", [page.article], user, self.request)[page.article.pk],
            # notifications: how many comments on the draft are open, and the way to them.
            draft_panels=(
                panels.render_panels("article_draft", [latest], user, self.request)[latest.pk] if latest and editor else []
            ),
        )

    def fragment_tags(self, shared: dict) -> list[str]:
        # The processes and documents it names, and which other articles exist (its links).
        pk = shared["article"].pk
        drafts = [caching.tag("article-draft", pk)] if shared["can_edit"] else []  # its draft and the comments on it
        return [caching.tag("article", pk), *drafts, caching.ARTICLES, *selectors.article_page_tags(shared["article"])]


def step_picker_context(form, *, article=None, found=None, query="") -> dict:
    """What the step picker shows: the chosen steps (ticked) and, after a search, the steps found.

    Unbound, the article's linked steps come from article_for_editor's prefetch; else one query.
    """
    chosen_ids = set(form.chosen_step_ids())
    linked = list(article.steps.all()) if article is not None and not form.is_bound else []
    if chosen_ids <= {step.pk for step in linked}:
        chosen = [step for step in linked if step.pk in chosen_ids]
    else:
        chosen = selectors.steps_by_ids(chosen_ids)
    steps_found, more = found if found is not None else ([], False)
    return {
        "chosen_steps": chosen,
        "steps_found": steps_found,
        "more_steps_found": more,
        "step_query": query,
        "step_search_done": found is not None,
    }


class ArticleEditorMixin:
    template_name = "knowledge/article_form.html"
    creating = False

    def render_form(self, form, *, article=None, preview_html=None, status=200, found=None, query=""):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "article": article,
                "preview_html": preview_html,
                **step_picker_context(form, article=article, found=found, query=query),
            },
            status=status,
        )

    def preview(self, form, article=None):
        """Re-show the form with a preview; nothing is saved."""
        preview_html = None
        body = form.data.get("body", "")
        try:
            preview_html = render_article(body).html
        except MarkdownTooLarge:
            pass
        form.is_valid()  # show field errors next to the preview
        return self.render_form(form, article=article, preview_html=preview_html)

    def find_steps(self, form, article=None):
        """The step search without JavaScript: the form again, as entered and unjudged, with the steps found."""
        query = self.request.POST.get("step_query", "").strip()[:100]
        shown = ArticleForm(initial=form.as_initial(), creating=self.creating)
        found = selectors.steps_matching(query=query, exclude=form.chosen_step_ids())
        return self.render_form(shown, article=article, found=found, query=query)

    def other_action(self, form, article=None):
        """Preview or step search (None for a save)."""
        action = self.request.POST.get("action")
        if action == "preview":
            return self.preview(form, article)
        if action == "find_steps":
            return self.find_steps(form, article)
        return None


class ArticleCreateView(PermissionRequiredMixin, ArticleEditorMixin, View):
    permission_required = ADD_ARTICLES
    creating = True

    def get(self, request):
        form = ArticleForm(creating=True, initial={"owner": request.user.pk, "title": request.GET.get("titel", "")[:200]})
        return self.render_form(form)

    def post(self, request):
        form = ArticleForm(request.POST, creating=True)
        if shown := self.other_action(form):
            return shown
        if not form.is_valid():
            return self.render_form(form, status=400)
        data = form.cleaned_data
        try:
            article = services.article_create(
                author=request.user,
                title=data["title"],
                body=data["body"],
                note=data["change_note"],
                slug=request.POST.get("slug", "").strip(),
                owner=data["owner"],
                review_date=data["review_date"],
                steps=data["steps"],
                processes=data["processes"],
                documents=data["documents"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.render_form(form, status=400)
        messages.success(request, _("The article was saved as a draft. Someone else releases it for readers."))
        return redirect(article)


class ArticleEditView(EditorMixin, ArticleEditorMixin, View):
    def get(self, request, slug):
        article = selectors.article_for_editor(slug=slug, user=request.user)
        ownership.check(request.user, article)  # another department's article: 403
        if article.is_archived:
            messages.error(request, _("Archived articles cannot be edited. Restore the article first."))
            return redirect(article)
        latest = selectors.revision_of(article=article, number=article.latest_number)
        steps = [step.pk for step in article.steps.all()]
        processes = [process.pk for process in article.processes.all()]
        documents = [document.pk for document in article.documents.all()]
        opened = conflicts.LinkState(
            steps=frozenset(steps),
            processes=frozenset(processes),
            documents=frozenset(documents),
            owner=article.owner_id,
            review_date=article.review_date,
        )
        form = ArticleForm(
            initial={
                "title": latest.title,
                "body": latest.body,
                "base_number": latest.number,
                "base_edit": article.edit_number,
                "base_state": opened.encode(),
                "steps": steps,
                "processes": processes,
                "documents": documents,
                "owner": article.owner_id,
                "review_date": article.review_date,
            }
        )
        return self.render_form(form, article=article)

    def post(self, request, slug):
        article = selectors.article_for_editor(slug=slug, user=request.user)
        ownership.check(request.user, article)  # another department's article: 403
        form = ArticleForm(request.POST)
        if shown := self.other_action(form, article):
            return shown
        if not form.is_valid():
            return self.render_form(form, article=article, status=400)
        data = form.cleaned_data
        if data["base_number"] is None or data["base_edit"] is None:
            return self.conflict(form, article)  # an incomplete or tampered form: it cannot say where it started
        try:
            revision = services.article_revise(
                article=article,
                author=request.user,
                base_number=data["base_number"],
                base_edit=data["base_edit"],
                title=data["title"],
                body=data["body"],
                note=data["change_note"],
                significant=data["is_significant"],
                steps=data["steps"],
                processes=data["processes"],
                documents=data["documents"],
                owner=data["owner"],
                review_date=data["review_date"],
            )
        except services.EditConflict:
            return self.conflict(form, article)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.render_form(form, article=article, status=400)
        if revision is None:
            messages.info(request, _("Links and responsibility were saved; the text is unchanged."))
        else:
            messages.success(
                request,
                _("Revision %(number)d was saved as a draft. Readers see the released revision until it is released.")
                % {"number": revision.number},
            )
        return redirect(article)

    def conflict(self, form, article):
        """Someone saved meanwhile: show what they changed, keep what was typed and chosen, nothing is lost.

        The form comes back with the editor's text and their link, owner and date changes applied
        to the current state (knowledge.conflicts.merge), based on the current revision and edit number.
        """
        article.refresh_from_db()
        data = form.cleaned_data
        theirs = selectors.revision_of(article=article, number=article.latest_number)
        base_number, base_edit = data["base_number"], data["base_edit"]
        # A base from the future (or none) was not handed out by the editor: a tampered or broken form.
        trusted_base = (
            base_number is not None
            and base_edit is not None
            and 0 < base_number <= article.latest_number
            and base_edit < article.edit_number
        )
        opened = conflicts.LinkState.decode(data.get("base_state")) if trusted_base else None
        chosen = conflicts.chosen_state(data)
        current = conflicts.current_state(article)
        merged = conflicts.merge(opened=opened, chosen=chosen, current=current)

        resolved = form.data.copy()
        resolved["base_number"] = str(article.latest_number)
        resolved["base_edit"] = str(article.edit_number)
        resolved["base_state"] = current.encode()
        resolved.setlist("steps", [str(pk) for pk in sorted(merged.steps)])
        resolved.setlist("processes", [str(pk) for pk in sorted(merged.processes)])
        resolved.setlist("documents", [str(pk) for pk in sorted(merged.documents)])
        resolved["owner"] = str(merged.owner or "")
        resolved["review_date"] = merged.review_date.isoformat() if merged.review_date else ""
        resolved_form = ArticleForm(resolved)
        resolved_form.is_valid()
        return render(
            self.request,
            "knowledge/article_conflict.html",
            {
                **step_picker_context(resolved_form),
                "article": article,
                "form": resolved_form,
                "theirs": theirs,
                "trusted_base": trusted_base,
                "base_number": base_number,
                "text_changed": not trusted_base or theirs.number != base_number,
                "their_changes": conflicts.describe(opened, current) if opened else None,
                "your_changes": conflicts.describe(opened, chosen) if opened else None,
                "yours_title": data["title"],
                "yours_body": data["body"],
                "diff": compare(theirs.body, data["body"]),
                "old_label": _("Revision %(number)d (saved meanwhile)") % {"number": theirs.number},
                "new_label": _("Your text"),
            },
            status=409,
        )


class StepSearchView(View):
    """GET ?q=…: steps for the editor's step picker as JSON, for those who may write articles."""

    def dispatch(self, request, *args, **kwargs):
        # Who may ask comes first: a reader learns nothing about the route, not even its methods.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (can_edit(request.user) or can_create(request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        query = request.GET.get("q", "").strip()[:100]
        exclude = [int_or_none(pk) for pk in request.GET.getlist("ohne")[:1000]]
        steps, more = selectors.steps_matching(query=query, exclude=exclude)
        return JsonResponse({"results": [{"id": step.pk, "label": step_label(step)} for step in steps], "more": more})


class HistoryView(ReaderMixin, caching.SharedPageMixin, TemplateView):
    """The revisions of an article: one cached page per audience (editors' pages carry forms)."""

    fragment_template = "knowledge/article_history.html"

    def shared_context(self) -> dict:
        article = selectors.get_article(slug=self.kwargs["slug"], user=self.request.user)
        revisions = selectors.history(article=article)
        if not can_edit(self.request.user):
            revisions = revisions.filter(number__lte=article.published_revision.number)
        revisions = list(revisions)
        return dict(
            article=article,
            revisions=revisions,
            can_edit=can_edit(self.request.user),
            default_from=revisions[1].number if len(revisions) > 1 else None,
            default_to=revisions[0].number if revisions else None,
        )

    def fragment_tags(self, shared: dict) -> list[str]:
        return _article_tags(self.request.user, shared["article"])


def _article_tags(user, article) -> list[str]:
    """An article's history and comparisons: its releases; editors also see its drafts."""
    tags = [caching.tag("article", article.pk)]
    return [*tags, caching.tag("article-draft", article.pk)] if can_edit(user) else tags


def _visible_revision(user, article, number):
    revision = selectors.revision_of(article=article, number=number)
    published = article.published_revision.number if article.published_revision_id else 0
    if number > published and not can_edit(user):
        raise Http404
    return revision


class RevisionView(ReaderMixin, TemplateView):
    template_name = "knowledge/revision_detail.html"

    def get_context_data(self, **kwargs):
        article = selectors.get_article(slug=self.kwargs["slug"], user=self.request.user)
        revision = _visible_revision(self.request.user, article, self.kwargs["number"])
        return super().get_context_data(article=article, revision=revision, can_edit=can_edit(self.request.user), **kwargs)


class CompareView(ReaderMixin, caching.SharedPageMixin, TemplateView):
    """Two revisions compared. Revisions never change, so the page is cached until the article's next release."""

    fragment_template = "knowledge/article_compare.html"

    def _chosen(self) -> tuple[int, int, str | None] | None:
        form = CompareForm(self.request.GET)
        if not form.is_valid():
            return None
        first, second = sorted([form.cleaned_data["von"], form.cleaned_data["zu"]])
        return first, second, form.source_view()

    def fragment_parts(self) -> tuple:
        return (self.kwargs["slug"], *(self._chosen() or ("invalid",)))

    def shared_context(self) -> dict:
        article = selectors.get_article(slug=self.kwargs["slug"], user=self.request.user)
        chosen = self._chosen()
        if chosen is None:
            raise Http404
        first, second, source_view = chosen
        old = _visible_revision(self.request.user, article, first)
        new = _visible_revision(self.request.user, article, second)
        editor = can_edit(self.request.user)
        # Readers compare what they read; the Markdown source is an editor's second option.
        view = (source_view if editor else None) or "text"
        return dict(
            article=article,
            old=old,
            new=new,
            view=view,
            can_edit=editor,
            diff=compare_rendered_revisions(old, new) if view == "text" else compare_revisions(old, new),
            title_changed=old.title != new.title,
        )

    def fragment_tags(self, shared: dict) -> list[str]:
        return _article_tags(self.request.user, shared["article"])


class ArticleActionView(EditorMixin, View):
    """Base of the POST-only actions on an article."""

    http_method_names = ["post"]

    def article(self):
        return selectors.get_article(slug=self.kwargs["slug"], user=self.request.user)


class ReleaseView(ArticleActionView):
    permission_required = VIEW_ARTICLES  # the four-eyes rule is checked by the service

    def post(self, request, slug):
        article = self.article()
        revision = selectors.revision_of(article=article, number=int_or_none(request.POST.get("number")) or 0)
        try:
            services.revision_release(revision=revision, releaser=request.user)
        except services.ReleaseRefused as refusal:
            messages.error(request, str(refusal))
            if not request.user.has_perm("knowledge.release_revision"):
                raise PermissionDenied(str(refusal)) from refusal
        else:
            messages.success(request, _("Revision %(number)d is released; readers see it now.") % {"number": revision.number})
        return redirect(article)


class RestoreRevisionView(ArticleActionView):
    def post(self, request, slug, number):
        article = self.article()
        try:
            revision = services.revision_restore(article=article, number=number, author=request.user)
        except Revision.DoesNotExist as error:
            raise Http404 from error
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except MarkdownTooLarge as refusal:  # an old text over today's limits
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("Revision %(old)d was restored as new revision %(new)d (draft, to be released).")
                % {"old": number, "new": revision.number},
            )
        return redirect("knowledge:history", slug=article.slug)


class ArchiveView(ArticleActionView):
    def post(self, request, slug):
        article = self.article()
        services.article_archive(article=article, user=request.user)
        messages.success(request, _("The article was archived. Readers no longer see it; its history is kept."))
        return redirect(article)


class UnarchiveView(ArticleActionView):
    def post(self, request, slug):
        article = self.article()
        services.article_unarchive(article=article, user=request.user)
        messages.success(request, _("The article was restored."))
        return redirect(article)


class MarkReviewedView(ArticleActionView):
    def post(self, request, slug):
        article = self.article()
        form = ReviewedForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please enter a valid date for the next review."))
        else:
            next_review = form.cleaned_data["next_review"]
            try:
                services.article_mark_reviewed(article=article, user=request.user, next_review=next_review)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, _("Marked as reviewed. Next review: %(date)s.") % {"date": next_review.strftime("%d.%m.%Y")}
                )
        return redirect_back(request, reverse("knowledge:article", args=[article.slug]))
