from django.db import migrations

from cms.roles.definitions import sync_roles


def update_roles(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    """Editors and expert staff keep experts' names and bios in each language."""

    dependencies = [
        ("roles", "0002_authors_and_publishing"),
        ("interviews", "0012_expert_translations"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
