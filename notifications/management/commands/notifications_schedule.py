from django.core.management.base import BaseCommand

from notifications import schedule


class Command(BaseCommand):
    help = (
        "Queue the recurring jobs (daily digest, weekly due reviews) for the task worker; safe to run at every start "
        "(make run and docker-compose run it before the worker)."
    )

    def handle(self, *args, **options):
        for job in schedule.ensure():
            self.stdout.write(f"{job.name}: next run {job.next_at:%Y-%m-%d %H:%M %Z}")
