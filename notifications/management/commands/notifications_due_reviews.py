from django.core.management.base import BaseCommand

from notifications import services


class Command(BaseCommand):
    help = "Tell the owners now what is due for review (the task worker does it on Mondays by itself)."

    def handle(self, *args, **options):
        self.stdout.write(f"{services.weekly_due_reviews()} owners told")
