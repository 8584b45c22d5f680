from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.crypto import get_random_string

from cms.roles.definitions import EDITORS


class Command(BaseCommand):
    help = "Create an editor account (or give an existing one a new password) and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument("--email", default="editor@localhost")

    def handle(self, *args, username, email, **options):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": email, "is_staff": True}
        )
        password = get_random_string(16)
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=EDITORS))
        state = "created" if created else "password reset"
        self.stdout.write(
            f"Editor account {state}. Log in at {reverse('admin:index')} as {username} / {password}"
        )
