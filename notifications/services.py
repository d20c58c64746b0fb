"""Writes of feedback and notifications: each in one transaction, the header's count kept right."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import caching, ownership
from notifications import permissions, targets
from notifications.models import Feedback, Notification, Preference, Watch

Status = Feedback.Status


def inbox_tag(user_id) -> str:
    """The cache tag of a person's unread count (processdb.auth keeps the user under it)."""
    return caching.tag("inbox", user_id)


def _notify(recipients, *, kind, title, text, url, target="", object_id=None, feedback=None) -> list[Notification]:
    """Notifications for these people, in the caller's transaction; their e-mails queued with them."""
    from notifications import delivery

    recipients = list(recipients)
    created = Notification.objects.bulk_create(
        Notification(
            recipient=person, kind=kind, title=title[:300], text=text, url=url[:300], feedback=feedback,
            target=target, object_id=object_id,
        )
        for person in recipients
    )
    caching.changed(*(inbox_tag(person.pk) for person in recipients))
    delivery.queue(created)
    return created


def handlers_of(owner):
    """Everyone who may handle feedback on this object: the permission, and its department's rules."""
    permission = Permission.objects.get(content_type__app_label="notifications", codename="change_feedback")
    people = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .distinct()
        .order_by("pk")
    )
    return [person for person in people if ownership.refusal(person, owner) is None]


def recent_feedback_count(user) -> int:
    since = timezone.now() - datetime.timedelta(hours=1)
    return Feedback.objects.filter(reporter=user, created_at__gte=since).count()


def give_feedback(*, user, kind: str, object_id: int, text: str, suggestion: str = "") -> Feedback:
    """A reader's feedback; those who handle it are told. Refused beyond the hourly limit."""
    if not permissions.can_give(user):
        raise PermissionDenied
    found = targets.find(kind, object_id, user)
    if found is None:
        raise ValidationError(_("What you want to give feedback on does not exist or you may not read it."))
    limit = settings.PROCESSDB_FEEDBACK_PER_HOUR
    with transaction.atomic():
        if recent_feedback_count(user) >= limit:
            raise ValidationError(
                _("You have given %(limit)d pieces of feedback in the last hour. Please wait a little before the next.")
                % {"limit": limit},
                code="rate_limit",
            )
        feedback = Feedback.objects.create(
            kind=kind, object_id=object_id, title=found.title[:300], url=found.url[:300],
            reporter=user, text=text.strip(), suggestion=suggestion.strip(),
        )
        _notify(
            [person for person in handlers_of(found.owner) if person.pk != user.pk],
            kind=Notification.Kind.FEEDBACK_NEW,
            title=_("New feedback on „%(title)s“") % {"title": found.title},
            text=feedback.text[:500],
            url=feedback_url(feedback),
            target=kind,
            object_id=object_id,
            feedback=feedback,
        )
        caching.changed(caching.REVIEW)
    return feedback


def feedback_url(feedback: Feedback) -> str:
    from django.urls import reverse

    return reverse("notifications:feedback", kwargs={"pk": feedback.pk})


def may_handle(user, feedback: Feedback) -> bool:
    if not permissions.can_handle(user):
        return False
    found = targets.find(feedback.kind, feedback.object_id, user)
    # Feedback on something gone (deleted, archived) is handled by anyone who handles feedback.
    return found is None or ownership.refusal(user, found.owner) is None


class Stale(Exception):
    """The feedback was changed by someone else since the form was shown."""


def answer_feedback(*, user, feedback: Feedback, status: str, reply: str, seen: datetime.datetime | None) -> Feedback:
    """Set the state and the reply; the reporter is told. Refused if changed meanwhile (Stale)."""
    if not may_handle(user, feedback):
        raise PermissionDenied
    if status not in Status.values:
        raise ValidationError(_("Choose a state."))
    with transaction.atomic():
        current = Feedback.objects.select_for_update().get(pk=feedback.pk)
        if seen is None or current.updated_at != seen:
            raise Stale
        changed = current.status != status or current.reply != reply.strip()
        current.status = status
        current.reply = reply.strip()
        current.handled_by = user
        current.save()
        if changed and current.reporter_id and current.reporter_id != user.pk:
            _notify(
                [current.reporter],
                kind=Notification.Kind.FEEDBACK_ANSWERED,
                title=_("Your feedback on „%(title)s“: %(status)s")
                % {"title": current.title, "status": current.get_status_display()},
                text=current.reply[:500],
                url=feedback_url(current),
                target=current.kind,
                object_id=current.object_id,
                feedback=current,
            )
        caching.changed(caching.REVIEW)
    return current


