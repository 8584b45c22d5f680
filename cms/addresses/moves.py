"""Record that pages moved, so their old addresses answer a 301 to the new ones."""

from urllib.parse import unquote

from django.db import transaction

from cms.addresses.models import OldAddress


def local_path(address):
    """Return an address of this site as a decoded path; refuse anything that could leave the site."""
    path = unquote(address)
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        raise ValueError(f"Not a path on this site: {address!r}")
    return path


def moved(addresses):
    """Record each old address → new address (paths on this site), collapsing chains.

    A→B then B→C leaves A→C and B→C; moving back (B→A) frees A again, which its page answers.
    """
    with transaction.atomic():
        for old, new in addresses.items():
            old, new = local_path(old), local_path(new)
            if old == new:
                continue
            # The new address is a live page again: no older move may send it elsewhere.
            OldAddress.objects.filter(old_path=new).delete()
            OldAddress.objects.filter(new_path=old).update(new_path=new)
            OldAddress.objects.update_or_create(old_path=old, defaults={"new_path": new})


def new_address(path):
    """Return where an old path now lives, or None."""
    if "\x00" in path or len(path) > OldAddress._meta.get_field("old_path").max_length:
        return None  # never recorded (PostgreSQL refuses NUL in text; longer ones are not kept)
    return OldAddress.objects.filter(old_path=path).values_list("new_path", flat=True).first()
