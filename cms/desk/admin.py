"""The filters the desk's tiles link to, added to the lists they filter.

A tile's count and its list read the same queryset (cms/desk/waiting.py), so they agree.
"""

from django.contrib import admin
from django_tasks_db.admin import DBTaskResultAdmin

from cms.desk.waiting import RECENT_DAYS, recent_answers, recent_failures, returns_from_review
from interviews.admin import InterviewAdmin


class WaitingFilter(admin.SimpleListFilter):
    title = "waiting on the desk"
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [
            ("answered", f"Answered by an expert (last {RECENT_DAYS} days)"),
            ("returned", "Back from review"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "answered":
            return queryset.filter(pk__in=recent_answers().values("interview_id"))
        if self.value() == "returned":
            return queryset.filter(pk__in=returns_from_review().values("interview_id"))
        return queryset


class OutcomeFilter(admin.SimpleListFilter):
    title = "outcome"
    parameter_name = "outcome"

    def lookups(self, request, model_admin):
        return [("gave_up", f"Failed for good (last {RECENT_DAYS} days)")]

    def queryset(self, request, queryset):
        if self.value() == "gave_up":
            return queryset.filter(pk__in=recent_failures().values("pk"))
        return queryset


InterviewAdmin.list_filter = [*InterviewAdmin.list_filter, WaitingFilter]
DBTaskResultAdmin.list_filter = (*DBTaskResultAdmin.list_filter, OutcomeFilter)
