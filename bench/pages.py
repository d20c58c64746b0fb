"""Page benchmark: every page type at L against the same server's ceiling, with query counts at S and L.

    make bench                      (builds the S and L databases on PostgreSQL first if needed)
    python -m bench.pages --seconds 5 --only Prozess   (a quick look at some pages)

gunicorn (2 workers, DEBUG off) on 127.0.0.1 serves the L database; wrk requests each page for
15 s with 8 connections as a logged-in user – the public pages for applicants (/info/) without
login, like /healthz – and /healthz in the same run as the ceiling. The SQL queries per request
are counted with an empty cache (the worst case) at S and at L. The run exits non-zero when a
page misses a target:

- queries: the same at S and L, at most 12;
- the process page and the article page: at least 40 % of the ceiling's requests/s;
- the public service page (/info/<slug>/, L: 2,000 public texts): at least 60 % (issue 21);
- every page: p99 at most 250 ms, no errors;
- static files: compressed (Brotli or gzip) with a year-long cache header on hashed names.
"""

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass

S_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/processdb_bench_s"
SECONDS = 15
CONNECTIONS = 8
WORKERS = 2
MAX_QUERIES = 12
MIN_RATIO = 0.40
MAX_P99_MS = 250.0
RATIO_PAGES = {"process", "article"}
# History, comparison and search are shared cached pages too (issue 19): at least this share.
MIN_SHARED_RATIO = 0.10
SHARED_RATIO_PAGES = {"history", "compare", "search"}
# The public service page for applicants (issue 21): the same for everyone, no session.
MIN_PUBLIC_RATIO = 0.60
PUBLIC_RATIO_PAGES = {"public"}


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    user: str | None  # demo account the page is requested as; None: not logged in


PAGES = [
    Page("map", "Prozesslandkarte", "sachbearbeitung"),
    Page("process", "Prozess mit den meisten Schritten", "sachbearbeitung"),
    Page("role", "Rolle mit den meisten Schritten", "sachbearbeitung"),
    Page("norm", "Norm mit den meisten Zitaten", "sachbearbeitung"),
    Page("article", "Artikel", "sachbearbeitung"),
    Page("history", "Versionen (meiste Revisionen)", "sachbearbeitung"),
    Page("compare", "Vergleich erste/letzte Version", "sachbearbeitung"),
    Page("search", "Suche „Fiktionsbescheinigung“", "sachbearbeitung"),
    Page("citation", "Zitatsuche „§ 81 AufenthG“", "sachbearbeitung"),
    Page("onboarding", "Einarbeitung (neu)", "neu"),
    Page("team", "Teamansicht", "teamleitung"),
    Page("review", "Prüfung", "sachbearbeitung"),
    Page("home", "Startseite", "sachbearbeitung"),
    # Public pages for applicants (/info/), requested without login.
    Page("public", "Öffentliche Leistungsseite", None),
    Page("public_checklist", "Öffentliche Checkliste", None),
    Page("public_start", "Öffentliche Startseite", None),
    Page("healthz", "/healthz (Obergrenze)", None),
]


def page_paths() -> dict[str, str]:
    """The address of each page type in the current database: the biggest of its kind."""
    from django.db.models import Count

    from knowledge.models import Article
    from law.models import Norm
    from processes.models import Process, Role
    from public.models import PublicText

    process = Process.objects.filter(status="published").annotate(n=Count("steps")).order_by("-n", "pk").first()
    role = Role.objects.annotate(n=Count("responsible_steps")).order_by("-n", "pk").first()
    norm = Norm.objects.annotate(n=Count("step_references")).order_by("-n", "pk").select_related("law").first()
    released = Article.objects.filter(published_revision__isnull=False, archived_at__isnull=True)
    article = released.annotate(n=Count("steps")).order_by("-n", "pk").first()
    versions = released.annotate(n=Count("revisions")).order_by("-n", "pk").first()
    # The released public text with the most legal bases: a demo text, the same page at S and L.
    service = PublicText.objects.released().annotate(n=Count("process__references")).order_by("-n", "pk").first()
    return {
        "map": "/prozesse/",
        "process": process.get_absolute_url(),
        "role": role.get_absolute_url(),
        "norm": norm.get_absolute_url(),
        "article": article.get_absolute_url(),
        "history": f"/wissen/{versions.slug}/versionen/",
        "compare": f"/wissen/{versions.slug}/vergleich/?von=1&zu={versions.published_revision.number}",
        "search": "/suche/?q=Fiktionsbescheinigung",
        "citation": "/suche/?q=%C2%A7+81+AufenthG",
        "onboarding": "/einarbeitung/",
        "team": "/einarbeitung/team/",
        "review": "/pruefung/",
        "home": "/",
        "public": service.get_absolute_url(),
        "public_checklist": f"{service.get_absolute_url()}checkliste/",
        "public_start": "/info/",
        "healthz": "/healthz",
    }


