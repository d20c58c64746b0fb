"""Feedback („Hinweis geben“), the queue of those who handle it, and the notification list."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from core.params import int_or_none
from notifications import comments, selectors, services, targets
from notifications.forms import AnswerForm, CommentForm, FeedbackForm, PreferenceForm
from notifications.models import FEEDBACK_KINDS, DraftComment, Feedback, Preference, Watch
from notifications.permissions import GIVE_FEEDBACK, HANDLE_FEEDBACK


def _target(request, kinds):
    """(kind, id, found) of ?art=…&id=… if it is one of ``kinds`` and the user may read it, else 404."""
    kind, pk = request.GET.get("art", ""), int_or_none(request.GET.get("id"))
    found = targets.find(kind, pk, request.user) if kind in kinds else None
    if found is None:
        raise Http404
    return kind, pk, found


class FeedbackCreateView(PermissionRequiredMixin, View):
    """/hinweise/neu/?art=step&id=12: the form, then the feedback."""

    permission_required = GIVE_FEEDBACK
    template_name = "notifications/feedback_form.html"

    def get(self, request):
        _kind, _pk, found = _target(request, FEEDBACK_KINDS)
        return render(request, self.template_name, {"form": FeedbackForm(), "found": found})

    def post(self, request):
        kind, pk, found = _target(request, FEEDBACK_KINDS)
        form = FeedbackForm(request.POST)
        if form.is_valid():
            try:
                feedback = services.give_feedback(user=request.user, kind=kind, object_id=pk, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you. Your feedback has been passed on; you will be told when it is answered."))
                return redirect("notifications:feedback", pk=feedback.pk)
        return render(request, self.template_name, {"form": form, "found": found}, status=400)


class MyFeedbackView(PermissionRequiredMixin, TemplateView):
    """/hinweise/: what I reported, its state and the reply."""

    permission_required = GIVE_FEEDBACK
    template_name = "notifications/my_feedback.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(feedback=selectors.mine(user=self.request.user), **kwargs)


class FeedbackDetailView(View):
    """/hinweise/<id>/: for the person who gave it, and (with the answer form) for those who handle it."""

    template_name = "notifications/feedback_detail.html"

    def _feedback(self, request, pk):
        feedback = get_object_or_404(Feedback.objects.select_related("reporter", "handled_by"), pk=pk)
        handler = services.may_handle(request.user, feedback)
        if not handler and feedback.reporter_id != request.user.pk:
            raise Http404
        return feedback, handler

    def get(self, request, pk):
        feedback, handler = self._feedback(request, pk)
        initial = {"status": feedback.status, "reply": feedback.reply, "seen": feedback.updated_at}
        form = AnswerForm(initial=initial) if handler else None
        return render(request, self.template_name, {"feedback": feedback, "form": form})

    def post(self, request, pk):
        feedback, handler = self._feedback(request, pk)
        if not handler:
            raise PermissionDenied
        form = AnswerForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.answer_feedback(
                    user=request.user, feedback=feedback, status=form.cleaned_data["status"],
                    reply=form.cleaned_data["reply"], seen=form.cleaned_data["seen"],
                )
            except services.Stale:
                form.add_error(None, _("Someone else has changed this feedback meanwhile. Your text is still here; "
                                       "look at the current state below and save again."))
                feedback.refresh_from_db()
                status = 409
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved. The person who gave the feedback has been told."))
                return redirect("notifications:queue")
        return render(request, self.template_name, {"feedback": feedback, "form": form, "current": feedback}, status=status)


class QueueView(PermissionRequiredMixin, TemplateView):
    """/pruefung/hinweise/: the feedback to handle (open and in progress), or the closed ones."""

    permission_required = HANDLE_FEEDBACK
    template_name = "notifications/queue.html"

    def get_context_data(self, **kwargs):
        closed = self.request.GET.get("zeigen") == "erledigt"
        return super().get_context_data(feedback=selectors.queue(user=self.request.user, closed=closed), closed=closed, **kwargs)


class NotificationListView(TemplateView):
    """/benachrichtigungen/: everyone's own notifications, newest first; unread ones marked."""

    template_name = "notifications/notifications.html"

    def get_context_data(self, **kwargs):
        items = selectors.notifications(user=self.request.user)
        unread = sum(1 for item in items if item.read_at is None)
        watches = selectors.watches(user=self.request.user)
        return super().get_context_data(notifications=items, unread=unread, watches=watches, **kwargs)


