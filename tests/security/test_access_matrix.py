"""The access matrix: every URL of the product × every kind of user × GET and POST.

Each row names a URL and the outcome for anonymous visitors, readers (Sachbearbeitung),
editors (Redaktion), team leads and a new hire (a reader with a reading path). Outcomes:

    "login"  redirect to the login page          302  redirect elsewhere (an action done)
    200/403/404/405  the status code             "admin-login"  redirect to the admin login

POSTs carry no or minimal form data: they prove who may reach an action, not the action's
rules (its own tests do that). Every request runs in a rolled-back savepoint, so each role
meets the same data. GETs are checked not to change any row, and a second test proves that
every POST without a CSRF token is refused.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from departments import rights
from departments.models import Department
from documents import services as document_services
from documents.models import Document
from knowledge import services as knowledge_services
from lawchanges import services as lawchange_services
from notifications import services as notification_services
from notifications.models import DraftComment
from onboarding import services as onboarding_services
from onboarding.models import Confirmation, PathItem, PathSection, ReadingPath
from processdb import groups
from processes import services as process_services
from tests.factories import LawFactory, NormFactory, ProcessFactory, RoleFactory, StepFactory, StepReferenceFactory, UserFactory
from tests.pdf import pdf_bytes
from tests.public import helpers as public_helpers

# other_editor: an editor like `editor`, but of another department than the one owning the
# world's process map band and articles (issue 20): reads alike, changes of that content 403.
ROLES = ("anonymous", "reader", "editor", "team_lead", "hire", "other_editor")
LOGIN = "login"
ADMIN_LOGIN = "admin-login"


@dataclass(frozen=True)
class Row:
    """One URL: expected (GET, POST) outcome per role; roles left out expect what `others` says."""

    url: str
    expect: dict = field(default_factory=dict)
    others: tuple = (200, 405)
    anonymous: tuple = (LOGIN, LOGIN)
    data: dict = field(default_factory=dict)
    other_department: tuple | None = None  # other_editor, where it differs from the editor

    def expected(self, role):
        if role == "anonymous":
            return self.anonymous
        if role == "other_editor":
            return self.other_department or self.expected("editor")
        return self.expect.get(role, self.others)


READ = dict(others=(200, 405))
# An empty form comes back with its errors (400).
EDIT_FORM = dict(expect={"editor": (200, 400), "team_lead": (200, 400)}, others=(403, 403))
EDIT_ACTION = dict(expect={"editor": (405, 302), "team_lead": (405, 302)}, others=(403, 403))
LEAD_ONLY_PAGE = dict(expect={"team_lead": (200, 405)}, others=(403, 403))
LEAD_ONLY_ACTION = dict(expect={"team_lead": (405, 302)}, others=(403, 403))


def admin(url, editor, team_lead, anonymous=(LOGIN, LOGIN)):
    """An admin page: login first, then staff only (others go to the admin login), then the groups' permissions."""
    return Row(
        url,
        expect={
            "reader": (ADMIN_LOGIN, ADMIN_LOGIN),
            "hire": (ADMIN_LOGIN, ADMIN_LOGIN),
            "editor": editor,
            "team_lead": team_lead,
        },
        anonymous=anonymous,
    )


