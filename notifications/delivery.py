"""E-mail of notifications, in the background (django-tasks with its database backend).

A notification that its recipient wants at once is queued in the same transaction that makes it
(the task is a row of the database backend: committed together, or not at all). The worker
(`manage.py db_worker`, started by `make run` and as its own service in docker-compose.yml)
sends it; it is marked sent only after the SMTP server accepted it. A refused or failed send is
tried again after 1, 5, 30 minutes and 2 hours; after the last try it is marked failed (the
admin lists those). `manage.py notifications_send` queues whatever is due again – after a restart
of the worker or of the mail server nothing is lost; and a notification is sent at most once, as
the row is locked while it is sent. Before sending, the recipient's right to read what it is
about is checked again: what they may no longer read is not sent.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from notifications import targets
from notifications.models import Notification, Preference

logger = logging.getLogger(__name__)
RETRY_AFTER = [datetime.timedelta(minutes=m) for m in (1, 5, 30, 120)]


def site_url(path: str) -> str:
    return settings.PROCESSDB_SITE_URL.rstrip("/") + path


def email_modes(users) -> dict[int, str]:
    """{user id: "now" | "daily" | "off"} (one query); "off" for users without an address."""
    chosen = dict(Preference.objects.filter(user__in=users).values_list("user_id", "email"))
    return {user.pk: (chosen.get(user.pk, Preference.Email.NOW) if user.email else Preference.Email.OFF) for user in users}


def queue(notifications) -> None:
    """Set the e-mail state of new notifications and queue those wanted at once (caller's transaction)."""
    notifications = list(notifications)
    modes = email_modes([notification.recipient for notification in notifications])
    for notification in notifications:
        mode = modes[notification.recipient_id]
        notification.email_state = {"now": "pending", "daily": "digest"}.get(mode, "none")
    Notification.objects.bulk_update(notifications, ["email_state"])
    for notification in notifications:
        if notification.email_state == "pending":
            send.enqueue(notification.pk)


def may_read(notification: Notification) -> bool:
    """Whether the recipient may still read what the notification is about."""
    if not notification.target or notification.object_id is None:
        return True
    if notification.kind == Notification.Kind.DRAFT_COMMENT:
        from notifications.comments import may_discuss

        return may_discuss(notification.recipient, notification.target, notification.object_id)
    if notification.feedback_id and notification.feedback.reporter_id == notification.recipient_id:
        return True  # one's own feedback
    if notification.feedback_id:
        from notifications.services import may_handle

        return may_handle(notification.recipient, notification.feedback)
    return targets.find(notification.target, notification.object_id, notification.recipient) is not None


def message(notifications, recipient, *, subject: str) -> EmailMultiAlternatives:
    """The e-mail: German, plain text and HTML, with the way to the settings and List-Unsubscribe."""
    settings_url = site_url(reverse("notifications:settings"))
    context = {
        "recipient": recipient,
        "items": [{"notification": item, "url": site_url(item.url)} for item in notifications],
        "settings_url": settings_url,
        "list_url": site_url(reverse("notifications:list")),
    }
    with translation.override("de"):
        text = render_to_string("notifications/email/notifications.txt", context)
        html = render_to_string("notifications/email/notifications.html", context)
    email = EmailMultiAlternatives(
        subject=subject[:200],
        body=text,
        to=[recipient.email],
        headers={"List-Unsubscribe": f"<{settings_url}>", "Auto-Submitted": "auto-generated"},
    )
    email.attach_alternative(html, "text/html")
    return email


@task()
def send(notification_id: int) -> str:
    """Send one notification by e-mail; on failure try again later (RETRY_AFTER)."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "feedback")
            .filter(pk=notification_id, email_state="pending")
            .first()
        )
        if notification is None:
            return "nothing to do"  # sent already, or not wanted any more
        if not notification.recipient.is_active or not notification.recipient.email or not may_read(notification):
            notification.email_state = "skipped"
            notification.save(update_fields=["email_state"])
            return "skipped"
        try:
            message([notification], notification.recipient, subject=notification.title).send()
        except (smtplib.SMTPException, OSError) as error:
            return _failed(notification, error)
        notification.email_state = "sent"
        notification.emailed_at = timezone.now()
        notification.email_error = ""
        notification.save(update_fields=["email_state", "emailed_at", "email_error"])
    return "sent"


def _failed(notification: Notification, error) -> str:
    notification.email_attempts += 1
    notification.email_error = f"{type(error).__name__}: {error}"[:500]
    if notification.email_attempts > len(RETRY_AFTER):
        notification.email_state = "failed"
        logger.error("notification %s: e-mail failed for good: %s", notification.pk, notification.email_error)
    notification.save(update_fields=["email_state", "email_attempts", "email_error"])
    if notification.email_state == "pending":
        delay = RETRY_AFTER[notification.email_attempts - 1]
        send.using(run_after=timezone.now() + delay).enqueue(notification.pk)
        return "retry"
    return "failed"


def send_due() -> int:
    """Queue every pending e-mail again (after an outage of the worker); returns how many."""
    pending = list(Notification.objects.filter(email_state="pending").values_list("pk", flat=True))
    for pk in pending:
        send.enqueue(pk)
    return len(pending)


def send_digests(*, now=None) -> int:
    """One e-mail per person with their notifications collected for the daily digest; returns how many."""
    from django.contrib.auth import get_user_model

    sent = 0
    users = get_user_model().objects.filter(notifications__email_state="digest").distinct()
    for user in users:
        with transaction.atomic():
            items = list(
                Notification.objects.select_for_update(of=("self",))
                .filter(recipient=user, email_state="digest")
                .select_related("recipient", "feedback")
                .order_by("created_at", "id")
            )
            readable = [item for item in items if may_read(item)]
            if readable and user.email and user.is_active:
                with translation.override("de"):
                    subject = translation.ngettext(
                        "Process database: %(count)d notification", "Process database: %(count)d notifications", len(readable)
                    ) % {"count": len(readable)}
                try:
                    message(readable, user, subject=subject).send()
                except (smtplib.SMTPException, OSError) as error:
                    logger.warning("digest for %s not sent, kept for the next run: %s", user.pk, error)
                    continue
                sent += 1
            stamp = timezone.now()
            for item in items:
                item.email_state = "sent" if item in readable and user.email and user.is_active else "skipped"
                item.emailed_at = stamp if item.email_state == "sent" else None
            Notification.objects.bulk_update(items, ["email_state", "emailed_at"])
    return sent
