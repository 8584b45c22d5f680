"""An interview's way to readers: its moves between statuses, and the links asking its experts to approve."""

from django.db import models
from django.utils import timezone

from interviews.choices import Decision, Status
from interviews.models.experts import Expert
from interviews.models.fields import user_reference
from interviews.models.interviews import Interview


class StatusChange(models.Model):
    """One move of an interview between statuses: who, when, from what to what."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=Status.choices)
    to_status = models.CharField(max_length=16, choices=Status.choices)
    publish_at = models.DateTimeField(null=True, blank=True)
    changed_by = user_reference()
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ApprovalRequest(models.Model):
    """A share link that lets the interviewed expert read a draft and approve it or ask for changes."""

    Decision = Decision

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="approval_requests")
    expert = models.ForeignKey(Expert, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    nonce = models.CharField(max_length=64, editable=False)
    created_by = user_reference()
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=16, choices=Decision.choices, default=Decision.PENDING, blank=True)
    comment = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Approval link for “{self.interview}”"

    @property
    def is_usable(self):
        """Return whether the link still opens the draft."""
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def is_outdated(self):
        """Return whether the interview changed after the expert decided."""
        return self.decided_version is not None and self.decided_version < self.interview.version
