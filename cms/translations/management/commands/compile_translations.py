from django.core.management.base import BaseCommand

from cms.translations.catalogues import compile_catalogues


class Command(BaseCommand):
    help = "Compile the interface's message catalogues (.po to .mo) without GNU gettext."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile even catalogues that look current.")

    def handle(self, *args, force, **options):
        written = compile_catalogues(force=force)
        self.stdout.write(f"Compiled {len(written)} catalogue(s).")
