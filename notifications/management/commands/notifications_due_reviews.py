from django.core.management.base import BaseCommand

from notifications import services


class Command(BaseCommand):
    help = "Tell the owners what is due for review (run once a week, e.g. from cron on Monday at 7:00)."

    def handle(self, *args, **options):
        self.stdout.write(f"{services.weekly_due_reviews()} owners told")
