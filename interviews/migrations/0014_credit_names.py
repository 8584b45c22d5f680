from django.db import migrations, models

BATCH = 2000


def store_credit_names(apps, schema_editor):
    """Fill each interview's credit_names as interviews.page_parts.credit_names() writes them:
    its experts in credit order, each by its translation into the interview's language if one
    names it, else by its own name."""
    Interview = apps.get_model("interviews", "Interview")
    InterviewExpert = apps.get_model("interviews", "InterviewExpert")
    Expert = apps.get_model("interviews", "Expert")
    ExpertTranslation = apps.get_model("interviews", "ExpertTranslation")
    names = dict(Expert.objects.values_list("pk", "name"))
    local = {
        (expert_id, language): name
        for expert_id, language, name in ExpertTranslation.objects.values_list("expert_id", "language", "name")
        if name
    }
    ids = list(Interview.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = Interview.objects.filter(pk__in=ids[start : start + BATCH]).only("pk", "language")
        interviews = {interview.pk: interview for interview in batch}
        for interview in interviews.values():
            interview.credit_names = []
        credits = InterviewExpert.objects.filter(interview_id__in=list(interviews)).order_by(
            "interview_id", "order", "pk"
        )
        for interview_id, expert_id in credits.values_list("interview_id", "expert_id"):
            interview = interviews[interview_id]
            interview.credit_names.append(local.get((expert_id, interview.language), names[expert_id]))
        Interview.objects.bulk_update(interviews.values(), ["credit_names"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0013_search_entries"),
    ]

    operations = [
        migrations.AddField(
            model_name="interview",
            name="credit_names",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(store_credit_names, migrations.RunPython.noop, elidable=True),
    ]
