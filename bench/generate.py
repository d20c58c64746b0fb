"""Fill a database deterministically at size S, M or L, through the project's own services.

    python -m bench.generate --size L          (uses DATABASE_URL, like manage.py)

S is the demo. M and L add generated areas, processes with steps and legal references,
articles with released revisions linked to steps, users and onboarding assignments on top
of the demo, released public texts for applicants (/info/) on the generated processes up to
500 (M) or 2,000 (L) in all, plus the fixtures the page benchmark needs: a process with 15
steps, a norm cited 500 times and an article with 50 revisions. The same seed gives the same data.
"""

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass

from bench import public_texts

SIZES = {
    "S": None,
    "M": {"processes": 500, "steps": 10, "articles": 3000, "revisions": 2, "users": 30, "assignments": 20, "law_changes": 10,
          "public_texts": 500},
    "L": {"processes": 2000, "steps": 10, "articles": 10000, "revisions": 3, "users": 100, "assignments": 50, "law_changes": 20,
          "public_texts": 2000},
}

NOUNS = [
    "Aufenthaltserlaubnis", "Niederlassungserlaubnis", "Fiktionsbescheinigung", "Verpflichtungserklärung", "Blaue Karte EU",
    "Beschäftigungserlaubnis", "Duldung", "Ausbildungsduldung", "Familiennachzug", "Reiseausweis", "Passersatz",
    "Chancenkarte", "Aufenthaltskarte", "Zustimmung der Bundesagentur für Arbeit", "Sicherheitsabfrage", "Wohnsitzauflage",
    "Einbürgerung", "Integrationskurs", "Gebührenbescheid", "Widerspruch", "Abschiebung", "Ausreisepflicht", "Vorabzustimmung",
    "Anerkennung des Berufsabschlusses", "Gehaltsschwelle", "Lebensunterhalt", "Krankenversicherung", "Bonität",
]
VERBS = [
    "prüfen",
    "erteilen",
    "verlängern",
    "ausstellen",
    "anfordern",
    "entgegennehmen",
    "bewerten",
    "übermitteln",
    "dokumentieren",
    "festsetzen",
]
QUALIFIERS = [
    "für Fachkräfte",
    "bei Studierenden",
    "im beschleunigten Verfahren",
    "nach Schutzgewährung",
    "für Familienangehörige",
    "bei verspätetem Antrag",
    "im Inland",
    "nach Einreise",
]
SENTENCES = [
    "Die Unterlagen werden auf Vollständigkeit geprüft und fehlende Nachweise schriftlich angefordert.",
    "Die Frist beginnt mit dem Eingang des vollständigen Antrags; die Wiedervorlage wird im Fachverfahren gesetzt.",
    "Bei Zweifeln an der Echtheit der Dokumente wird die Teamleitung beteiligt.",
    "Die Entscheidung wird im Vermerk begründet und der antragstellenden Person bekannt gegeben.",
    "Die Gebühr richtet sich nach der Aufenthaltsverordnung und wird vor Aushändigung erhoben.",
    "Das Ergebnis wird im Ausländerzentralregister erfasst.",
    "Die Zustimmung gilt als erteilt, wenn die Bundesagentur für Arbeit nicht innerhalb von zwei Wochen widerspricht.",
    "Der Lebensunterhalt gilt als gesichert, wenn er ohne Inanspruchnahme öffentlicher Mittel bestritten werden kann.",
]


def setup_django(*, production: bool = False):
    """Django for the bench scripts: DEBUG on for generating, off (as in production) for measuring."""
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "processdb.settings")
    if production:
        os.environ["DEBUG"] = "0"
        os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key")
        os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
        os.environ.setdefault("DJANGO_HTTPS", "0")  # the benchmarks speak plain HTTP on 127.0.0.1
    else:
        os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


@dataclass
class Report:
    size: str
    seconds: float
    counts: dict


