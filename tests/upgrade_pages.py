"""What users see in a database, as JSON: run by tests/test_upgrade.py with the old and the new code.

Not a test module: a script run as a subprocess, with `python -P` (the folder of this file must not
come first on sys.path: tests/processdb/ would hide the real package), the tree whose code should
answer first on PYTHONPATH, DJANGO_SETTINGS_MODULE and DATABASE_URL in the environment.

    python -P tests/upgrade_pages.py OUT.json --discover            # old code: find the pages, then
                                                                    # capture pages, then the state
    python -P tests/upgrade_pages.py OUT.json --pages-from OLD.json # new code: state, then pages

The state (row counts, permissions) is taken where the database is as the migration left or found
it: after the old code's requests (they add sessions and login records) and before the new code's.

Uses only what both releases have in common: Django, the demo accounts' user names, the URLs of
the pages and the models' class names – never an app label, as models move between apps.
"""

import argparse
import hashlib
import json
import os
import re
import sys
from html.parser import HTMLParser

import django

# A page as (user name or "" for anonymous, URL).
FIXED_PAGES = [
    ("", "/konto/anmelden/"),
    ("teamleitung", "/"),
    ("sachbearbeitung", "/"),
    ("teamleitung", "/prozesse/"),
    ("sachbearbeitung", "/prozesse/"),
    ("teamleitung", "/rollen/"),
    ("teamleitung", "/recht/"),
    ("teamleitung", "/recht/aufenthg/"),
    ("teamleitung", "/recht/aufenthg/81/"),
    ("sachbearbeitung", "/recht/aufenthg/81/"),
    ("teamleitung", "/wissen/"),
    ("sachbearbeitung", "/wissen/"),
    ("teamleitung", "/dokumente/"),
    ("teamleitung", "/pruefung/"),
    ("neu", "/einarbeitung/"),
    ("teamleitung", "/einarbeitung/team/"),
    ("teamleitung", "/einarbeitung/pfade/"),
    ("teamleitung", "/suche/?q=Fiktionsbescheinigung"),
    ("sachbearbeitung", "/suche/?q=Fiktionsbescheinigung"),
    ("teamleitung", "/barrierefreiheit/"),
    ("admin", "/admin/"),
]
# Text a release adds to pages on purpose, as (URL prefix, pattern, replacement): taken out of
# what both releases' pages show, so that everything else is still compared word for word.
_TIME = r"\d\d\.\d\d\.\d{4} \d\d:\d\d"
DELIBERATE_CHANGES = [
    # Documents are released by a second person: the history gains a column "Freigabe", and each
    # version's row who released it and when, between its upload time and its download link.
    ("/dokumente/", re.compile(r"(?<= Hochgeladen) Freigabe(?= Datei )"), ""),
    ("/dokumente/", re.compile(rf"({_TIME}) [^\[\]]*? {_TIME}(?= \[→ /dokumente/[^\]]*/herunterladen/\])"), r"\1"),
    # … and a new version no longer applies at once, only once it is released.
    ("/dokumente/", re.compile(r"Eine freigegebene Version gilt sofort"), "Eine neue Version gilt sofort"),
    # Processes are versioned: their page links to the versions; steps are added on their
    # process's page (as a draft), no longer on a page of their own in the admin.
    ("/prozesse/", re.compile(r" \[→ /prozesse/[^\]]*/versionen/\] Versionen und Änderungen"), ""),
    ("/admin/", re.compile(r" ?\[→ /admin/…/step/add/\] Hinzufügen"), ""),
    # Articles change in the app's editor only; the admin shows them („Ansehen“, not „Ändern“).
    ("/admin/", re.compile(r"(\[→ /admin/…/article/\]) Ansehen"), r"\1 Ändern"),
    # Superusers find the content packs (departments) on the admin index.
    ("/admin/", re.compile(r"\[→ /admin/…/\] Pakete importieren und herunterladen\s*\[→ /admin/…/\] Ändern \|\s*"), ""),
    # … and the departments (issue 20): who belongs where, which bands and articles each owns.
    ("/admin/", re.compile(r"\[→ /admin/…/department/\] Abteilungen\s*\[→ /admin/…/department/add/\] Hinzufügen\s*"
                           r"\[→ /admin/…/department/\] Ändern \|\s*"), ""),
]
DEMO_USERS = ["sachbearbeitung", "teamleitung", "redaktion", "neu", "neu.erwerb", "neu.service", "admin"]
# Filled by migrate, compared by meaning (live models and codenames), not by row count.
REFERENCE_MODELS = {"ContentType", "Permission"}


def model(name):
    """The model of this class name, wherever it lives now."""
    from django.apps import apps

    found = [m for m in apps.get_models() if m.__name__ == name]
    if len(found) != 1:
        raise LookupError(f"{len(found)} models named {name}: {found}")
    return found[0]