# In-process CPU per request (time.process_time: stable on a busy machine), page cache off.
CPU_RUNS = 15
CPU_TARGETS_MS = {"process": 10.0, "article": 6.0}
FIRST_MAP_TARGET_MS = 50.0  # CPU of the first process map after a process was renamed
ROTATING = 500  # process and article pages requested in turn after a change
MIN_ROTATING_RATIO = 0.15
ROTATING_WARM_UP_SECONDS = 30  # 500 pages × 2 workers × about 25 ms of first rendering, with room


def _round_trips() -> int | None:
    """Statements this database has answered so far (PostgreSQL's own count; autocommit: one each)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    connection.close()  # a closed backend reports its statistics
    import time

    time.sleep(0.7)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


def measure_in_process() -> dict[str, dict]:
    """Per page in this process's database: queries with an empty cache, CPU ms uncached and warm,
    and database round trips of a warm request (from PostgreSQL's statistics)."""
    import statistics
    import time
    from http.cookies import SimpleCookie

    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from bench import wrk

    paths = page_paths()
    users = {page.user for page in PAGES if page.user}
    accounts = {user.username: user for user in get_user_model().objects.filter(username__in=users)}
    figures = {}
    with wrk.logged_in_sessions([accounts[name] for name in sorted(users)]) as cookies:
        by_user = dict(zip(sorted(users), cookies, strict=True))
        for page in PAGES:
            client = Client(HTTP_HOST="127.0.0.1")
            if page.user:
                for morsel in SimpleCookie(by_user[page.user]).values():
                    client.cookies[morsel.key] = morsel.value
            path = paths[page.key]
            client.get(path)  # the session's first request renews it; not part of the count
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path} as {page.user}: HTTP {response.status_code}")
            query_count = len(queries)  # now: a new connection clears the log

            def cpu_ms(client=client, path=path) -> float:
                samples = []
                for _ in range(CPU_RUNS):
                    started = time.process_time()
                    client.get(path)
                    samples.append((time.process_time() - started) * 1000)
                return statistics.median(samples)

            with override_settings(PROCESSDB_FRAGMENT_CACHE=False):
                uncached = cpu_ms()
            client.get(path)
            warm = cpu_ms()
            before = _round_trips()
            for _ in range(20):
                close_old_connections()  # what a server does before each request (the test client skips it)
                client.get(path)
            after = _round_trips()
            trips = None if before is None else round((after - before - 2) / 20, 1)  # the two reads of the count
            if page.key == "map":
                figures["first_map"] = {"cpu": first_map_after_change_ms(client)}
            figures[page.key] = {"queries": query_count, "cpu_uncached": uncached, "cpu_warm": warm, "round_trips": trips}
    return figures


def first_map_after_change_ms(client) -> float:
    """CPU ms of the first process map after a released title change (median of 5), page cache on."""
    import statistics
    import time

    from processes.models import Process

    process = Process.objects.filter(status="published").order_by("-pk").first()
    title = process.title
    samples = []
    try:
        for round_ in range(6):
            client.get("/prozesse/")  # warm
            process.title = f"{title} ({round_})"
            process.save(update_fields=["title", "updated_at"])
            started = time.process_time()
            client.get("/prozesse/")
            samples.append((time.process_time() - started) * 1000)
    finally:
        process.title = title
        process.save(update_fields=["title", "updated_at"])
    return statistics.median(samples[1:])


def count_queries() -> dict[str, int]:
    """Queries per page in this process's database, each with an empty cache."""
    return {key: figure["queries"] for key, figure in measure_in_process().items() if "queries" in figure}


