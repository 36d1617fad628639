import uuid

import django.db.models.deletion
from django.db import migrations, models


def give_every_school_a_token(apps, schema_editor):
    School = apps.get_model("sen_register", "School")
    SchoolRevision = apps.get_model("census", "SchoolRevision")
    SchoolRevision.objects.bulk_create(
        SchoolRevision(school_id=pk, token=uuid.uuid4().hex)
        for pk in School.objects.values_list("pk", flat=True)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("census", "0003_transferred_decisions"),
        ("sen_register", "0005_second_factor_changes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SchoolRevision",
            fields=[
                (
                    "school",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="sen_register.school",
                    ),
                ),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(give_every_school_a_token, migrations.RunPython.noop),
    ]
