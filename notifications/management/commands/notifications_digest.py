from django.core.management.base import BaseCommand

from notifications import delivery


class Command(BaseCommand):
    help = "Send the daily digest e-mails now (the task worker does it daily at PROCESSDB_DIGEST_HOUR by itself)."

    def handle(self, *args, **options):
        self.stdout.write(f"{delivery.send_digests()} digests sent")
