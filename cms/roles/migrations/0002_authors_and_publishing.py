from django.db import migrations

from cms.roles.definitions import sync_roles


def update_roles(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0001_create_roles"),
        ("interviews", "0004_workflow"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
