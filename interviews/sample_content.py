"""Load the sample experts and interviews for the demo site, through the transcript importer.

Each sample interview is a transcript in interviews/sample/, read by interviews.transcripts and
saved by interviews.importer.create_draft, as an editor's import is. interviews.toml adds what a
transcript does not hold (address, status and date, byline, cover, topics, roles, headings and
pull quotes); experts.toml holds the experts' profiles. The pictures are drawn here.
"""

import io
import math
import tomllib
from datetime import timedelta
from itertools import zip_longest
from pathlib import Path

import reversion
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageColor, ImageDraw, ImageFont

from interviews.importer import create_draft
from interviews.models import Block, Expert, ExpertLink, ExpertTranslation, Interview
from interviews.transcripts import QUESTION, ParsedBlock, read_upload

FOLDER = Path(__file__).resolve().parent / "sample"
PALETTE = ["#8a1c1c", "#1f4e5f", "#4a5d23", "#5b3a6b", "#7a5418"]


class SampleContentError(Exception):
    """A sample transcript the importer does not read as interviews.toml expects."""


def _read(name):
    with open(FOLDER / name, "rb") as file:
        return tomllib.load(file)


def experts():
    """Return the sample experts' profiles (experts.toml)."""
    return _read("experts.toml")["experts"]


def interviews():
    """Return, per sample interview, its transcript's name and what the transcript does not hold."""
    return _read("interviews.toml")["interviews"]


def read_transcript(entry):
    """Return the importer's reading of a sample interview's transcript."""
    path = FOLDER / entry["transcript"]
    return read_upload(path.name, path.read_bytes())


def problems(entry, parsed):
    """Return what the importer read differently from what interviews.toml expects, if anything."""
    found = [f"the importer warns: {warning}" for warning in parsed.warnings]
    expect = entry["expect"]
    read = {
        "title": parsed.title,
        "language": parsed.language,
        "questions": parsed.question_count,
        "answers": parsed.answer_count,
        "photos": len(parsed.images),
    }
    found += [f"{key} is {read[key]!r}, not {value!r}" for key, value in expect.items() if read[key] != value]
    # An expert may be introduced by the name they go by in the interview's language.
    names = {
        profile["slug"]: {profile["name"], *(t["name"] for t in profile.get("translations", {}).values())}
        for profile in experts()
    }
    credited = [credit["slug"] for credit in entry["experts"]]
    introduced = [expert.name for expert in parsed.experts]
    if any(name not in names.get(slug, ()) for slug, name in zip_longest(credited, introduced)):
        found.append(f"the experts are {introduced}, not those of {credited}")
    return found


def load_expert(index, data):
    """Add a sample expert, or the translations it lacks; return whether the expert was added."""
    existing = Expert.objects.filter(slug=data["slug"]).first()
    if existing:
        _load_translations(existing, data)  # added by a later release of the samples
        return False
    fields = {key: data[key] for key in ("name", "slug", "position", "affiliation", "short_bio", "bio")}
    expert = Expert(**fields, photo_credit=data.get("photo_credit", ""))
    photo = placeholder_photo(data["name"], (480, 480), PALETTE[index % len(PALETTE)])
    expert.photo.save(f"{data['slug']}.jpg", photo, save=False)
    expert.save()
    for order, link in enumerate(data.get("links", [])):
        ExpertLink.objects.create(expert=expert, label=link["label"], url=link["url"], order=order)
    _load_translations(expert, data)
    return True


def _load_translations(expert, data):
    for language, fields in data.get("translations", {}).items():
        ExpertTranslation.objects.get_or_create(expert=expert, language=language, defaults=fields)


def load_interview(index, entry):
    """Import a sample transcript and complete it from interviews.toml; return whether it was added."""
    if Interview.objects.filter(slug=entry["slug"]).exists():
        return False
    parsed = read_transcript(entry)
    found = problems(entry, parsed)
    if found:
        raise SampleContentError(f"{entry['transcript']}: " + "; ".join(found))
    for expert, credit in zip(parsed.experts, entry["experts"], strict=True):
        expert.role = credit["role"]
    _insert_blocks(parsed, entry.get("blocks", []))
    credited = [Expert.objects.get(slug=credit["slug"]) for credit in entry["experts"]]
    # One first revision, so History compares the first edit with the interview as loaded.
    with reversion.create_revision():
        interview = create_draft(parsed, experts=credited)
        reversion.set_comment("Loaded with the sample content.")
        _complete(interview, index, entry)
        reversion.add_to_revision(interview)
    return True


def _insert_blocks(parsed, extra):
    """Put each heading or pull quote before the question interviews.toml names."""
    questions = [i for i, block in enumerate(parsed.blocks) if block.kind == QUESTION]
    for block in sorted(extra, key=lambda block: block["before_question"], reverse=True):
        parsed.blocks.insert(
            questions[block["before_question"] - 1], ParsedBlock(block["kind"], block["text"])
        )


def _complete(interview, index, entry):
    """Give the imported draft what interviews.toml adds: pictures, topics, address, status, byline."""
    for block in interview.blocks.filter(kind=Block.Kind.IMAGE):
        photo = placeholder_photo(block.caption, (1200, 800), PALETTE[block.order % len(PALETTE)])
        block.image.save(f"block-{index}-{block.order}.jpg", photo, save=False)
        block.save()
    interview.tags.set(entry.get("tags", []))
    interview.slug = entry["slug"]
    interview.byline = entry.get("byline", "")
    interview.interviewer_label = entry.get("interviewer_label", interview.interviewer_label)
    interview.status = entry["status"]
    interview.publish_at = timezone.now() - timedelta(days=entry["days_ago"])
    interview.cover_caption = entry.get("cover_caption", "")
    interview.cover_credit = entry.get("cover_credit", "")
    colour = PALETTE[(index + 2) % len(PALETTE)]
    cover = placeholder_landscape((1200, 800), colour, index)
    interview.cover_image.save(f"cover-{index}.jpg", cover, save=False)
    interview.save()


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
