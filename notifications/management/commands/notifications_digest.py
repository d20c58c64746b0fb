from django.core.management.base import BaseCommand

from notifications import delivery


class Command(BaseCommand):
    help = "Send the daily digest e-mails (run once a day, e.g. from cron at 7:00)."

    def handle(self, *args, **options):
        self.stdout.write(f"{delivery.send_digests()} digests sent")
