from django.db import migrations, models

BATCH = 500
# interviews.page_parts.VERSION: the parts without "feed", which moves to its own column.
FROM_VERSION, TO_VERSION = 4, 5


def move_feed_out_of_the_parts(apps, schema_editor):
    """Move each interview's stored feed blocks from page_parts to feed_html, so the page, which
    reads the parts, no longer reads them too; parts of another version are rendered anew by
    `manage.py render_bodies` as before."""
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE interviews_interview SET feed_html = page_parts->>'feed', "
                "page_parts = jsonb_set(page_parts - 'feed', '{version}', to_jsonb(%s::int)) "
                "WHERE page_parts->>'version' = %s AND page_parts ? 'feed'",
                [TO_VERSION, str(FROM_VERSION)],
            )
        return
    Interview = apps.get_model("interviews", "Interview")
    ids = list(Interview.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        changed = []
        for interview in Interview.objects.filter(pk__in=ids[start : start + BATCH]).only("pk", "page_parts"):
            parts = interview.page_parts or {}
            if parts.get("version") == FROM_VERSION and "feed" in parts:
                interview.feed_html = parts.pop("feed")
                interview.page_parts = {**parts, "version": TO_VERSION}
                changed.append(interview)
        Interview.objects.bulk_update(changed, ["feed_html", "page_parts"])


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0014_credit_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="interview",
            name="feed_html",
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(move_feed_out_of_the_parts, migrations.RunPython.noop, elidable=True),
    ]
