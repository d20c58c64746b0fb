"""python manage.py demo – the demo departments from their packs, and the demo accounts (idempotent)."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from processdb import demo
from processdb.accounts import DEMO_ACCOUNTS, SECOND_DEPARTMENT_ACCOUNTS, ensure_demo_accounts
from processdb.groups import ensure_groups
from search import index as search_index


class Command(BaseCommand):
    help = "Loads the demo process map, content and accounts. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Password of the demo accounts (default: $PROZESSDB_DEMO_PASSWORD or 'demo').")
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (e.g. on a test server).")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: this looks like a production database. The demo creates accounts with a known "
                "password; run it with --force if you really mean it."
            )
        password = options["password"] or os.environ.get("PROZESSDB_DEMO_PASSWORD") or "demo"
        # The per-object index updates are off during the load; one rebuild afterwards is faster.
        with transaction.atomic(), search_index.suspended():
            ensure_groups()
            users = ensure_demo_accounts(password=password)
            # Two departments from their packs (packs/): the foreigners' authority and, proof that
            # nothing assumes it, the Bürgerservice; then the demo's people, drafts and history.
            counts = demo.load(users=users, second_department_accounts=SECOND_DEPARTMENT_ACCOUNTS)
        search_index.rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready ({counts['processes_created']} processes, "
                f"{counts['articles_created']} articles, {counts['documents_created']} documents, "
                f"{counts['assignments_created']} onboarding assignments, "
                f"{counts['law_changes_created']} law changes created)."
            )
        )
        self.stdout.write("")
        self.stdout.write(f"Demo-Zugänge (Passwort für alle: {password}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<16} {account.description}")
