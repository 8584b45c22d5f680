"""Tiny builders for test rows, with sensible defaults."""

import io
import itertools
import threading
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from interviews.models import Block, Expert, Interview, InterviewExpert

_counter = itertools.count(1)


def run_in_threads(function, count):
    """Run function in `count` threads at once and wait for them all."""
    threads = [threading.Thread(target=function) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def make_expert(**fields):
    n = next(_counter)
    defaults = {
        "name": f"Expert Number{n}",
        "position": "Research fellow",
        "affiliation": "Institute of Regional Studies",
        "short_bio": f"Expert Number{n} is a research fellow who studies the region.",
    }
    return Expert.objects.create(**{**defaults, **fields})


def make_interview(*, experts=(), tags=(), blocks=None, **fields):
    """Create an interview, published a day ago unless told otherwise."""
    n = next(_counter)
    defaults = {
        "title": f"Interview number {n}",
        "lead": f"The lead of interview {n}.",
        "status": Interview.Status.PUBLISHED,
        "publish_at": timezone.now() - timedelta(days=1),
        "interviewer_label": "Meridian",
    }
    interview = Interview.objects.create(**{**defaults, **fields})
    for order, expert in enumerate(experts):
        InterviewExpert.objects.create(interview=interview, expert=expert, order=order)
    if tags:
        interview.tags.set(list(tags))
    default_blocks = [
        ("question", "What changed this year?"),
        ("answer", "Quite a lot.\n\nMore than expected."),
    ]
    for order, (kind, text) in enumerate(default_blocks if blocks is None else blocks):
        Block.objects.create(interview=interview, kind=kind, text=text, order=order)
    return interview


def make_draft(**fields):
    return make_interview(status=Interview.Status.DRAFT, publish_at=None, **fields)


def make_scheduled(**fields):
    return make_interview(publish_at=timezone.now() + timedelta(days=1), **fields)


def make_user(*, groups=(), superuser=False, **fields):
    n = next(_counter)
    user = get_user_model().objects.create_user(
        username=fields.pop("username", f"user{n}"),
        password="a-long-test-password",
        is_staff=True,
        is_superuser=superuser,
        **fields,
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def image_upload(name="photo.jpg", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
