"""Refuse a .docx file that would unpack to far more than a transcript, before anything parses it.

A .docx is a zip archive: 2 MB of it can hold hundreds of megabytes of XML, and python-docx reads
every part into memory and parses it. The archive's directory is checked first (it costs nothing),
then its parts are unpacked once, in pieces, to count the elements the importer walks.
"""

import io
import re
import zipfile
import zlib
from collections import Counter

MAX_MEMBERS = 1000
MAX_MEMBER_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 25 * 1024 * 1024
# Word's XML packs 4-20 times; a deflate bomb reaches 1000. Small parts may pack as they like.
MAX_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024
MAX_PARAGRAPHS = 5000
MAX_RUNS = 50_000
MAX_STYLES = 2000

# Any namespace prefix: python-docx finds elements by namespace, so a file may name it as it likes.
_ELEMENT = re.compile(rb"<(?:[^\s<>/:!?]{1,64}:)?(p|r|style)[\s/>]")
_OVERLAP = 80  # longer than any match, so one split between two pieces is still counted
_CHUNK = 256 * 1024  # the counts are checked after each piece, so a bomb stops early
_MB = 1024 * 1024

DAMAGED = (
    "This .docx file could not be read: its archive is damaged. Open it in Word or LibreOffice, "
    "save it again as .docx, or paste the text instead."
)


def docx_refusal(data):
    """Return why the .docx bytes are not opened (a message for the editor), or None if they may be."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            return _directory_refusal(members, len(data)) or _content_refusal(archive, members)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError):
        # A lying header ends here: zipfile stops at the declared size, then finds the CRC wrong.
        return DAMAGED


def _directory_refusal(members, size):
    if len(members) > MAX_MEMBERS:
        return (
            f"This .docx file holds more than {MAX_MEMBERS:,} parts, far more than a transcript needs. "
            "Save it again as a plain .docx from Word or LibreOffice, or paste the text instead."
        )
    names = [member.filename for member in members]
    if len(set(names)) != len(names):
        return DAMAGED
    for member in members:
        if member.flag_bits & 0x1:
            return "This .docx file is password-protected. Save it without a password, or paste the text."
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return DAMAGED
    # The directory's sizes are what zipfile reads up to; claims beyond the file itself are lies.
    if sum(member.compress_size for member in members) > size:
        return DAMAGED
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_BYTES or any(member.file_size > MAX_MEMBER_BYTES for member in members):
        return (
            f"This .docx file unpacks to {total / _MB:.0f} MB, more than a transcript needs (at most "
            f"{MAX_TOTAL_BYTES // _MB} MB, {MAX_MEMBER_BYTES // _MB} MB in one part). Remove pictures "
            "and embedded objects, import the interview in parts, or paste the text instead."
        )
    for member in members:
        packed = max(member.compress_size, 1)
        if member.file_size >= RATIO_FROM_BYTES and member.file_size > MAX_RATIO * packed:
            return (
                "This .docx file is packed far more tightly than a document written in Word or LibreOffice, "
                "so it was not opened. Open it in one of them and save it again as .docx, or paste the text."
            )
    return None


def _content_refusal(archive, members):
    counts = Counter()
    for member in members:
        for names in _element_names(archive, member):
            counts.update(names)
            if refusal := _count_refusal(counts):
                return refusal
    return None


def _count_refusal(counts):
    if counts[b"p"] > MAX_PARAGRAPHS:
        return (
            f"This .docx file has more than {MAX_PARAGRAPHS:,} paragraphs, more than one interview. "
            "Import it in parts, or paste the text instead."
        )
    if counts[b"r"] > MAX_RUNS or counts[b"style"] > MAX_STYLES:
        return (
            f"This .docx file has more formatting than a transcript (over {MAX_RUNS:,} formatted pieces "
            f"of text or {MAX_STYLES:,} styles). Paste the text instead, or save it as a .txt file."
        )
    return None


def _element_names(archive, member):
    """Yield, for each piece of the unpacked member, the local names of the counted elements in it."""
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            # A match that ends in the old tail was counted with the piece before.
            yield [match.group(1) for match in _ELEMENT.finditer(window) if match.end() > len(tail)]
            tail = window[-_OVERLAP:]
