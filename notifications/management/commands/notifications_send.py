from django.core.management.base import BaseCommand

from notifications import delivery


class Command(BaseCommand):
    help = "Queue every notification e-mail still waiting (after the worker or the mail server was down)."

    def handle(self, *args, **options):
        self.stdout.write(f"{delivery.send_due()} e-mails queued")