def generate(size: str, *, seed: int = 20261121, log=print) -> Report:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    from core import batching
    from departments.models import Department
    from knowledge import services as knowledge_services
    from knowledge.models import Article
    from law.models import Law, Norm
    from onboarding import services as onboarding_services
    from onboarding.models import Assignment, ReadingPath
    from processdb import demo as departments_demo
    from processdb import groups
    from processdb.accounts import ensure_demo_accounts
    from processes.models import Category, Process, Role, Step, StepReference
    from search import index as search_index

    started = time.monotonic()
    rng = random.Random(seed)
    call_command("demo", force=True, password=os.environ.get("PROZESSDB_DEMO_PASSWORD", "demo"), verbosity=0)
    spec = SIZES[size]
    if spec is None:
        return Report(size, time.monotonic() - started, _counts())
    # Every phase skips what an earlier (possibly interrupted) run already created.

    User = get_user_model()
    demo_users = ensure_demo_accounts(password=os.environ.get("PROZESSDB_DEMO_PASSWORD", "demo"))
    with search_index.suspended():
        with transaction.atomic():
            from django.contrib.auth.models import Group

            readers, editors = Group.objects.get(name=groups.READERS), Group.objects.get(name=groups.EDITORS)
            users = []
            for n in range(spec["users"]):
                user, _ = User.objects.get_or_create(
                    username=f"bench{n:03d}", defaults={"first_name": "Test", "last_name": f"Person {n:03d}"}
                )
                user.set_password("bench")
                user.save()
                user.groups.set([editors if n % 10 == 0 else readers])
                users.append(user)
            authors = [demo_users["teamleitung"], demo_users["redaktion"]] + [u for i, u in enumerate(users) if i % 10 == 0]
            # The generated content is the first demo department's: so are the people who write it.
            first_department = Department.objects.filter(slug=departments_demo.FIRST["slug"]).first()
            if first_department is not None:
                first_department.members.add(*users)

            core = (
                Category.objects.get(slug="kernprozesse")
                if Category.objects.filter(slug="kernprozesse").exists()
                else Category.objects.filter(parent=None).first()
            )
            areas = []
            for n in range(20):
                area = Category.objects.filter(slug=f"bench-sachgebiet-{n:02d}").first() or Category.objects.create(
                    name=f"Sachgebiet {n:02d}", slug=f"bench-sachgebiet-{n:02d}", code=f"B{n:02d}", parent=core, position=100 + n
                )
                areas.append(area)
            roles = list(Role.objects.filter(is_external=False))
            external = list(Role.objects.filter(is_external=True))
            law = Law.objects.get(abbreviation="AufenthG")
            norms = [Norm.objects.get_or_create(law=law, number=str(n))[0] for n in range(1, 107)]
            popular = Norm.objects.get_or_create(law=law, number="71")[0]
        log(f"{size}: users, areas and norms ready")

        for start in range(0, spec["processes"], 100):
            if Process.objects.filter(code=f"B-{min(start + 99, spec['processes'] - 1):04d}").exists():
                continue
            with transaction.atomic(), batching.batch():  # step cards and search rows once per 100 processes
                for n in range(start, min(start + 100, spec["processes"])):
                    if Process.objects.filter(code=f"B-{n:04d}").exists():
                        continue
                    noun, verb = rng.choice(NOUNS), rng.choice(VERBS)
                    process = Process.objects.create(
                        code=f"B-{n:04d}",
                        title=f"{noun} {verb} ({rng.choice(QUALIFIERS)})",
                        slug=f"bench-prozess-{n:04d}",
                        category=areas[n % len(areas)],
                        purpose=" ".join(rng.sample(SENTENCES, 2)),
                        trigger=f"Antrag auf {noun}",
                        outcome=f"Entscheidung über: {noun}",
                        owner_role=rng.choice(roles),
                        status=Process.Status.PUBLISHED if n % 20 else Process.Status.DRAFT,
                        review_date=None,
                    )
                    step_count = 15 if n == 0 else spec["steps"]
                    for position in range(1, step_count + 1):
                        cited = rng.choice(norms)
                        step = Step.objects.create(
                            process=process,
                            position=position,
                            title=f"{rng.choice(NOUNS)} {rng.choice(VERBS)}",
                            description=f"{rng.choice(SENTENCES)} Rechtsgrundlage: § {cited.number} AufenthG.",
                            responsible_role=rng.choice(roles),
                            documents="Nationalpass\nAntragsformular" if position == 1 else "",
                        )
                        if position % 3 == 0:
                            step.participating_roles.add(rng.choice(external))
                        StepReference.objects.create(step=step, norm=cited, subsection=str(rng.randint(1, 5)))
            log(f"{size}: {min(start + 100, spec['processes'])} processes")
        generated_steps = list(Step.objects.filter(process__code__startswith="B-").select_related("process").order_by("pk"))
        # The norm cited 500 times (page benchmark): § 71 AufenthG on 500 generated steps.
        with transaction.atomic():
            for step in generated_steps[:500]:
                StepReference.objects.get_or_create(step=step, norm=popular, subsection="1")

        published_steps = [s for s in generated_steps if s.process.status == Process.Status.PUBLISHED]
        existing_articles = set(Article.objects.filter(slug__startswith="bench-artikel-").values_list("slug", flat=True))
        for start in range(0, spec["articles"], 200):
            with transaction.atomic():
                for n in range(start, min(start + 200, spec["articles"])):
                    if f"bench-artikel-{n:05d}" in existing_articles:
                        continue
                    author, releaser = rng.sample(authors, 2)
                    noun = rng.choice(NOUNS)
                    body = "\n\n".join(
                        [
                            f"## {noun}",
                            *rng.sample(SENTENCES, 3),
                            f"Siehe § {rng.choice(norms).number} AufenthG und "
                            f"[[bench-artikel-{(n + 1) % spec['articles']:05d}]].",
                        ]
                    )
                    article = knowledge_services.article_create(
                        author=author,
                        title=f"{noun}: Hinweise {n:05d}",
                        body=body,
                        note="Erstfassung",
                        slug=f"bench-artikel-{n:05d}",
                        owner=author,
                        steps=rng.sample(published_steps, 2),
                    )
                    knowledge_services.revision_release(revision=article.revisions.get(number=1), releaser=releaser)
                    for number in range(2, spec["revisions"] + 1):
                        knowledge_services.article_revise(
                            article=article,
                            author=author,
                            base_number=number - 1,
                            title=article.title,
                            body=body + f"\n\nErgänzung {number}: {rng.choice(SENTENCES)}",
                            note=f"Ergänzung {number}",
                            significant=number == spec["revisions"] and n % 7 == 0,
                        )
                        knowledge_services.revision_release(revision=article.revisions.get(number=number), releaser=releaser)
            log(f"{size}: {min(start + 200, spec['articles'])} articles")

        if not Article.objects.filter(slug="bench-versionen-50").exists():
            _article_with_50_revisions(authors)

        with transaction.atomic():
            lead = demo_users["teamleitung"]
            path = ReadingPath.objects.filter(title="Einarbeitung Sachbearbeitung Aufenthalt").first()
            from django.utils import timezone

            today = timezone.localdate()
            for n, user in enumerate(u for u in users if not u.groups.filter(name=groups.EDITORS).exists()):
                if n >= spec["assignments"]:
                    break
                if path and not Assignment.objects.filter(path=path, person=user).exists():
                    start_date = today - timezone.timedelta(days=n % 60)
                    onboarding_services.assignment_create(
                        path=path,
                        person=user,
                        mentor=lead,
                        start_date=start_date,
                        due_date=start_date + timezone.timedelta(days=45),
                        assigned_by=lead,
                    )
        _generate_law_changes(spec, rng, log)
        public_texts.generate(spec, seed, demo_users, log)

    log(f"{size}: rebuilding the search index")
    search_index.rebuild()
    from django.db import connection

    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Fresh statistics, or the planner guesses 3 published processes instead of 2,000.
        # (Not inside a transaction, where VACUUM cannot run: the tests.)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    counts = _counts()
    return Report(size, time.monotonic() - started, counts)