# {name} placeholders are filled from the `world` fixture.
MATRIX = [
    # Public pages.
    Row("/konto/anmelden/", others=(302, 302), anonymous=(200, 200)),
    Row("/healthz", others=(200, 405), anonymous=(200, 405)),
    # Login with the city's account: not found while no identity provider is configured (the
    # matrix with a provider: tests/sso/test_access_directory.py).
    Row("/konto/stadt/", others=(404, 405), anonymous=(404, 405)),
    Row("/konto/stadt/zurueck/", others=(404, 405), anonymous=(404, 405)),
    Row("/barrierefreiheit/", others=(200, 405), anonymous=(200, 405)),
    # Information for applicants: the same for everyone, read only.
    *(
        Row(url, others=(200, 405), anonymous=(200, 405))
        for url in (
            "/info/", "/info/a-z/", "/info/suche/?q=Karte", "/info/impressum/", "/info/feed.json", "/sitemap.xml",
            "/info/{public}/", "/info/{public}/checkliste/", "/info/{public}/xzufi.xml", "/info/formulare/{document}/",
            "/info/wegweiser/", "/info/ar/", "/info/en/a-z/", "/info/uk/suche/?q=Karte", "/info/tr/impressum/",
            "/info/ar/{public}/", "/info/leichte-sprache/{public}/checkliste/", "/info/fa/wegweiser/",
        )
    ),
    Row("/info/{public_draft}/", others=(404, 405), anonymous=(404, 405)),
    # Writing public texts: editors and team leads; releasing: the service refuses what is not allowed.
    Row("/oeffentlich/", expect={"editor": (200, 405), "team_lead": (200, 405)}, others=(403, 403)),
    Row("/oeffentlich/neu/", **EDIT_FORM),
    Row("/oeffentlich/{public}/", expect={"editor": (200, 405), "team_lead": (200, 405)}, others=(403, 403)),
    Row("/oeffentlich/{public}/bearbeiten/", **EDIT_FORM),
    Row("/oeffentlich/{public_draft}/freigeben/", data={"number": "1"}, **EDIT_ACTION),
    Row("/oeffentlich/uebersetzungen/", expect={"editor": (200, 405), "team_lead": (200, 405)}, others=(403, 403)),
    Row("/oeffentlich/{public}/uebersetzungen/ar/", **EDIT_FORM),
    # Feedback and notifications: everyone gives feedback and reads their own notifications; editors
    # and team leads handle the feedback on what their department looks after (the world's process is
    # the first department's: the other department's editor neither sees nor answers it).
    Row("/benachrichtigungen/", **READ),
    Row("/benachrichtigungen/gelesen/", others=(405, 302)),
    Row("/benachrichtigungen/einstellungen/", data={"email": "daily"}, others=(200, 302)),
    Row("/hinweise/", **READ),
    Row("/hinweise/neu/?art=process&id={process_pk}", data={"text": "Veraltet"}, others=(200, 302)),
    Row("/hinweise/neu/?art=process&id=0", others=(404, 404)),
    Row("/beobachten/?art=article&id={article_pk}", data={"action": "start"}, others=(200, 302)),
    Row("/beobachten/?art=article&id=0", data={"action": "start"}, others=(404, 404)),
    Row("/beobachten/?art=area&id={area_pk}", data={"action": "start"}, others=(200, 302)),
    Row("/beobachten/?art=norm&id={norm_pk}", data={"action": "start"}, others=(200, 302)),
    # Comments on drafts: whoever may read the draft (editors and team leads of any department).
    Row(
        "/entwuerfe/article/{article_pk}/2/kommentare/",
        data={"text": "Bitte § 47 AufenthV belegen."},
        expect={"editor": (200, 302), "team_lead": (200, 302)},
        others=(404, 404),
    ),
    Row(
        "/entwuerfe/kommentare/{comment}/erledigt/",
        data={"resolved": "1"},
        expect={"editor": (405, 302), "team_lead": (405, 302)},
        others=(405, 404),
    ),
    Row(
        "/hinweise/{feedback}/",
        expect={"reader": (200, 403), "editor": (200, 400), "team_lead": (200, 400)},
        others=(404, 404),
        other_department=(404, 404),
    ),
    Row(
        "/pruefung/hinweise/",
        expect={"editor": (200, 405), "team_lead": (200, 405), "other_editor": (200, 405)},
        others=(403, 403),
    ),
    # Everyone logged in.
    Row("/", **READ),
    Row("/konto/abmelden/", others=(405, LOGIN)),
    Row("/suche/?q=Fiktion", **READ),
    # Process map, roles, law.
    Row("/prozesse/{process}/bpmn/", **READ),
    Row("/prozesse/handbuch/", **READ),
    # A BPMN file as a new draft process: those who may add processes; the empty form is refused (400).
    Row("/prozesse/import/", expect={"editor": (200, 400), "team_lead": (200, 400)}, others=(403, 403)),
    Row("/prozesse/", **READ),
    Row("/prozesse/{process}/", **READ),
    Row("/prozesse/gibt-es-nicht/", others=(404, 405)),
    Row("/prozesse/{process}/geprueft/", data={"next_review": "01.01.2030"}, other_department=(405, 403), **EDIT_ACTION),
    Row("/prozesse/{process}/versionen/", **READ),
    Row("/prozesse/{process}/versionen/1/", **READ),
    Row("/prozesse/{process}/vergleich/?von=1&zu=1", **READ),
    # Everyone who reads may ask; the service refuses those without the release permission (403).
    Row(
        "/prozesse/{process}/versionen/1/freigeben/",
        expect={"editor": (405, 302), "team_lead": (405, 302)},
        others=(405, 403),
        other_department=(405, 403),
    ),
    Row("/prozesse/{process}/versionen/1/wiederherstellen/", other_department=(405, 403), **EDIT_ACTION),
    Row("/rollen/", **READ),
    Row("/rollen/{role}/", **READ),
    Row("/recht/", **READ),
    Row("/recht/{law}/", **READ),
    Row("/recht/{law}/{norm}/", **READ),
    # Documents; version 2 is not released yet.
    Row("/dokumente/", **READ),
    Row("/dokumente/neu/", **EDIT_FORM),
    Row("/dokumente/{document}/", **READ),
    Row(
        "/dokumente/{document}/hochladen/",
        expect={"editor": (405, 400), "team_lead": (405, 400)},
        others=(403, 403),
        other_department=(405, 403),
    ),
    Row("/dokumente/{document}/freigeben/", data={"number": "2"}, other_department=(405, 403), **EDIT_ACTION),
    Row("/dokumente/{document}/geprueft/", data={"next_review": "01.01.2030"}, other_department=(405, 403), **EDIT_ACTION),
    Row("/dokumente/{document}/versionen/1/herunterladen/", **READ),
    Row(
        "/dokumente/{document}/versionen/2/herunterladen/",
        expect={"editor": (200, 405), "team_lead": (200, 405)},
        others=(404, 405),
    ),
    # Knowledge; revision 2 of the article is an unreleased draft, the draft article was never released.
    Row("/wissen/", **READ),
    Row("/wissen/neu/", **EDIT_FORM),
    Row("/wissen/{article}/", **READ),
    Row("/wissen/{draft}/", expect={"editor": (200, 405), "team_lead": (200, 405)}, others=(404, 405)),
    Row("/wissen/{article}/bearbeiten/", other_department=(403, 403), **EDIT_FORM),
    Row("/wissen/schritte/suche/?q=Karte", expect={"editor": (200, 405), "team_lead": (200, 405)}, others=(403, 403)),
    Row("/wissen/{article}/versionen/", **READ),
    Row("/wissen/{article}/versionen/1/", **READ),
    Row("/wissen/{article}/versionen/2/", expect={"editor": (200, 405), "team_lead": (200, 405)}, others=(404, 405)),
    Row("/wissen/{article}/vergleich/?von=1&zu=1", **READ),
    Row("/wissen/{article}/vergleich/?von=1&zu=2", expect={"editor": (200, 405), "team_lead": (200, 405)}, others=(404, 405)),
    Row("/wissen/{article}/versionen/1/wiederherstellen/", other_department=(405, 403), **EDIT_ACTION),
    # Only the other editor may release the editor's draft; the author is refused with a message.
    # Readers pass the view (the four-eyes rule is the service's) and are refused there.
    Row(
        "/wissen/{article}/freigeben/",
        data={"number": "2"},
        expect={"editor": (405, 302), "team_lead": (405, 302)},
        others=(405, 403),
        other_department=(405, 403),
    ),
    Row("/wissen/{article}/archivieren/", other_department=(405, 403), **EDIT_ACTION),
    Row("/wissen/{article}/reaktivieren/", other_department=(405, 403), **EDIT_ACTION),
    Row("/wissen/{article}/geprueft/", data={"next_review": "01.01.2030"}, other_department=(405, 403), **EDIT_ACTION),
    # Review queue and law changes.
    Row("/pruefung/", **READ),
    Row("/pruefung/aenderungen/neu/", **EDIT_FORM),
    Row("/pruefung/aenderungen/{law_change}/", **READ),
    Row("/pruefung/schliessen/", **EDIT_ACTION),
    # Onboarding: the checklist is one's own; others' items are not found, not forbidden.
    Row("/einarbeitung/", **READ),
    Row("/einarbeitung/punkt/{assignment}/{item}/", expect={"hire": (200, 405)}, others=(404, 405)),
    Row("/einarbeitung/punkt/{assignment}/{item}/bestaetigen/", expect={"hire": (405, 302)}, others=(405, 404)),
    Row("/einarbeitung/punkt/{assignment}/{item}/zuruecknehmen/", expect={"hire": (405, 302)}, others=(405, 404)),
    Row("/einarbeitung/punkt/{other_assignment}/{item}/", others=(404, 405)),
    Row("/einarbeitung/punkt/{other_assignment}/{item}/bestaetigen/", others=(405, 404)),
    Row("/einarbeitung/punkt/{other_assignment}/{item}/zuruecknehmen/", others=(405, 404)),
    Row("/einarbeitung/zuweisung/{assignment}/", expect={"hire": (200, 405), "team_lead": (200, 405)}, others=(404, 405)),
    Row("/einarbeitung/zuweisung/{other_assignment}/", expect={"team_lead": (200, 405)}, others=(404, 405)),
    Row("/einarbeitung/team/", **LEAD_ONLY_PAGE),
    Row("/einarbeitung/team/export.csv", **LEAD_ONLY_PAGE),
    Row("/einarbeitung/pfade/", **LEAD_ONLY_PAGE),
    Row("/einarbeitung/pfade/{path}/", **LEAD_ONLY_PAGE),
    Row("/einarbeitung/pfade/entwerfen/", data={"role": "{role_pk}"}, **LEAD_ONLY_ACTION),
    Row("/einarbeitung/pfade/{path}/zuweisen/", expect={"team_lead": (405, 400)}, others=(403, 403)),
    # The admin: staff only, and within it the model permissions of the groups.
    # The admin index sends visitors to its own login form, the model pages to the app's login.
    admin("/admin/", editor=(200, 200), team_lead=(200, 200), anonymous=(ADMIN_LOGIN, ADMIN_LOGIN)),
    admin("/admin/processes/process/", editor=(200, 200), team_lead=(200, 200)),
    # Another department's process: shown read-only, a change refused.
    Row(
        "/admin/processes/process/{process_pk}/change/",
        expect={
            "reader": (ADMIN_LOGIN, ADMIN_LOGIN),
            "hire": (ADMIN_LOGIN, ADMIN_LOGIN),
            "editor": (200, 200),
            "team_lead": (200, 200),
        },
        other_department=(200, 403),
    ),
    admin("/admin/processes/category/", editor=(200, 200), team_lead=(200, 200)),
    admin("/admin/onboarding/readingpath/", editor=(403, 403), team_lead=(200, 200)),
    admin("/admin/processdb/auditevent/", editor=(403, 403), team_lead=(403, 403)),
    admin("/admin/auth/user/", editor=(403, 403), team_lead=(403, 403)),
    # Content packs: superusers only (tests/departments/test_admin.py).
    admin("/admin/pakete/", editor=(403, 403), team_lead=(403, 403)),
]


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """A little of everything, and two new hires with their own checklists: built once for the
    module inside a transaction that is rolled back at its end. Each test runs in a savepoint
    within it (`db`), so every test meets the same rows."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(db, shared_world):
    """The module's world, in this test's savepoint."""
    return shared_world


def _build_world():
    reader = UserFactory(username="leser", groups=[groups.READERS])
    editor = UserFactory(username="redakteur", groups=[groups.EDITORS], is_staff=True)
    second_editor = UserFactory(username="redakteurin2", groups=[groups.EDITORS], is_staff=True)
    team_lead = UserFactory(username="leitung", groups=[groups.TEAM_LEADS], is_staff=True)
    hire = UserFactory(username="neu", groups=[groups.READERS])
    other_hire = UserFactory(username="neu2", groups=[groups.READERS])
    law = LawFactory()
    norm = NormFactory(law=law, number="81")
    role = RoleFactory(code="SB-A", name="Sachbearbeitung Aufenthalt", slug="sachbearbeitung-aufenthalt")
    process = ProcessFactory(title="Fiktionsbescheinigung ausstellen", slug="fiktion", owner_role=role)
    step = StepFactory(process=process, position=1, title="Antrag prüfen", responsible_role=role)
    StepReferenceFactory(step=step, norm=norm, subsection="4")
    process_services.ensure_baseline(process)  # version 1, released
    pdf = pdf_bytes("Merkblatt", ["Zeile"])
    document = document_services.document_create(
        title="Merkblatt Fiktion",
        kind=Document.Kind.LEAFLET,
        description="",
        owner=editor,
        review_date=None,
        steps=[step],
        upload=SimpleUploadedFile("merkblatt.pdf", pdf),
        note="1",
        user=editor,
    )
    document_services.document_version_release(version=document.versions.get(number=1), releaser=second_editor)
    document_services.document_add_version(  # version 2 stays a draft
        document=document, upload=SimpleUploadedFile("neu.pdf", pdf + b"\n%2"), note="2", user=editor, base_number=1
    )
    article = knowledge_services.article_create(
        author=editor, title="Fiktionsbescheinigung", body="Nach § 81 Abs. 4 AufenthG.", note="1"
    )
    knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    knowledge_services.article_revise(
        article=article, author=editor, title=article.title, body="Entwurf.", note="2", base_number=1
    )
    draft = knowledge_services.article_create(author=editor, title="Noch nicht freigegeben", body="Entwurf", note="1")
    law_change = lawchange_services.law_change_record(
        law=law,
        norms=[norm],
        title="Änderung § 81",
        effective_date=timezone.localdate() + datetime.timedelta(days=10),
        summary="s",
        source="BGBl.",
        recorded_by=team_lead,
    )
    path = ReadingPath.objects.create(title="Einarbeitung SB-A", role=role)
    section = PathSection.objects.create(path=path, title="Erste Woche", position=1)
    item = PathItem.objects.create(section=section, position=1, kind="article", article=article)
    today = timezone.localdate()
    dates = dict(start_date=today, due_date=today + datetime.timedelta(days=30), assigned_by=team_lead)
    assignment = onboarding_services.assignment_create(path=path, person=hire, mentor=None, **dates)
    other = onboarding_services.assignment_create(path=path, person=other_hire, mentor=None, **dates)
    onboarding_services.item_confirm(assignment=other, item=item, user=other_hire)
    # Two departments: the first owns the process's band and the articles, the other editor is of the second.
    first = Department.objects.create(slug="ab", name="Ausländerbehörde")
    first.members.add(editor, second_editor, team_lead)
    rights.assign(first, [process, article, draft, document])
    Document.objects.filter(pk=document.pk).update(is_public=True)
    public_text = public_helpers.released_text(process=process, slug="blaue-karte", author=editor, releaser=second_editor)
    public_draft = public_helpers.draft_text(process=process, slug="entwurf", author=editor)
    feedback = notification_services.give_feedback(user=reader, kind="process", object_id=process.pk, text="Gebühr veraltet")
    comment = DraftComment.objects.create(kind="article", object_id=article.pk, number=2, author=second_editor, text="?")
    other_editor = UserFactory(username="redaktion.bs", groups=[groups.EDITORS], is_staff=True)
    Department.objects.create(slug="bs", name="Bürgerservice").members.add(other_editor)
    return {
        "users": {"reader": reader, "editor": editor, "team_lead": team_lead, "hire": hire, "other_editor": other_editor},
        "names": {
            "process": process.slug,
            "process_pk": process.pk,
            "role": role.slug,
            "role_pk": role.pk,
            "law": law.key,
            "norm": norm.number,
            "document": document.slug,
            "article": article.slug,
            "article_pk": article.pk,
            "draft": draft.slug,
            "law_change": law_change.pk,
            "path": path.pk,
            "assignment": assignment.pk,
            "other_assignment": other.pk,
            "item": item.pk,
            "public": public_text.slug,
            "public_draft": public_draft.slug,
            "feedback": feedback.pk,
            "comment": comment.pk,
            "area_pk": process.category_id,
            "norm_pk": norm.pk,
        },
    }


def outcome(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        if location.startswith("/konto/anmelden/"):
            return LOGIN
        return 302
    return response.status_code


# What a GET may touch: sessions and the audit log (a refused GET is recorded), nothing else.
NOT_CONTENT = {"sessions.session", "processdb.auditevent", "admin.logentry"}


def snapshot():
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in NOT_CONTENT or label.startswith(("axes.", "contenttypes.", "auth.permission")):
            continue
        rows[label] = list(model.objects.order_by("pk").values())
    return rows


def client_for(role, world):
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


@pytest.mark.parametrize("row", MATRIX, ids=[row.url for row in MATRIX])
def test_access_matrix(row, world):
    url = row.url.format(**world["names"])
    data = {key: value.format(**world["names"]) for key, value in row.data.items()}
    expected, actual = {}, {}
    clients = {role: client_for(role, world) for role in ROLES}  # logging in sets last_login
    before = snapshot()  # every POST below is rolled back, every GET is checked against it
    for role, client in clients.items():
        get = outcome(client.get(url))
        assert snapshot() == before, f"GET {url} as {role} changed data"
        with transaction.atomic():
            post = outcome(client.post(url, data))
            transaction.set_rollback(True)
        expected[role], actual[role] = row.expected(role), (get, post)
    assert actual == expected


def every_url_pattern(patterns=None, prefix=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern) == "admin/":
                continue  # the admin's own routes; the rows above cover the admin we use
            yield from every_url_pattern(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def test_the_matrix_covers_every_url_of_the_product(world):
    """A new URL without a row here fails this test."""
    from django.urls import resolve

    covered = set()
    for row in MATRIX:
        match = resolve(row.url.format(**world["names"]).split("?")[0])
        covered.add(match.route)
    missing = {route for route in every_url_pattern()} - covered
    assert not missing, f"URLs without a row in the access matrix: {sorted(missing)}"


def test_every_post_without_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["team_lead"])
    before = snapshot()
    for row in MATRIX:
        url = row.url.format(**world["names"])
        response = client.post(url, {key: value.format(**world["names"]) for key, value in row.data.items()})
        assert response.status_code == 403, url
        assert "Das Formular konnte nicht gesendet werden" in response.content.decode(), url
    assert snapshot() == before


def test_the_csrf_token_lets_the_same_post_through(world):
    """The refusal above is the CSRF check, not the permission: with the token the action works."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["team_lead"])
    page = client.get("/prozesse/fiktion/")
    token = page.context["csrf_token"]
    response = client.post("/prozesse/fiktion/geprueft/", {"next_review": "01.01.2030", "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302


def test_ids_of_other_people_cannot_be_guessed(world):
    """The new hire tries every assignment and item id around their own: none of another's opens."""
    client = client_for("hire", world)
    own = world["names"]["assignment"]
    other = world["names"]["other_assignment"]
    item = world["names"]["item"]
    # Ids around the real ones (on PostgreSQL, sequences keep counting across tests).
    for assignment in range(min(own, other) - 2, max(own, other) + 3):
        for candidate in range(item - 2, item + 3):
            response = client.get(f"/einarbeitung/punkt/{assignment}/{candidate}/")
            expected = 200 if (assignment, candidate) == (own, item) else 404
            assert response.status_code == expected, (assignment, candidate)
        status = client.get(f"/einarbeitung/zuweisung/{assignment}/").status_code
        assert status == (200 if assignment == own else 404), assignment
    # The other hire's confirmation stays as it was.
    assert Confirmation.objects.filter(assignment_id=other).count() == 1
