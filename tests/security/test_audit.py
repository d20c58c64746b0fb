"""The audit log: who did what, when and from where; log lines that cannot be forged; admins only."""

import datetime
import logging
import re

import pytest
from django.test import Client
from django.utils import timezone

from core.signals import AuditAction, audit_event
from knowledge import services as knowledge_services
from lawchanges import services as lawchange_services
from processdb.audit import escape
from processdb.models import AuditEvent
from processes.models import Process
from tests.factories import (
    CategoryFactory,
    LawFactory,
    NormFactory,
    ProcessFactory,
    UserFactory,
)

Action = AuditEvent.Action
# A log line: action=… user="…" ip=… path="…" object="…" details="…", values escaped inside quotes.
QUOTED = r'"((?:[^"\\]|\\.)*)"'
LINE = re.compile(
    r"audit action=(?P<action>\w+) user=" + QUOTED.replace("(", "(?P<user>", 1)
    + r" ip=(?P<ip>\S+) path=" + QUOTED + " object=" + QUOTED + " details=" + QUOTED
)
ESCAPES = {"n": "\n", "r": "\r", "t": "\t"}


def unescape(text):
    return re.sub(r"\\(u[0-9a-f]{4}|.)", lambda m: chr(int(m[1][1:], 16)) if len(m[1]) == 5 else ESCAPES.get(m[1], m[1]), text)


ADDRESS = "10.1.2.3"


def client_from(user=None):
    client = Client(REMOTE_ADDR=ADDRESS)
    if user is not None:
        client.force_login(user)
    return client


def latest(action):
    return AuditEvent.objects.filter(action=action).latest("created_at")


def test_login_and_logout_are_recorded_with_address(reader):
    client = client_from()
    client.post("/konto/anmelden/", {"username": "leser", "password": "test-password"})
    event = latest(Action.LOGIN)
    assert (event.actor, event.actor_name, event.ip_address, event.details) == (reader, "leser", ADDRESS, "via=local")
    assert timezone.now() - event.created_at < datetime.timedelta(minutes=1)
    client.post("/konto/abmelden/")
    assert latest(Action.LOGOUT).actor == reader


def test_a_failed_login_records_the_name_as_typed(reader):
    client_from().post("/konto/anmelden/", {"username": "lesre", "password": "x"})
    event = latest(Action.LOGIN_FAILED)
    assert (event.actor, event.actor_name, event.ip_address, event.path) == (None, "lesre", ADDRESS, "/konto/anmelden/")


def test_a_permission_denial_is_recorded(reader):
    response = client_from(reader).get("/wissen/neu/")
    assert response.status_code == 403
    event = latest(Action.PERMISSION_DENIED)
    assert (event.actor, event.path, event.ip_address) == (reader, "/wissen/neu/", ADDRESS)


def test_a_release_in_the_app_is_recorded_with_the_address(editor, second_editor):
    article = knowledge_services.article_create(author=editor, title="Blaue Karte EU", body="Text", note="1")
    response = client_from(second_editor).post(f"/wissen/{article.slug}/freigeben/", {"number": "1"})
    assert response.status_code == 302
    event = latest(Action.RELEASE)
    assert (event.actor, event.object_repr, event.ip_address) == (second_editor, "Blaue Karte EU", ADDRESS)
    assert "revision 1" in event.details


def test_archiving_and_restoring_an_article_are_recorded(editor, second_editor):
    article = knowledge_services.article_create(author=editor, title="Duldung", body="Text", note="1")
    client = client_from(second_editor)
    client.post(f"/wissen/{article.slug}/archivieren/")
    client.post(f"/wissen/{article.slug}/reaktivieren/")
    assert latest(Action.ARCHIVE).object_repr == "Duldung"
    assert latest(Action.RESTORE).actor == second_editor


def test_a_law_change_is_recorded(team_lead):
    law = LawFactory()
    norm = NormFactory(law=law, number="81")
    lawchange_services.law_change_record(
        law=law, norms=[norm], title="Änderung § 81", effective_date=timezone.localdate(), summary="", source="BGBl.",
        recorded_by=team_lead,
    )
    event = latest(Action.LAW_CHANGE)
    assert event.actor == team_lead and "Änderung § 81" in event.object_repr and "81 AufenthG" in event.details


def test_an_app_event_with_an_action_outside_the_closed_set_is_refused_and_not_stored(team_lead):
    before = AuditEvent.objects.count()
    with pytest.raises(ValueError, match="is not a valid AuditAction"):
        audit_event.send(sender=Process, action="released-ish", actor=team_lead, object_repr="x")
    assert AuditEvent.objects.count() == before
    audit_event.send(sender=Process, action=AuditAction.ARCHIVE, actor=team_lead, object_repr="Prozess")
    assert AuditEvent.objects.latest("pk").get_action_display() == "Archiviert"