def _article_with_50_revisions(authors):
    from django.db import transaction

    from knowledge import services as knowledge_services

    with transaction.atomic():
        history = knowledge_services.article_create(
            author=authors[0],
            title="Versionsgeschichte: Fiktionsbescheinigung im Wandel",
            slug="bench-versionen-50",
            body="Version 1.",
            note="Erstfassung",
        )
        for number in range(2, 51):
            knowledge_services.article_revise(
                article=history,
                author=authors[number % 2],
                base_number=number - 1,
                title=history.title,
                body=f"Version {number}.\n\n" + "\n\n".join(SENTENCES[: number % len(SENTENCES) + 1]),
                note=f"Stand {number}",
            )
        knowledge_services.revision_release(revision=history.revisions.get(number=50), releaser=authors[1])


def _generate_law_changes(spec, rng, log):
    """Law changes with their review items, once the law-change module exists."""
    try:
        from processes.services import law_change_record
    except ImportError:
        return
    from law.models import Law, Norm
    from lawchanges.models import LawChange

    if LawChange.objects.filter(title__startswith="Teständerung").exists():
        return
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    lead = get_user_model().objects.get(username="teamleitung")
    law = Law.objects.get(abbreviation="AufenthG")
    numbers = [str(n) for n in range(1, 107)]
    for n in range(spec["law_changes"]):
        norms = list(Norm.objects.filter(law=law, number__in=rng.sample(numbers, 3)))
        law_change_record(
            law=law,
            norms=norms,
            title=f"Teständerung {n:02d} des Aufenthaltsgesetzes",
            effective_date=timezone.localdate() - timezone.timedelta(days=30 * n),
            summary="Generierte Änderung für die Messung.",
            source=f"BGBl. 2026 I Nr. {100 + n}",
            recorded_by=lead,
        )
    log(f"law changes: {spec['law_changes']}")



def _counts() -> dict:
    from django.contrib.auth import get_user_model

    from knowledge.models import Article, Revision
    from law.models import Norm
    from onboarding.models import Assignment
    from processes.models import Process, Step
    from public.models import PublicText
    from search.models import SearchDocument

    return {
        "processes": Process.objects.count(),
        "steps": Step.objects.count(),
        "articles": Article.objects.count(),
        "revisions": Revision.objects.count(),
        "norms": Norm.objects.count(),
        "users": get_user_model().objects.count(),
        "assignments": Assignment.objects.count(),
        "search_documents": SearchDocument.objects.count(),
        "public_texts": PublicText.objects.released().count(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="S")
    parser.add_argument("--seed", type=int, default=20261121)
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    report = generate(args.size, seed=args.seed)
    print(f"size {report.size} ready in {report.seconds:.0f} s: " + ", ".join(f"{k} {v}" for k, v in report.counts.items()))


if __name__ == "__main__":
    main()