def discover():
    """Pages of the demo content: a few of each kind, chosen from the database, not hard-coded."""
    pages = list(FIXED_PAGES)
    for user in ("teamleitung", "sachbearbeitung"):
        for process in model("Process").objects.order_by("slug")[:5]:
            pages.append((user, process.get_absolute_url()))
    for role in model("Role").objects.order_by("slug")[:3]:
        pages.append(("teamleitung", role.get_absolute_url()))
    for article in model("Article").objects.order_by("slug")[:4]:
        url = article.get_absolute_url()
        pages += [("teamleitung", url), ("sachbearbeitung", url), ("teamleitung", url + "versionen/")]
        revision = article.revisions.order_by("number").first()
        if revision is not None:
            pages.append(("teamleitung", revision.get_absolute_url()))
    for document in model("Document").objects.order_by("slug")[:3]:
        pages += [("teamleitung", document.get_absolute_url()), ("sachbearbeitung", document.get_absolute_url())]
    for change in model("LawChange").objects.order_by("pk")[:2]:
        pages.append(("teamleitung", f"/pruefung/aenderungen/{change.pk}/"))
    for assignment in model("Assignment").objects.order_by("pk")[:2]:
        pages.append(("teamleitung", f"/einarbeitung/zuweisung/{assignment.pk}/"))
    for path in model("ReadingPath").objects.order_by("pk")[:2]:
        pages.append(("teamleitung", f"/einarbeitung/pfade/{path.pk}/"))
    return pages