@require_POST
def mark_all_read(request):
    services.mark_read(user=request.user)
    return redirect("notifications:list")


class WatchView(View):
    """/beobachten/?art=article&id=3: whether the user watches it, and the button to start or stop."""

    template_name = "notifications/watch.html"

    def get(self, request):
        if request.GET.get("art") == "area" and not request.GET.get("id"):
            return render(request, "notifications/watch_area.html", {"areas": selectors.areas(user=request.user)})
        kind, pk, found = _target(request, Watch.KINDS)
        watching = selectors.is_watching(user=request.user, kind=kind, object_id=pk)
        return render(request, self.template_name, {"found": found, "watching": watching, "kind": kind, "pk": pk})

    def post(self, request):
        kind = request.GET.get("art", "")
        pk = int_or_none(request.GET.get("id"))
        if request.POST.get("action") == "stop":
            # Stopping needs no right to read: a watch of what became unreadable can be ended too.
            if pk is None or not services.unwatch(user=request.user, kind=kind, object_id=pk):
                raise Http404
            messages.success(request, _("You no longer watch it."))
            if request.POST.get("back") == "list":
                return redirect("notifications:list")
            return redirect(f"{request.path}?art={kind}&id={pk}")
        kind, pk, found = _target(request, Watch.KINDS)
        services.watch(user=request.user, kind=kind, object_id=pk)
        messages.success(request, _("You watch it now: you will get a notification when it changes."))
        return redirect(found.url)


class PreferenceView(View):
    """/benachrichtigungen/einstellungen/: at once, daily digest, or no e-mail (the e-mails link here)."""

    template_name = "notifications/settings.html"

    def get(self, request):
        current = Preference.objects.filter(user=request.user).values_list("email", flat=True).first() or Preference.Email.NOW
        return render(request, self.template_name, {"form": PreferenceForm(initial={"email": current})})

    def post(self, request):
        form = PreferenceForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        services.set_email_preference(user=request.user, email=form.cleaned_data["email"])
        messages.success(request, _("Saved."))
        return redirect("notifications:settings")


class DraftCommentsView(View):
    """/entwuerfe/<kind>/<id>/<number>/kommentare/: the discussion of a draft, and a new comment."""

    template_name = "notifications/draft_comments.html"

    def _draft(self, request, kind, object_id, number):
        draft = comments.find_draft(kind, object_id, number, request.user)
        if draft is None:
            raise Http404
        return draft

    def _page(self, request, draft, form, status=200):
        items = comments.comments_of(draft)
        context = {"draft": draft, "comments": items, "open": sum(1 for item in items if item.is_open), "form": form}
        return render(request, self.template_name, context, status=status)

    def get(self, request, kind, object_id, number):
        return self._page(request, self._draft(request, kind, object_id, number), CommentForm())

    def post(self, request, kind, object_id, number):
        draft = self._draft(request, kind, object_id, number)
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                comment = comments.add_comment(user=request.user, draft=draft, text=form.cleaned_data["text"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your comment was saved; the others in this discussion are told."))
                return redirect(f"{draft.comments_url}#kommentar-{comment.pk}")
        return self._page(request, draft, form, status=400)


@require_POST
def resolve_comment(request, pk):
    """Mark a comment on a draft resolved (resolved=1) or open again (resolved=0)."""
    comment = get_object_or_404(DraftComment, pk=pk)
    if comments.find_draft(comment.kind, comment.object_id, comment.number, request.user) is None:
        raise Http404
    resolved = request.POST.get("resolved") == "1"
    comments.set_resolved(user=request.user, comment=comment, resolved=resolved)
    messages.success(request, _("The comment is marked resolved.") if resolved else _("The comment is open again."))
    return redirect(f"{comments.comments_url(comment.kind, comment.object_id, comment.number)}#kommentar-{comment.pk}")
