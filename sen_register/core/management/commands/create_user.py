import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from sen_register.core.models import Membership, Role, School, User


class Command(BaseCommand):
    help = (
        "Create a staff user with a role at a school, or give an existing user that role. "
        "Without --password-from-env the user sets a password through 'Forgotten your "
        "password?'. Parents are invited from the pupil page."
    )

    def add_arguments(self, parser):
        parser.add_argument("--school", required=True, help="URN of the school")
        parser.add_argument("--role", required=True, choices=[r.value for r in Role])
        parser.add_argument("--email", required=True)
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Name of an environment variable holding the password (never on the command line)",
        )

    def handle(self, *args, school, role, email, password_from_env, **options):
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"--email: {email!r} is not an email address.") from None
        found = School.objects.filter(urn=school.strip()).first()
        if found is None:
            raise CommandError(
                f"--school: no school has URN {school!r}. Create it first with create_school."
            )
        password = None
        if password_from_env:
            password = os.environ.get(password_from_env)
            if not password:
                raise CommandError(
                    f"--password-from-env: the environment variable {password_from_env} is "
                    "not set or is empty."
                )
        user = User.objects.filter(email__iexact=email).first()
        if password is not None:
            try:
                validate_password(password, user or User(email=email))
            except ValidationError as error:
                raise CommandError("Password not accepted: " + " ".join(error.messages)) from None

        with transaction.atomic():
            created = user is None
            if created:
                user = User.objects.create_user(email=email, password=password)
            elif password is not None:
                assert user is not None
                user.set_password(password)
                user.save(update_fields=["password"])
            assert user is not None
            _, new_role = Membership.objects.get_or_create(user=user, school=found, role=role)

        what = "Created user" if created else "User"
        role_text = "given role" if new_role else "already has role"
        self.stdout.write(f"{what} {user.email}: {role_text} {role} at {found.name} ({found.urn})")
