import io
import math
from datetime import timedelta

import reversion
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageColor, ImageDraw, ImageFont

from interviews import sample_content
from interviews.models import Block, Expert, ExpertLink, ExpertTranslation, Interview, InterviewExpert
from interviews.related import refresh_all_related

PALETTE = ["#8a1c1c", "#1f4e5f", "#4a5d23", "#5b3a6b", "#7a5418"]


def placeholder_photo(text, size, colour):
    """Return a JPEG with the text's initials on a plain background, for demo photos."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    initials = "".join(word[0] for word in text.split()[:2]).upper()
    # Pillow's built-in font has Latin letters only; other scripts get a plain photo.
    if initials.isascii():
        font = ImageFont.load_default(size=min(size) // 3)
        draw.text((size[0] / 2, size[1] / 2), initials, fill="#fffefb", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return ContentFile(buffer.getvalue())


def placeholder_landscape(size, colour, seed):
    """Return a JPEG of hills under a pale sky in shades of one colour, for demo covers."""
    width, height = size
    base = ImageColor.getrgb(colour)
    sky = tuple(round(c + (255 - c) * 0.82) for c in base)
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    sun = (width * (0.2 + 0.15 * (seed % 4)), height * 0.3)
    draw.ellipse(
        [sun[0] - 60, sun[1] - 60, sun[0] + 60, sun[1] + 60],
        fill=tuple(round(c + (255 - c) * 0.93) for c in base),
    )
    for layer in range(4):
        shade = 0.65 - layer * 0.2
        fill = tuple(round(c + (255 - c) * max(shade, 0)) for c in base)
        top = height * (0.45 + layer * 0.13)
        points = [(0, height)]
        for step in range(0, 13):
            x = width * step / 12
            wave = math.sin(step * (0.9 + layer * 0.35) + seed * 1.7 + layer) * height * (0.06 + 0.02 * layer)
            points.append((x, top + wave))
        points.append((width, height))
        draw.polygon(points, fill=fill)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return ContentFile(buffer.getvalue())


class Command(BaseCommand):
    help = "Load the sample experts and interviews. Rows that already exist are left as they are."

    @transaction.atomic
    def handle(self, *args, **options):
        experts_made = sum(self.load_expert(i, data) for i, data in enumerate(sample_content.EXPERTS))
        interviews_made = sum(
            self.load_interview(i, data) for i, data in enumerate(sample_content.INTERVIEWS)
        )
        if interviews_made:
            refresh_all_related()  # each list was worked out before the interviews after it existed
        self.stdout.write(
            f"Sample content: {experts_made} experts and {interviews_made} interviews added; "
            f"{len(sample_content.EXPERTS) - experts_made} experts and "
            f"{len(sample_content.INTERVIEWS) - interviews_made} interviews were already there."
        )

    def load_expert(self, index, data):
        existing = Expert.objects.filter(slug=data["slug"]).first()
        if existing:
            self.load_translations(existing, data)  # added by a later release of the samples
            return False
        fields = {key: data[key] for key in ("name", "slug", "position", "affiliation", "short_bio", "bio")}
        expert = Expert(**fields, photo_credit=data.get("photo_credit", ""))
        photo = placeholder_photo(data["name"], (480, 480), PALETTE[index % len(PALETTE)])
        expert.photo.save(f"{data['slug']}.jpg", photo, save=False)
        expert.save()
        for order, (label, url) in enumerate(data.get("links", [])):
            ExpertLink.objects.create(expert=expert, label=label, url=url, order=order)
        self.load_translations(expert, data)
        return True

    def load_translations(self, expert, data):
        for language, fields in data.get("translations", {}).items():
            ExpertTranslation.objects.get_or_create(expert=expert, language=language, defaults=fields)

    def load_interview(self, index, data):
        if Interview.objects.filter(slug=data["slug"]).exists():
            return False
        # The loaded interview is its first revision, so History compares the first edit with it.
        with reversion.create_revision():
            reversion.set_comment("Loaded with the sample content.")
            interview = self.create_interview(index, data)
            reversion.add_to_revision(interview)
        return True

    def create_interview(self, index, data):
        interview = Interview(
            title=data["title"],
            slug=data["slug"],
            lead=data["lead"],
            language=data["language"],
            byline=data.get("byline", ""),
            interviewer_label=data.get("interviewer_label", ""),
            status=data["status"],
            publish_at=timezone.now() - timedelta(days=data["days_ago"]),
            cover_caption=data.get("cover_caption", ""),
            cover_credit=data.get("cover_credit", ""),
        )
        colour = PALETTE[(index + 2) % len(PALETTE)]
        interview.cover_image.save(
            f"cover-{index}.jpg", placeholder_landscape((1200, 800), colour, index), save=False
        )
        interview.save()
        interview.tags.set(data.get("tags", []))
        for order, credit in enumerate(data["experts"]):
            InterviewExpert.objects.create(
                interview=interview,
                expert=Expert.objects.get(slug=credit["slug"]),
                role=credit.get("role", ""),
                bio=credit.get("bio", ""),
                order=order,
            )
        for order, (kind, content) in enumerate(data["blocks"]):
            block = Block(interview=interview, kind=kind, order=order)
            if kind == Block.Kind.IMAGE:
                block.caption, block.credit = content["caption"], content.get("credit", "")
                photo = placeholder_photo(content["caption"], (1200, 800), PALETTE[order % len(PALETTE)])
                block.image.save(f"block-{index}-{order}.jpg", photo, save=False)
            else:
                block.text = content
            block.save()
        return interview
