from django.db import migrations

from cms.roles.definitions import sync_roles


def grant_permissions(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("roles", "0001_create_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
