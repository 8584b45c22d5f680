"""Compile the committed .po message catalogues, with no need for GNU gettext on the machine."""

from pathlib import Path

import polib
from django.conf import settings


def compile_catalogues(force=False):
    """Write a .mo beside each .po that is newer than it; return the paths written."""
    written = []
    for folder in settings.LOCALE_PATHS:
        for po_path in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if force or not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                written.append(mo_path)
    return written