def mark_read(*, user, ids=None) -> int:
    """Mark the user's notifications (these, or all) read; returns how many were unread."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    with transaction.atomic():
        count = unread.update(read_at=timezone.now())
        if count:
            caching.changed(inbox_tag(user.pk))
    return count


def watch(*, user, kind: str, object_id: int) -> Watch:
    """Start watching a process or an article the user may read (idempotent)."""
    found = targets.find(kind, object_id, user) if kind in Watch.KINDS else None
    if found is None:
        raise ValidationError(_("What you want to watch does not exist or you may not read it."))
    watched, _created = Watch.objects.get_or_create(
        user=user, kind=kind, object_id=object_id, defaults={"title": found.title[:300], "url": found.url[:300]}
    )
    return watched


def unwatch(*, user, kind: str, object_id: int) -> bool:
    return Watch.objects.filter(user=user, kind=kind, object_id=object_id).delete()[0] > 0


def _areas_of(process_ids) -> dict[int, set[int]]:
    """{process id: ids of the map areas it lies in (its group and that group's band)} (two queries)."""
    from processes.models import Category, Process

    category_of = dict(Process.objects.filter(pk__in=process_ids, category__isnull=False).values_list("pk", "category_id"))
    if not category_of:
        return {}
    areas = list(Category.objects.filter(pk__in=set(category_of.values())).values_list("pk", "tree_id", "lft"))
    ancestors = Category.objects.none()
    for _pk, tree_id, lft in areas:
        ancestors |= Category.objects.filter(tree_id=tree_id, lft__lte=lft, rght__gte=lft)
    place = {pk: (tree_id, lft) for pk, tree_id, lft in areas}
    nodes = list(ancestors.values_list("pk", "tree_id", "lft", "rght"))
    result = {}
    for process_id, category_id in category_of.items():
        tree_id, lft = place[category_id]
        result[process_id] = {pk for pk, tree, low, high in nodes if tree == tree_id and low <= lft <= high}
    return result


def released(
    sender, *, kind, object_id, title, number, note, url, compare_url, actor=None, owner_id=None, significant=False, **kwargs
) -> None:
    """A new version was released: those who watch it (or, for a process, its area of the map) are
    told, if they may still read it. Its owner (the person responsible) watches it without asking.
    A significant change asks the new hires who confirmed an earlier version to read it again."""
    watching = Q(kind=kind, object_id=object_id)
    if kind == "process":
        watching |= Q(kind="area", object_id__in=_areas_of([object_id]).get(object_id, ()))
    watchers = {item.user.pk: item.user for item in Watch.objects.filter(watching).select_related("user")}
    if owner_id is not None and owner_id not in watchers:
        owner = get_user_model().objects.filter(pk=owner_id).first()
        if owner is not None:
            watchers[owner.pk] = owner
    recipients = [
        person
        for person in watchers.values()
        if person.is_active and person != actor and targets.find(kind, object_id, person) is not None
    ]
    Watch.objects.filter(kind=kind, object_id=object_id).exclude(title=title[:300]).update(title=title[:300])
    if recipients:
        _notify(
            recipients,
            kind=Notification.Kind.RELEASED,
            title=_("New version of „%(title)s“ released") % {"title": title},
            text=_("Version %(number)s: %(note)s") % {"number": number, "note": note},
            url=compare_url or url,
            target=kind,
            object_id=object_id,
        )
    if significant:
        _confirm_again(kind=kind, object_id=object_id, title=title, number=number, actor=actor)


def _confirm_again(*, kind, object_id, title, number, actor) -> None:
    """New hires who confirmed an earlier version of this article or process read it again."""
    from onboarding.models import Confirmation

    if kind not in ("article", "process"):
        return
    confirmations = Confirmation.objects.filter(item__kind=kind, **{f"item__{kind}_id": object_id}).select_related(
        "assignment__person", "assignment__path", "revision"
    )
    told = set()
    for confirmation in confirmations:
        person = confirmation.assignment.person
        read = confirmation.revision.number if confirmation.revision_id else (confirmation.process_version or 0)
        if read >= number or person.pk in told or not person.is_active or person == actor:
            continue
        if targets.find(kind, object_id, person) is None:
            continue
        told.add(person.pk)
        _notify(
            [person],
            kind=Notification.Kind.CONFIRM_AGAIN,
            title=_("„%(title)s“ has changed significantly: please read it again and confirm") % {"title": title},
            text=_("You confirmed an earlier version in your reading path „%(path)s“.")
            % {"path": confirmation.assignment.path.title},
            url=confirmation.assignment.get_absolute_url(),
            target=kind,
            object_id=object_id,
        )


def set_email_preference(*, user, email: str) -> Preference:
    """How the user hears of notifications by e-mail; what waited for a digest follows the choice."""
    if email not in Preference.Email.values:
        raise ValidationError(_("Choose how you want to hear of notifications."))
    with transaction.atomic():
        preference, _created = Preference.objects.update_or_create(user=user, defaults={"email": email})
        if email == Preference.Email.OFF:
            Notification.objects.filter(recipient=user, email_state__in=["pending", "digest"]).update(email_state="none")
        elif email == Preference.Email.DAILY:
            Notification.objects.filter(recipient=user, email_state="pending").update(email_state="digest")
    return preference


def assigned(sender, *, assignment, **kwargs) -> None:
    """A new hire hears of the reading path assigned to them."""
    from django.urls import reverse

    _notify(
        [assignment.person],
        kind=Notification.Kind.ASSIGNED,
        title=_("You have a new reading path: „%(path)s“") % {"path": assignment.path.title},
        text=_("To be done by %(date)s.") % {"date": assignment.due_date.strftime("%d.%m.%Y")},
        url=reverse("onboarding:index"),
    )


def law_change_recorded(sender, *, change, affected, actor=None, **kwargs) -> None:
    """A law change affects processes (also through their steps) and articles: whoever watches or
    owns one of them is told once, with what of it they may read."""
    from knowledge.models import Article
    from processes.models import Process, Step

    process_ids = {pk for kind, pk in affected if kind == "process"}
    step_ids = [pk for kind, pk in affected if kind == "step"]
    process_ids |= set(Step.objects.filter(pk__in=step_ids).values_list("process_id", flat=True))
    article_ids = {pk for kind, pk in affected if kind == "article"}
    norm_ids = set(change.norms.values_list("pk", flat=True))
    interested: dict[int, set] = {}
    for watch_item in Watch.objects.filter(
        Q(kind="process", object_id__in=process_ids) | Q(kind="article", object_id__in=article_ids)
        | Q(kind="norm", object_id__in=norm_ids)
    ).values_list("user_id", "kind", "object_id"):
        interested.setdefault(watch_item[0], set()).add(watch_item[1:])
    area_watches = list(Watch.objects.filter(kind="area").values_list("user_id", "object_id"))
    if area_watches:  # the affected processes of a watched area count as watched
        for process_id, areas in _areas_of(process_ids).items():
            for user_id, area_id in area_watches:
                if area_id in areas:
                    interested.setdefault(user_id, set()).add(("process", process_id))
    for model, kind, ids in ((Process, "process", process_ids), (Article, "article", article_ids)):
        for owner_id, pk in model.objects.filter(pk__in=ids, owner__isnull=False).values_list("owner_id", "pk"):
            interested.setdefault(owner_id, set()).add((kind, pk))
    people = get_user_model().objects.filter(pk__in=interested, is_active=True).exclude(pk=getattr(actor, "pk", None))
    for person in people:
        titles = sorted(
            found.title for found in (targets.find(kind, pk, person) for kind, pk in interested[person.pk]) if found is not None
        )
        if titles:
            _notify(
                [person],
                kind=Notification.Kind.LAW_CHANGE,
                title=_("Law change „%(change)s“ affects what you watch") % {"change": change.title},
                text=_("In force from %(date)s. Affected: %(titles)s")
                % {"date": change.effective_date.strftime("%d.%m.%Y"), "titles": "; ".join(titles[:10])}
                + (" …" if len(titles) > 10 else ""),
                url=change.get_absolute_url(),
            )


def weekly_due_reviews(*, now=None) -> int:
    """Tell every owner of processes, articles and documents due for review (or overdue) what is due,
    once a week (`manage.py notifications_due_reviews` from cron); returns how many were told."""
    from django.urls import reverse

    from core.review_dates import REVIEW_SOON_DAYS
    from documents.models import Document
    from knowledge.models import Article
    from lawchanges.review import due_items
    from processes.models import Process

    now = now or timezone.now()
    limit = timezone.localdate(now) + datetime.timedelta(days=REVIEW_SOON_DAYS)
    owner_ids = set()
    for model in (Process, Article, Document):
        owner_ids |= set(model.objects.filter(review_date__lte=limit, owner__isnull=False).values_list("owner_id", flat=True))
    told_lately = Notification.objects.filter(
        kind=Notification.Kind.DUE_REVIEWS, created_at__gte=now - datetime.timedelta(days=6)
    ).values_list("recipient_id", flat=True)
    told = 0
    for owner in get_user_model().objects.filter(pk__in=owner_ids, is_active=True).exclude(pk__in=told_lately):
        items = due_items(user=owner, mine=True)
        if not items:
            continue
        lines = [f"{item.title} ({item.review_date:%d.%m.%Y})" for item in items[:10]] + (["…"] if len(items) > 10 else [])
        with transaction.atomic():
            _notify(
                [owner],
                kind=Notification.Kind.DUE_REVIEWS,
                title=ngettext(
                    "%(count)d item you are responsible for is due for review",
                    "%(count)d items you are responsible for are due for review",
                    len(items),
                )
                % {"count": len(items)},
                text="; ".join(lines),
                url=reverse("review:index") + "?filter=meine",
            )
        told += 1
    return told
