"""Search benchmark: 50 realistic queries against the L database, latency per query kind.

    make bench-search            (generates L on PostgreSQL first if it is not there)

Each query is sent as a logged-in caseworker through the whole Django stack (URL routing,
permission check, search, citation lookup, template), five times after one warm-up; the
table shows median and p95 per kind. Target on the 2-core machine: p95 ≤ 50 ms.
"""

import statistics
import sys
import time

QUERIES = {
    "word": [
        "Fiktion", "Fiktionsbescheinigung", "Duldung", "Chancenkarte", "Verpflichtungserklärung", "Einbürgerung",
        "Wohnsitzauflage", "Integrationskurs", "Reiseausweis", "Gebühr",
    ],
    "phrase": [
        "Blaue Karte Gehalt", "Verpflichtungserklärung Bonität", "Zustimmung Bundesagentur", "Aufenthaltserlaubnis verlängern",
        "Familiennachzug Visum", "Sicherheitsabfrage Bundesverwaltungsamt", "Lebensunterhalt gesichert", "eAT PIN-Brief",
        "Ausreisepflicht Abschiebung", "Anerkennung Berufsabschluss",
    ],
    "stem": [
        "verlängern", "erteilen", "ausstellen", "Bescheinigungen", "Anträge", "prüfen", "Zustimmungen", "Beschäftigungen",
        "übermittelt", "dokumentiert",
    ],
    "typo": [
        "Aufenthaltserlaubis", "Fiktionsbescheinigun", "Niederlasungserlaubnis", "Verpflichtungserklärnug", "Duldnug",
        "Chancenkrte", "Einbürgrung", "Beschäftigungserlaubis", "Reiseauswies", "Integrationskurz",
    ],
    "citation": [
        "§ 81 AufenthG", "81 AufenthG", "AufenthG 81", "§ 81 Abs. 4", "§ 18g AufenthG", "§ 60a AufenthG", "§ 71 AufenthG",
        "§ 36 Abs. 2 BeschV", "§ 47 AufenthV", "§ 10 StAG",
    ],
}
REPEATS = 5
TARGET_P95_MS = 50.0


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def run(log=print) -> dict[str, tuple[float, float]]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="sachbearbeitung"))
    figures = {}
    for kind, queries in QUERIES.items():
        timings = []
        for query in queries:
            client.get("/suche/", {"q": query})  # warm-up
            for _ in range(REPEATS):
                started = time.perf_counter()
                response = client.get("/suche/", {"q": query})
                timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"query {query!r} answered {response.status_code}")
        figures[kind] = (statistics.median(timings), p95(timings))
    return figures


def main():
    from bench.generate import setup_django

    setup_django(production=True)
    from django.db import connection

    from processes.models import Process

    if connection.vendor != "postgresql":
        raise SystemExit("The search benchmark runs on PostgreSQL: set DATABASE_URL.")
    if Process.objects.filter(code__startswith="B-").count() < 2000:
        raise SystemExit("The L data set is missing: run `python -m bench.generate --size L` first.")
    figures = run()
    print(f"\nSearch latency, {sum(len(q) for q in QUERIES.values())} queries × {REPEATS}, L data set on PostgreSQL")
    print(f"{'kind':<10} {'median ms':>10} {'p95 ms':>8}")
    failed = False
    for kind, (median, percentile) in figures.items():
        mark = "" if percentile <= TARGET_P95_MS else "  > target"
        failed |= percentile > TARGET_P95_MS
        print(f"{kind:<10} {median:>10.1f} {percentile:>8.1f}{mark}")
    overall = max(p for _, p in figures.values())
    print(f"worst p95: {overall:.1f} ms (target ≤ {TARGET_P95_MS:.0f} ms)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
