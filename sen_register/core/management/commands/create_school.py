from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sen_register.core.models import School


class Command(BaseCommand):
    help = "Create a school, or update its name and LAESTAB if the URN is already known."

    def add_arguments(self, parser):
        parser.add_argument("--urn", required=True, help="Six-digit unique reference number")
        parser.add_argument("--name", required=True)
        parser.add_argument("--laestab", default="", help="Seven digits: LA number + DfE number")

    def handle(self, *args, urn, name, laestab, **options):
        school = School.objects.filter(urn=urn.strip()).first() or School(urn=urn.strip())
        created = school.pk is None
        school.name = name.strip()
        if laestab:
            school.laestab = laestab.strip()
        try:
            school.full_clean()
        except ValidationError as error:
            problems = "; ".join(
                f"--{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            raise CommandError(f"School not saved. {problems}") from None
        school.save()
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} school {school.urn}: {school.name}")