def count_queries_at(database_url: str) -> dict[str, dict]:
    """measure_in_process() in a fresh process on another database."""
    env = {**os.environ, "DATABASE_URL": database_url}
    completed = subprocess.run(
        [sys.executable, "-m", "bench.pages", "--count-queries"], env=env, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise SystemExit(f"counting queries on {database_url} failed:\n{completed.stdout}{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def rotating_paths() -> list[str]:
    """Half process pages, half article pages: ROTATING addresses."""
    from knowledge.models import Article
    from processes.models import Process

    half = ROTATING // 2
    processes = Process.objects.filter(status="published").order_by("pk").values_list("slug", flat=True)[:half]
    articles = Article.objects.filter(published_revision__isnull=False, archived_at__isnull=True).order_by("pk")
    article_slugs = articles.values_list("slug", flat=True)[:half]
    return [f"/prozesse/{slug}/" for slug in processes] + [f"/wissen/{slug}/" for slug in article_slugs]


def release_a_change() -> None:
    """An editor's released change of one article, as happens many times a day."""
    from django.contrib.auth import get_user_model

    from departments import rights
    from knowledge import services
    from knowledge.models import Article

    released = Article.objects.filter(published_revision__isnull=False, archived_at__isnull=True).order_by("-pk")
    article = released.filter(slug__startswith="bench-artikel-").first() or released.first()
    # Two editors of the department that owns it (the second releases: four eyes).
    editors = get_user_model().objects.filter(groups__name="Redaktion", is_active=True).order_by("pk")
    department = rights.department_of(article)
    authors = (editors.filter(departments=department) if department else editors)[:2]
    author, releaser = authors[0], authors[1]
    revision = services.article_revise(
        article=article, author=author, base_number=article.latest_number, title=article.title,
        body=article.published_revision.body + "\n\nErgänzt für den Benchmark.", note="Benchmark",
    )
    services.revision_release(revision=revision, releaser=releaser)


def check_static(base_url: str) -> list[str]:
    """Problems with the static files: compression and cache headers of a hashed stylesheet."""
    import http.client
    import re
    from urllib.parse import urlsplit

    address = urlsplit(base_url)

    def get(path, **headers):
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return response, response.read()
        finally:
            connection.close()

    _, login_page = get("/konto/anmelden/")
    stylesheet = re.search(rb'href="(/static/css/app\.[0-9a-f]{12}\.css)"', login_page)
    if not stylesheet:
        return ["the login page does not link a hashed app.css (run collectstatic with DEBUG off)"]
    response, _ = get(stylesheet.group(1).decode(), **{"Accept-Encoding": "br, gzip"})
    problems = []
    if response.getheader("Content-Encoding") not in ("br", "gzip"):
        problems.append(f"{stylesheet.group(1).decode()} is not compressed")
    cache_control = response.getheader("Cache-Control") or ""
    max_age = re.search(r"max-age=(\d+)", cache_control)
    if not max_age or int(max_age.group(1)) < 31_536_000 or "immutable" not in cache_control:
        problems.append(f"hashed static files are cached only with {cache_control!r}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=int, default=SECONDS, help="per page (default 15)")
    parser.add_argument("--only", help="only pages whose key or label contains this text (plus the ceiling)")
    args = parser.parse_args()

    from bench import wrk
    from bench.generate import setup_django

    os.environ.setdefault("DATABASE_URL", wrk.BENCH_DATABASE_URL)
    setup_django(production=True)
    if args.count_queries:
        print(json.dumps(measure_in_process()))
        return

    from django.contrib.auth import get_user_model
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("The page benchmark runs on PostgreSQL: set DATABASE_URL.")
    wrk.require_wrk()
    pages = [p for p in PAGES if not args.only or args.only.lower() in (p.key + p.label).lower() or p.key == "healthz"]
    paths = page_paths()
    print(f"Counting queries, CPU and round trips at L ({connection.settings_dict['NAME']}) and S …", flush=True)
    figures_l = measure_in_process()
    figures_s = count_queries_at(os.environ.get("BENCH_S_DATABASE_URL", S_DATABASE_URL))
    first_map = figures_l.pop("first_map")["cpu"]
    figures_s.pop("first_map", None)
    queries_l = {key: figure["queries"] for key, figure in figures_l.items()}
    queries_s = {key: figure["queries"] for key, figure in figures_s.items()}
    rotating = rotating_paths()

    users = sorted({page.user for page in pages if page.user} | {"sachbearbeitung"})  # the rotation's reader
    accounts = {user.username: user for user in get_user_model().objects.filter(username__in=users)}
    results, sizes = {}, {}
    with wrk.logged_in_sessions([accounts[name] for name in users]) as cookies, wrk.gunicorn(workers=WORKERS) as base_url:
        cookie_of = dict(zip(users, cookies, strict=True))
        targets = {page.key: [(paths[page.key], cookie_of.get(page.user, ""))] for page in pages}
        for page in pages:
            wrk.check_pages(base_url, targets[page.key])
            sizes[page.key] = wrk.page_size(base_url, *targets[page.key][0])
        print(f"gunicorn with {WORKERS} workers at {base_url}; {args.seconds} s per page, {CONNECTIONS} connections; "
              f"load average {os.getloadavg()[0]:.2f}", flush=True)
        for page in pages:
            # Warm-up: both workers fill their caches, as after any minute of real use.
            wrk.run_wrk(base_url, targets[page.key], duration=2, connections=CONNECTIONS)
            results[page.key] = wrk.run_wrk(base_url, targets[page.key], duration=args.seconds, connections=CONNECTIONS)
            print(f"  {page.label}: {results[page.key].rps:.0f} req/s", flush=True)
        # 500 process and article pages in turn, right after a released change (the workers replay
        # it). Before the change the readers have seen them all, as in a working day: a change
        # makes cold only the pages that show it (issue 19), not all 500.
        reader = cookie_of["sachbearbeitung"]
        rotation = [(path, reader) for path in rotating]
        warm_up = wrk.run_wrk(base_url, rotation, duration=max(args.seconds, ROTATING_WARM_UP_SECONDS), connections=CONNECTIONS)
        print(f"  {len(rotating)} rotating pages before the change (warm-up, every page cold once per worker): "
              f"{warm_up.rps:.0f} req/s", flush=True)
        release_a_change()
        results["rotating"] = wrk.run_wrk(base_url, rotation, duration=args.seconds, connections=CONNECTIONS)
        print(f"  {len(rotating)} rotating pages after a change: {results['rotating'].rps:.0f} req/s", flush=True)
        static_problems = check_static(base_url)

    ceiling = results["healthz"].rps
    failures = []
    print()
    print("| page | path | req/s | p50 ms | p99 ms | of ceiling | queries S | queries L | CPU ms uncached | CPU ms warm "
          "| round trips warm | HTML KB |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for page in pages:
        result = results[page.key]
        ratio = result.rps / ceiling if ceiling else 0
        qs, ql = queries_s.get(page.key), queries_l.get(page.key)
        figure = figures_l[page.key]
        print(f"| {page.label} | `{paths[page.key]}` | {result.rps:.0f} | {result.latency_ms['p50']:.1f} | "
              f"{result.latency_ms['p99']:.1f} | {ratio:.0%} | {qs} | {ql} | {figure['cpu_uncached']:.1f} | "
              f"{figure['cpu_warm']:.1f} | {figure['round_trips']} | {sizes[page.key] / 1024:.1f} |")
        if result.errors:
            failures.append(f"{page.label}: {result.errors} errors")
        if result.latency_ms["p99"] > MAX_P99_MS:
            failures.append(f"{page.label}: p99 {result.latency_ms['p99']:.0f} ms > {MAX_P99_MS:.0f} ms")
        if page.key != "healthz" and (qs != ql or ql > MAX_QUERIES):
            failures.append(f"{page.label}: {qs} queries at S, {ql} at L (target: equal, at most {MAX_QUERIES})")
        if page.key in RATIO_PAGES and ratio < MIN_RATIO:
            failures.append(f"{page.label}: {ratio:.0%} of the ceiling (target ≥ {MIN_RATIO:.0%})")
        if page.key in SHARED_RATIO_PAGES and ratio < MIN_SHARED_RATIO:
            failures.append(f"{page.label}: {ratio:.0%} of the ceiling (target ≥ {MIN_SHARED_RATIO:.0%})")
        if page.key in PUBLIC_RATIO_PAGES and ratio < MIN_PUBLIC_RATIO:
            failures.append(f"{page.label}: {ratio:.0%} of the ceiling (target ≥ {MIN_PUBLIC_RATIO:.0%})")
        if page.key in CPU_TARGETS_MS and figure["cpu_uncached"] > CPU_TARGETS_MS[page.key]:
            target = CPU_TARGETS_MS[page.key]
            failures.append(f"{page.label}: {figure['cpu_uncached']:.1f} ms CPU uncached (target ≤ {target:.0f})")
    result = results["rotating"]
    ratio = result.rps / ceiling if ceiling else 0
    print(f"| {len(rotating)} Prozess- und Artikelseiten im Wechsel nach einer Änderung | – | {result.rps:.0f} | "
          f"{result.latency_ms['p50']:.1f} | {result.latency_ms['p99']:.1f} | {ratio:.0%} | | | | | | |")
    if result.errors or ratio < MIN_ROTATING_RATIO:
        failures.append(f"rotating pages after a change: {ratio:.0%} of the ceiling (target ≥ {MIN_ROTATING_RATIO:.0%}), "
                        f"{result.errors} errors")
    print(f"\nfirst process map after a renamed process: {first_map:.1f} ms CPU (target ≤ {FIRST_MAP_TARGET_MS:.0f})")
    if first_map > FIRST_MAP_TARGET_MS:
        failures.append(f"first map after a change: {first_map:.1f} ms CPU (target ≤ {FIRST_MAP_TARGET_MS:.0f})")
    failures += static_problems
    print()
    print("static files: " + ("compressed, cached for a year (immutable)" if not static_problems else "; ".join(static_problems)))
    if failures:
        print("\nTargets missed:\n- " + "\n- ".join(failures))
        sys.exit(1)
    print("\nAll targets met.")


if __name__ == "__main__":
    main()
