"""Builders for spelling error reports."""

from cms.reports.models import ErrorReport
from cms.reports.text import fingerprint, suggestion_from_comment
from tests.builders import make_interview

# An interview with a misspelling that occurs twice ("goverment") and one that occurs once ("shraed").
BLOCKS = [
    ("question", "Who decides how much water flows?"),
    ("answer", "The goverment decides.\n\nThe treaty {of 1992} is old, and the river is older."),
    ("answer", "Farmers <em>disagree</em> with the goverment quota."),
    ("paragraph", "Five countries have shraed the river since 1992."),
]


def make_reported_interview(**fields):
    return make_interview(
        **{"title": "Rivers and rules", "lead": "Who owns the water?", "blocks": BLOCKS, **fields}
    )


def make_report(interview, selection="goverment", before="The ", after=" decides.", **fields):
    comment = fields.pop("comment", "government")
    defaults = {
        "comment": comment,
        "suggestion": suggestion_from_comment(comment, selection),
        "client_hash": "0" * 32,
    }
    return ErrorReport.objects.create(
        interview=interview,
        selection=selection,
        context_before=before,
        context_after=after,
        fingerprint=fingerprint(interview.pk, selection, before, after),
        **{**defaults, **fields},
    )