def test_deletions_in_the_admin_are_recorded(team_lead):
    # Steps and processes are no longer deleted in the admin (a step is removed in a draft); areas of the map are.
    category = CategoryFactory(name="Alter Bereich")
    response = client_from(team_lead).post(f"/admin/processes/category/{category.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    event = latest(Action.DELETE)
    assert (event.actor, event.object_repr) == (team_lead, str(category))
    assert "processes.category" in event.details


def test_archiving_a_process_in_the_admin_is_recorded(team_lead):
    process = ProcessFactory(title="Altes Verfahren")
    client_from(team_lead).post(
        "/admin/processes/process/", {"action": "archive", "_selected_action": [process.pk]}
    )
    event = latest(Action.ARCHIVE)
    assert (event.actor, event.ip_address) == (team_lead, ADDRESS)
    assert "Altes Verfahren" in event.object_repr


@pytest.mark.parametrize("forged", ["x\naudit action=login user=admin", "x\r\naudit action=login", "x\x1b[2Jy", "x\u2028y"])
def test_user_text_cannot_forge_log_lines(db, caplog, forged):
    with caplog.at_level(logging.INFO, logger="processdb.audit"):
        client_from().post("/konto/anmelden/", {"username": forged, "password": "x"})
    lines = [record.getMessage() for record in caplog.records if record.name == "processdb.audit"]
    assert len(lines) == 1
    line = lines[0]
    assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\u2028" not in line
    # The line parses into exactly its six fields; the forged text stays inside the quoted user name.
    fields = LINE.fullmatch(line)
    assert fields is not None, line
    assert fields["action"] == "login_failed" and fields["ip"] == ADDRESS
    # Control characters (the escape sequence) never reach a view (InputCleaningMiddleware); line
    # breaks do, and the database keeps them as typed: only the log line is escaped.
    typed = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", forged)
    assert unescape(fields["user"]) == typed
    assert AuditEvent.objects.get(action=Action.LOGIN_FAILED).actor_name == typed


def test_escape_keeps_ordinary_text_and_can_be_reversed():
    assert escape("Müller-Lüdenscheidt § 81 Abs. 4") == "Müller-Lüdenscheidt § 81 Abs. 4"
    assert escape('a\nb\tc\\"') == 'a\\nb\\tc\\\\\\"'
    for text in ['say "hi"\\n', "\x00\x7f", "line\u2029end"]:
        assert unescape(escape(text)) == text


def test_only_administrators_see_the_log_and_nobody_edits_it(reader, team_lead):
    client_from().post("/konto/anmelden/", {"username": "leser", "password": "falsch"})
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    admin_client = client_from(admin)
    listing = admin_client.get("/admin/processdb/auditevent/")
    assert listing.status_code == 200
    assert "leser" in listing.content.decode() and ADDRESS in listing.content.decode()
    event = AuditEvent.objects.get(action=Action.LOGIN_FAILED)
    assert admin_client.post(f"/admin/processdb/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.get("/admin/processdb/auditevent/add/").status_code == 403
    assert client_from(team_lead).get("/admin/processdb/auditevent/").status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_audit_prune_deletes_records_older_than_the_retention_period(settings):
    from io import StringIO

    from axes.models import AccessAttempt, AccessLog
    from django.core.management import CommandError, call_command

    settings.AUDIT_RETENTION_DAYS = 30
    settings.AXES_ENABLED = True  # off in the test settings; here its login records are part of the test
    # A failed and a successful login through the login page: an audit event and axes records each.
    client_from().post("/konto/anmelden/", {"username": "niemand", "password": "falsch"})
    UserFactory(username="leser", password="test-password")
    client_from().post("/konto/anmelden/", {"username": "leser", "password": "test-password"})
    assert AuditEvent.objects.count() == 2 and AccessLog.objects.count() == 1 and AccessAttempt.objects.count() == 1
    old = timezone.now() - datetime.timedelta(days=31)
    AuditEvent.objects.filter(action=Action.LOGIN_FAILED).update(created_at=old)
    AccessAttempt.objects.update(attempt_time=old)
    AccessLog.objects.update(attempt_time=timezone.now() - datetime.timedelta(days=29))

    out = StringIO()
    call_command("audit_prune", stdout=out)
    assert "1 audit events, 0 login records, 1 failed login records" in out.getvalue()
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [Action.LOGIN]
    assert AccessLog.objects.count() == 1 and not AccessAttempt.objects.exists()

    call_command("audit_prune", "--days", "1", stdout=StringIO())  # a shorter period on request
    assert AccessLog.objects.count() == 0 and AuditEvent.objects.count() == 1
    with pytest.raises(CommandError, match="at least one day"):
        call_command("audit_prune", "--days", "0")
