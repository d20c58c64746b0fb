"""python manage.py search_reindex – rebuild the search index from the content."""

from django.core.management.base import BaseCommand

from search.index import rebuild


class Command(BaseCommand):
    help = "Rebuilds the search index (processes, steps, released articles, norms)."

    def handle(self, *args, **options):
        counts = rebuild()
        self.stdout.write(self.style.SUCCESS("Search index rebuilt: " + ", ".join(f"{k} {v}" for k, v in counts.items())))
