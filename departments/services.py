"""Writes of content packs: the import, in one transaction (all or nothing).

New content goes in as the app builds it: processes with their steps and references, then their
first version through ``processes.services.ensure_baseline``; articles through
``knowledge.services.article_create`` and, if the pack says released, ``revision_release``. A pack
holds no people and no dates: a ``Provenance`` says who owns the new content and who wrote and
released its revisions when (by default the system account writes, the ``--as`` person releases
and owns, now; the demo passes the people and dates of its history). Links between new articles
show their targets' titles (``knowledge.markdown.articles_ahead``).

What exists already (matched by its key) and differs is updated the way the app changes it: laws,
norms, roles and areas in place; a process gets a new version (released by the ``--as`` person
unless the pack calls it a draft), an article a new revision (released if the pack says so). A
process or article with a draft waiting for release is left alone (reported). Onboarding paths
(matched by title) are written in place with their sections and items; a path already assigned
to new hires is left alone (its items carry their confirmations).
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from core import batching
from departments import pack_plan, selectors
from departments.pack_plan import Plan
from departments.pack_writer import PackWriter
from departments.packs import Pack, PackRefused, Problem
from departments.provenance import Provenance
from documents.models import Document
from knowledge.models import Article
from processes.models import Category


def _file_under(department, pack: Pack) -> list[Problem]:
    """File the pack's bands and articles under ``department``; a part another department owns is a problem."""
    from departments import rights

    owned = [
        (f"map.yaml: categories[{index}]", Category.objects.get(slug=entry["slug"]))
        for index, entry in enumerate(pack.categories)
    ]
    owned += [
        (f"articles.yaml: articles[{index}]", Article.objects.get(slug=entry["slug"]))
        for index, entry in enumerate(pack.articles)
    ]
    owned += [
        (f"documents.yaml: documents[{index}]", Document.objects.get(slug=entry["slug"]))
        for index, entry in enumerate(pack.documents)
    ]
    paths = selectors.paths_for_pack([entry["title"] for entry in pack.paths])
    owned += [(f"paths.yaml: paths[{index}]", paths[entry["title"]]) for index, entry in enumerate(pack.paths)]
    problems = []
    for place, obj in owned:
        current = rights.department_of(obj)
        if current is not None and current != department:
            label = obj.name if isinstance(obj, Category) else obj.title  # an article or a path
            problems.append(Problem(place, f"„{label}“ gehört schon zur Abteilung „{current.name}“"))
    if not problems:
        rights.assign(department, [obj for _, obj in owned])
    return problems


def pack_import(
    *, pack: Pack, releaser: AbstractBaseUser | None = None, department=None, provenance: Provenance | None = None
) -> Plan:
    """Import a validated pack: all or nothing.

    Creates what the pack has and the database lacks (matched by law key, norm number, role
    code, category slug, process slug, article slug) and updates what differs (processes and
    articles through a new version or revision, see the module text). Raises PackRefused with
    every problem found; nothing is written then. Side effects: may create the inactive system account ``paketimport`` (the
    author of imported revisions); released articles are released by ``releaser``; the search
    index and page cache follow through the signals of the rows written. With ``department``, the
    pack's bands of the map (with their processes) and its articles are filed under it. ``provenance``
    gives the people and dates of new content (see Provenance).
    """
    with transaction.atomic():
        plan = pack_plan.check(pack, releaser=releaser)
        with batching.batch():
            writer = PackWriter(plan, releaser, provenance or Provenance(releaser))
            writer.write()
            if department is not None and not writer.problems:
                writer.problems += _file_under(department, pack)
            if writer.problems:
                raise PackRefused(writer.problems)  # leaves the atomic block: everything is rolled back
    return plan
