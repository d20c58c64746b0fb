"""Bench data: released public texts for applicants (issue 21), a phase of generate.py."""

import random

# Applicants' service names (public texts): a noun of the processes and what the applicant does.
PUBLIC_VERBS = ["beantragen", "verlängern", "abholen", "ändern", "nachweisen", "erhalten"]
PUBLIC_TEXTS_PER_TRANSACTION = 100


def generate(spec, seed, demo_users, log):
    """Released public texts on the generated published processes, up to spec["public_texts"] in all.

    The demo's released texts count towards the total; the generated ones (``bench-leistung-NNNN``)
    take their modules from the demo's texts (public.yaml, so a page is as long as a real one)
    under a name of their own, at the office "bench", written by the editor and released by the
    team lead (four eyes), through public.services as the editor's form does: one version and one
    release per text. Texts that exist already are skipped.
    """
    from django.db import transaction

    from bench.generate import NOUNS, QUALIFIERS
    from core import batching
    from processdb.demo import public_texts as demo_public_texts
    from processes.models import Process
    from public import services as public_services
    from public.demo import values_of
    from public.models import Office, PublicText

    # Its own generator: the other phases skip what exists and so draw differently on a second run.
    rng = random.Random(f"{seed}-public")
    demo_released = PublicText.objects.released().exclude(slug__startswith="bench-leistung-").count()
    wanted = max(0, spec.get("public_texts", 0) - demo_released)
    existing = set(PublicText.objects.filter(slug__startswith="bench-leistung-").values_list("slug", flat=True))
    if all(f"bench-leistung-{n:04d}" in existing for n in range(wanted)):
        return
    office, _ = Office.objects.get_or_create(
        key="bench",
        defaults={
            "name": "Ausländerbehörde Benchstadt",
            "address": "Messplatz 1\n12345 Benchstadt",
            "opening_hours": "Montag bis Freitag: 8:00 bis 12:00 Uhr\nVorsprache nur mit Termin",
            "phone": "01234 5678-0",
            "email": "abh@benchstadt.example",
            "is_example": True,
        },
    )
    entries = demo_public_texts()["services"]
    processes = list(Process.objects.filter(code__startswith="B-", status=Process.Status.PUBLISHED).order_by("code"))
    author, releaser = demo_users["redaktion"], demo_users["teamleitung"]
    # Drawn up front, so that a text's name does not depend on what an earlier run created.
    titles = [f"{rng.choice(NOUNS)} {rng.choice(PUBLIC_VERBS)} ({rng.choice(QUALIFIERS)})" for _ in range(wanted)]
    for start in range(0, wanted, PUBLIC_TEXTS_PER_TRANSACTION):
        stop = min(start + PUBLIC_TEXTS_PER_TRANSACTION, wanted)
        if all(f"bench-leistung-{n:04d}" in existing for n in range(start, stop)):
            continue
        with transaction.atomic(), batching.batch():  # the content version once per batch
            for n in range(start, stop):
                if f"bench-leistung-{n:04d}" in existing:
                    continue
                entry = entries[n % len(entries)]
                values = values_of(entry, {entry["office"]: office}) | {"title": titles[n]}
                saved = public_services.create_text(
                    process=processes[n % len(processes)],  # some processes serve two services
                    slug=f"bench-leistung-{n:04d}",
                    values=values,
                    author=author,
                    note="Erste Fassung für Antragstellende",
                )
                public_services.release(version=saved.version, user=releaser)
        log(f"public texts: {demo_released + stop} released")
