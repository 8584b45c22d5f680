from django.apps import apps
from django.core.management.base import BaseCommand

from cms.roles.definitions import ROLE_PERMISSIONS, sync_roles


class Command(BaseCommand):
    help = "Restore the newsroom's groups and their permissions to their defined state."

    def handle(self, *args, **options):
        sync_roles(apps)
        self.stdout.write(f"Roles restored: {', '.join(ROLE_PERMISSIONS)}.")
