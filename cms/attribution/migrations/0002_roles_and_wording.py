from django.db import migrations

from cms.roles.definitions import sync_roles

WORDING = {
    "en": (
        "Using this material requires an active link to the source: {link}",
        "First published by {outlet}",
    ),
    "ru": (
        "При использовании материала активная ссылка на источник обязательна: {link}",
        "Впервые опубликовано: {outlet}",
    ),
}


def set_up(apps, schema_editor):
    # Rows, not only built-in defaults, so editors find the wording in the admin.
    SourceNotice = apps.get_model("attribution", "SourceNotice")
    for language, (text, first_published) in WORDING.items():
        SourceNotice.objects.get_or_create(
            language=language, defaults={"text": text, "first_published_text": first_published}
        )
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("attribution", "0001_initial"),
        ("roles", "0001_create_roles"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
