"""What must be right before an interview is published, checked in one place.

Each check is a function of an interview that yields the problems it finds. A problem is either
hard, and publishing is refused until it is fixed (a picture readers would not see, material that
may not appear without its source, an interview with nobody interviewed), or soft, and the editor
is asked to confirm (a missing lead or role reads worse, but an editor may mean it: a short
news-style exchange may go without a standfirst, an independent expert may have no position).

The checks of this app are registered below. Other apps add theirs with `register()` from their
AppConfig.ready(), so interviews imports none of them (cms.attribution adds the rule that partner
material names its source).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

HARD = "hard"
SOFT = "soft"

CHECKS = []


@dataclass(frozen=True)
class Problem:
    code: str  # stable within one interview, so a confirmation names what was seen
    message: str
    severity: str = HARD

    @property
    def hard(self):
        return self.severity == HARD


class PublishingRefused(ValidationError):
    """Publishing was refused for these problems (hard ones, or soft ones not confirmed)."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__([problem.message for problem in self.problems])


def register(check):
    """Add a check (a function of an interview yielding Problems); usable as a decorator."""
    if check not in CHECKS:
        CHECKS.append(check)
    return check


def problems(interview):
    """Return every problem the registered checks find, hard ones first."""
    found = [problem for check in CHECKS for problem in check(interview)]
    return sorted(found, key=lambda problem: not problem.hard)


def refuse_unless_ready(interview, confirmed=()):
    """Raise PublishingRefused for hard problems, or soft ones not among the confirmed codes."""
    found = problems(interview)
    blocking = [problem for problem in found if problem.hard or problem.code not in set(confirmed)]
    if blocking:
        raise PublishingRefused(found)


def block_positions(interview):
    """Return the interview's blocks in order, with their 1-based positions as the editor counts."""
    return enumerate(interview.blocks.order_by("order", "pk").only("pk", "kind", "image", "order"), 1)


@register
def image_blocks_have_files(interview):
    for position, block in block_positions(interview):
        if block.kind == "image" and not block.image:
            yield Problem(
                f"image-without-file-{block.pk}",
                f"Block {position} is an image block without a picture: add the file or delete the block.",
            )


@register
def an_expert_is_named(interview):
    if not interview.interview_experts.exists():
        yield Problem(
            "no-expert",
            "No expert is named: add the person interviewed under “Interviewed experts”.",
        )


@register
def experts_have_roles(interview):
    for credit in interview.interview_experts.select_related("expert").filter(role=""):
        yield Problem(
            f"no-role-{credit.expert_id}",
            f"{credit.expert.name} has no role in this interview: the page shows the name alone. "
            "Add their position at the time under “Interviewed experts”, or publish without it.",
            SOFT,
        )


@register
def a_lead_is_written(interview):
    if not interview.lead.strip():
        yield Problem(
            "no-lead",
            "There is no lead: lists, feeds and search results show the interview without a summary. "
            "Write two or three sentences, or publish without one.",
            SOFT,
        )
