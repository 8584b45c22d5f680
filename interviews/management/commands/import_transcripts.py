from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.urls import NoReverseMatch, reverse

from interviews.importer import create_draft, find_duplicate
from interviews.transcripts import MAX_UPLOAD_BYTES, SUFFIXES, TranscriptError, read_upload


class Command(BaseCommand):
    help = "Import interview transcripts (.txt, .docx, .vtt or .srt files, or folders of them) as drafts."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A transcript file or a folder of them.")
        parser.add_argument(
            "--label", help="The interviewer's label that starts each question, e.g. “Meridian”."
        )

    def handle(self, *args, paths, label, verbosity, **options):
        failed, total = [], 0
        for path in map(Path, paths):
            files = self._folder(path) if path.is_dir() else [path]
            if not files:
                files = [path]
            for file in files:
                total += 1
                try:
                    self._import(file, label, verbosity)
                except (TranscriptError, OSError, DatabaseError) as error:
                    failed.append(str(file))
                    message = error.reason if isinstance(error, TranscriptError) else str(error)
                    self.stderr.write(f"error: {file}: {message}")
        if failed:
            raise CommandError(f"{len(failed)} of {total} transcripts failed: {', '.join(failed)}")

    def _folder(self, path):
        return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)

    def _import(self, path, label, verbosity):
        if path.is_dir():
            raise TranscriptError("This folder has no .txt, .docx, .vtt or .srt files.")
        if not path.is_file():
            raise TranscriptError("There is no such file.")
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise TranscriptError(f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
        parsed = read_upload(path.name, path.read_bytes(), label=label)
        if find_duplicate(parsed):
            self.stdout.write(f"skipped (duplicate): {path}")
            return
        interview = create_draft(parsed)
        try:
            where = reverse("admin:interviews_interview_change", args=[interview.pk])
        except NoReverseMatch:
            where = f"interview {interview.pk}"
        self.stdout.write(f"created: {path} -> {interview.title} ({where})")
        if interview.source_name:
            self.stdout.write(
                f"  partner material from “{interview.source_name}”: republishing is off; "
                "confirm it and add the source address"
            )
        if parsed.unnamed_speakers:
            labels = ", ".join(f"“{found.label}”" for found in parsed.unnamed_speakers)
            self.stdout.write(f"  not named, so not added as experts: {labels}; name them on the draft")
        if verbosity >= 2:
            for warning in parsed.warnings:
                self.stdout.write(f"  warning: {warning}")