class MainText(HTMLParser):
    """The text of the first <main>, with the targets of its links: what a reader of the page gets.

    Attributes other than link targets (CSRF tokens in hidden inputs, nonces, ids) are left out.
    """

    # An inline <svg> (the process diagram) draws what the text beside it says: only the text counts.
    SKIP = {"script", "style", "template", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # nesting of elements inside <main>; 0 = outside
        self.done = False
        self.skipping = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if not self.depth:
            if tag == "main":
                self.depth = 1
            return
        if tag in ("br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area"):
            if tag == "img":
                self.parts.append(f" [img {dict(attrs).get('alt') or ''}] ")
            return  # void elements: no end tag
        self.depth += 1
        if tag in self.SKIP:
            self.skipping += 1
        if self.skipping:
            return
        if tag == "a" and dict(attrs).get("href"):
            self.parts.append(f" [→ {dict(attrs)['href']}] ")
        else:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if not self.depth or self.done:
            return
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        self.depth -= 1
        self.parts.append(" ")
        if tag == "main" or self.depth == 0:
            self.done = True

    def handle_data(self, data):
        if self.depth and not self.done and not self.skipping:
            self.parts.append(data)


def main_text(html):
    parser = MainText()
    parser.feed(html)
    parser.close()
    text = re.sub(r"\s+", " ", "".join(parser.parts)).strip()
    # The CSRF token never reaches the text (hidden inputs are skipped); should one appear in a
    # link or text it is per request: blank it.
    return re.sub(r"csrfmiddlewaretoken=[\w-]+", "csrfmiddlewaretoken=…", text)


APP_MODULE = re.compile(r'<div class="app-[\w-]+ module[^"]*">.*?</div>', re.S)
MODEL_ROW = re.compile(r'<tr class="model-.*?</tr>', re.S)


def admin_index_text(html):
    """The admin index without its grouping by app: the page, then its model rows, sorted.

    Moving models into apps of their own is what the new release does: the index then lists them
    under another app's heading, in another order, at /admin/<new app>/… . That is no loss. Still
    compared: every model row (name, add/change/view links) and the rest of the page (recent
    actions). Only the app label in the link targets and the headings are left out.
    """
    rows = sorted(
        re.sub(r"\[→ /admin/[\w]+/", "[→ /admin/…/", main_text(f"<main>{row}</main>")) for row in MODEL_ROW.findall(html)
    )
    rest = main_text(APP_MODULE.sub("", html))
    return f"{rest} || models: " + " | ".join(rows)


def capture(pages):
    from django.contrib.auth import get_user_model
    from django.test import Client

    User = get_user_model()
    clients = {}
    results = {}
    for username, url in pages:
        if username not in clients:
            client = Client()
            if username:
                client.force_login(User.objects.get(username=username))
            clients[username] = client
        response = clients[username].get(url)
        entry = {"status": response.status_code}
        if response.status_code in (301, 302, 303, 307, 308):
            entry["location"] = response["Location"]
        elif response.get("Content-Type", "").startswith("text/html"):
            html = response.content.decode()
            entry["text"] = admin_index_text(html) if url == "/admin/" else main_text(html)
            for prefix, pattern, replacement in DELIBERATE_CHANGES:
                if url.startswith(prefix):
                    entry["text"] = pattern.sub(replacement, entry["text"])
        results[f"{username or 'anonym'} {url}"] = entry
    return results


def perm_key(permission):
    """A permission by model class and codename: survives a model's move into another app."""
    model_class = permission.content_type.model_class()
    if model_class is None:
        return None  # stale content type: no model of the current code checks it
    return f"{model_class.__name__}.{permission.codename}"


def fingerprints(permissions):
    """A hash of each column's values, by model class and field: a column emptied or changed by a
    migration shows here even where no page renders it (e.g. the Markdown source beside its HTML).

    References to content types and permissions are taken by meaning (model class, codename), as
    their ids may change when a model moves app; a reference to a stale one stays visible as such.
    The rows of many-to-many tables are compared as a set of pairs: their own ids carry nothing.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    def content_type(pk):
        if pk is None:
            return None
        ct = ContentType.objects.get_for_id(pk)
        return ct.model_class().__name__ if ct.model_class() else f"stale {ct.app_label}.{ct.model}"

    result = {}
    for m in apps.get_models(include_auto_created=True):
        if m.__name__ in REFERENCE_MODELS:
            continue
        fields = [f for f in m._meta.concrete_fields if not (m._meta.auto_created and f.primary_key)]
        readers = []
        for f in fields:
            related = f.related_model.__name__ if f.is_relation and f.related_model else None
            if related == "ContentType":
                readers.append(content_type)
            elif related == "Permission":
                readers.append(lambda pk: permissions.get(pk, pk))
            else:
                readers.append(lambda value: value)
        rows = [
            tuple(read(value) for read, value in zip(readers, row, strict=True))
            for row in m._base_manager.order_by("pk").values_list(*(f.attname for f in fields))
        ]
        if m._meta.auto_created:
            rows.sort(key=repr)
            result[m.__name__] = {"(rows)": hashlib.sha256(repr(rows).encode()).hexdigest()[:16]}
        else:
            result[m.__name__] = {
                f.name: hashlib.sha256(repr([row[i] for row in rows]).encode()).hexdigest()[:16]
                for i, f in enumerate(fields)
            }
    return result


def state():
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db import connection

    with connection.cursor() as cursor:
        tables = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            tables[table] = cursor.fetchone()[0]

    # Rows per model class (m2m tables by their through model's name, e.g. Process_roles): found
    # even when a model moves app and its table is renamed.
    models = {}
    for m in apps.get_models(include_auto_created=True):
        if m.__name__ in REFERENCE_MODELS:
            continue
        if m.__name__ in models:
            raise LookupError(f"two models named {m.__name__}")
        models[m.__name__] = m._base_manager.count()

    permissions = {p.pk: perm_key(p) for p in Permission.objects.select_related("content_type")}
    groups = {
        group.name: sorted(k for k in (permissions[pk] for pk in group.permissions.values_list("pk", flat=True)) if k)
        for group in Group.objects.order_by("name")
    }
    by_label = {
        f"{p.content_type.app_label}.{p.codename}": permissions[p.pk]
        for p in Permission.objects.select_related("content_type")
    }
    users = {}
    for user in get_user_model().objects.filter(username__in=DEMO_USERS).order_by("username"):
        granted = user.get_all_permissions()
        users[user.username] = {
            "superuser": user.is_superuser,
            "count": len([p for p in granted if by_label.get(p)]),
            "permissions": sorted(k for k in (by_label.get(p) for p in granted) if k),
            # Every permission the user holds must also be granted by has_perm (backends agree).
            "refused": sorted(p for p in granted if not user.has_perm(p)),
        }
    return {
        "tables": tables,
        "models": models,
        "fields": fingerprints(permissions),
        "live_permissions": sorted(k for k in permissions.values() if k),
        "stale_permissions": sum(1 for k in permissions.values() if k is None),
        "groups": groups,
        "users": users,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--discover", action="store_true", help="choose the pages; state after them")
    source.add_argument("--pages-from", help="the pages of an earlier run; state before them")
    args = parser.parse_args()

    django.setup()
    from django.conf import settings

    # The test client's host; the rest of the settings as the tree has them.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    import processdb  # in both releases (processes may lose its models to other apps)

    out = {"processdb_module": processdb.__file__}
    if args.discover:
        out["pages"] = discover()
        out["results"] = capture(out["pages"])
        out["state"] = state()
    else:
        with open(args.pages_from, encoding="utf-8") as f:
            out["pages"] = [tuple(page) for page in json.load(f)["pages"]]
        out["state"] = state()
        out["results"] = capture(out["pages"])
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1, sort_keys=True)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "processdb.settings")
    sys.exit(main())
