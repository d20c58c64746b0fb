"""Load test: logged-in caseworkers read process and article pages on the production server.

    make bench-load                                (generates L on PostgreSQL first if it is not there)
    python -m bench.load --duration 30             (DATABASE_URL defaults to the bench database)

gunicorn (4 workers, DEBUG off) on 127.0.0.1 against the bench database; wrk rotates over
published process pages and released article pages with the sessions of several readers
("Sachbearbeitung"). Every page is checked for 200 first, so that a redirect to the login
cannot pass for success; during the run every status other than 2xx counts as an error.
Target on the 2-core machine: 200 requests/s for 60 s, no errors.
"""

import argparse
import os
import sys

PROCESS_PAGES = 150
ARTICLE_PAGES = 150
READERS = 8
MAX_DURATION = 60


def evenly(items: list, count: int) -> list:
    """count items spread over the whole (ordered) list, always the same ones."""
    if len(items) <= count:
        return items
    return [items[i * len(items) // count] for i in range(count)]


def targets(cookies: list[str], reader) -> list[tuple[str, str]]:
    """(path, cookie) pairs: process and article pages taken in turns, sessions in rotation."""
    from knowledge.models import Article
    from processes.models import Process

    processes = list(Process.objects.visible_to(reader).order_by("slug").values_list("slug", flat=True))
    articles = list(
        Article.objects.visible_to(reader)
        .filter(published_revision__isnull=False)
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    process_paths = [f"/prozesse/{slug}/" for slug in evenly(processes, PROCESS_PAGES)]
    article_paths = [f"/wissen/{slug}/" for slug in evenly(articles, ARTICLE_PAGES)]
    paths = [path for pair in zip(process_paths, article_paths, strict=False) for path in pair]
    paths += process_paths[len(article_paths) :] + article_paths[len(process_paths) :]
    return [(path, cookies[n % len(cookies)]) for n, path in enumerate(paths)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=MAX_DURATION, help=f"seconds, at most {MAX_DURATION}")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--target-rps", type=float, default=200)
    args = parser.parse_args()
    if not 1 <= args.duration <= MAX_DURATION:
        parser.error(f"--duration must be between 1 and {MAX_DURATION} seconds")

    from bench import wrk
    from bench.generate import setup_django

    wrk.require_wrk()
    os.environ.setdefault("DATABASE_URL", wrk.BENCH_DATABASE_URL)
    setup_django(production=True)
    from django.contrib.auth import get_user_model
    from django.db import connection

    from processdb import groups

    if connection.vendor != "postgresql":
        raise SystemExit("The load test runs on PostgreSQL: set DATABASE_URL.")
    readers = list(get_user_model().objects.filter(groups__name=groups.READERS, is_active=True).order_by("username")[:READERS])
    if not readers:
        raise SystemExit(f"No users in the group {groups.READERS!r}: run `make bench-data` first.")

    try:
        with wrk.logged_in_sessions(readers) as cookies, wrk.gunicorn(workers=args.workers) as base_url:
            pages = targets(cookies, readers[0])
            print(
                f"{len(pages)} pages, {len(readers)} readers, gunicorn with {args.workers} workers at {base_url}, "
                f"load average before the run {os.getloadavg()[0]:.2f}"
            )
            wrk.check_pages(base_url, pages)
            result = wrk.run_wrk(base_url, pages, duration=args.duration, connections=args.connections)
    except KeyboardInterrupt:
        raise SystemExit("interrupted; the server is stopped") from None

    other = {status: n for status, n in sorted(result.statuses.items()) if not 200 <= status < 300}
    socket_errors = sum(result.socket_errors.values())
    print(
        f"\nLoad: {args.connections} connections for {args.duration} s, process and article pages, "
        f"{connection.settings_dict['NAME']} on PostgreSQL"
    )
    print(f"{'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'non-2xx':>8} {'socket errors':>14}")
    print(
        f"{result.requests:>9} {result.rps:>7.1f} {result.latency_ms['p50']:>7.1f} {result.latency_ms['p99']:>7.1f} "
        f"{result.non_2xx:>8} {socket_errors:>14}"
    )
    if other:
        print("non-2xx by status: " + ", ".join(f"{status} × {n}" for status, n in other.items()))
    if socket_errors:
        print("socket errors: " + ", ".join(f"{kind} {n}" for kind, n in result.socket_errors.items() if n))
    passed = result.rps >= args.target_rps and result.errors == 0
    print(f"target ≥ {args.target_rps:.0f} req/s without errors: {'met' if passed else 'missed'}")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
