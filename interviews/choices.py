"""The statuses and kinds content can have, and the columns derived from an interview's content.

Kept apart from the models so that rendering, search and the admin can name them without
importing a model.
"""

from django.db import models


class Status(models.TextChoices):
    """Where an interview stands on its way to readers."""

    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"


class Origin(models.TextChoices):
    """Whose interview it is."""

    ORIGINAL = "original", "Our own interview"
    PARTNER = "partner", "Republished from a partner"


class Kind(models.TextChoices):
    """What a block of an interview's body is."""

    QUESTION = "question", "Question"
    ANSWER = "answer", "Answer"
    PARAGRAPH = "paragraph", "Paragraph"
    HEADING = "heading", "Heading"
    IMAGE = "image", "Image"
    QUOTE = "quote", "Quote"


class Decision(models.TextChoices):
    """What an interviewed expert said of a draft they were shown."""

    PENDING = "", "Waiting for the expert"
    APPROVED = "approved", "Approved"
    CHANGES = "changes", "Changes requested"


SEARCH_COLUMNS = ["search_text", "search_names", "search_config", "search_vector", "search_head"]
# The stored renderings (interviews.body, interviews.page_parts), which lists never show; the
# interview's page reads all but the feeds' (FEED_COLUMN).
FEED_COLUMN = "feed_html"
RENDERED_COLUMNS = ["body_html", "page_parts", FEED_COLUMN]
# Columns computed from an interview's content after every save (interviews.derived), never edited.
DERIVED_COLUMNS = [*SEARCH_COLUMNS, *RENDERED_COLUMNS, "credit_names"]
