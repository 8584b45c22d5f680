"""The content models, one module per idea; every name is importable from interviews.models."""

from interviews.choices import DERIVED_COLUMNS, RENDERED_COLUMNS, SEARCH_COLUMNS
from interviews.models.blocks import Block, question_anchor
from interviews.models.experts import Expert, ExpertLink, ExpertQuerySet, ExpertTranslation, LocalizedExpert
from interviews.models.fields import unique_slug, user_reference
from interviews.models.interviews import (
    Interview,
    InterviewExpert,
    InterviewQuerySet,
    RelatedInterview,
    TaggedInterview,
    published_params,
)
from interviews.models.review import ApprovalRequest, StatusChange
from interviews.models.search_entries import SearchEntry

__all__ = [
    "DERIVED_COLUMNS",
    "RENDERED_COLUMNS",
    "SEARCH_COLUMNS",
    "ApprovalRequest",
    "Block",
    "Expert",
    "ExpertLink",
    "ExpertQuerySet",
    "ExpertTranslation",
    "Interview",
    "InterviewExpert",
    "InterviewQuerySet",
    "LocalizedExpert",
    "RelatedInterview",
    "SearchEntry",
    "StatusChange",
    "TaggedInterview",
    "published_params",
    "question_anchor",
    "unique_slug",
    "user_reference",
]
