from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import migrations
from django.db.models import F


def fill_search_head(apps, schema_editor):
    # Only PostgreSQL stores vectors; SQLite searches the plain text. Built here as
    # interviews.search.update_search_vectors() builds it, without rewriting search_vector.
    if schema_editor.connection.vendor != "postgresql":
        return
    Interview = apps.get_model("interviews", "Interview")
    config = F("search_config")
    Interview.objects.using(schema_editor.connection.alias).update(
        search_head=SearchVector("title", weight="A", config=config)
        + SearchVector("search_names", weight="A", config=config)
        + SearchVector("lead", weight="B", config=config)
    )


class Migration(migrations.Migration):

    dependencies = [
        ('interviews', '0007_performance_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='interview',
            name='search_head',
            field=SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_search_head, migrations.RunPython.noop),
    ]
