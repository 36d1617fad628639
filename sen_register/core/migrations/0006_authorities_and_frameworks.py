"""Authorities and their frameworks. Every school there is belongs to Sheffield City Council,
whose framework (the Sheffield Support Grid and its rules) was the register's only one."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import sen_register.core.models


def sheffield_for_every_school(apps, schema_editor):
    Framework = apps.get_model("sen_register", "Framework")
    Authority = apps.get_model("sen_register", "Authority")
    School = apps.get_model("sen_register", "School")
    framework = Framework.objects.create(
        slug="sheffield", name="Sheffield Support Grid", rules="sheffield", top_level=5
    )
    authority = Authority.objects.create(
        name="Sheffield City Council", kind="la", framework=framework
    )
    School.objects.update(authority=authority)


class Migration(migrations.Migration):
    dependencies = [("sen_register", "0005_second_factor_changes")]

    operations = [
        migrations.CreateModel(
            name="Framework",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(unique=True)),
                ("name", models.CharField(max_length=100)),
                (
                    "rules",
                    models.CharField(
                        help_text="The name of the rules module that works out census codes (docs/frameworks.md).",
                        max_length=40,
                        verbose_name="rule set",
                    ),
                ),
                (
                    "top_level",
                    models.PositiveSmallIntegerField(
                        help_text="Levels run from 1 to this on every strand of the grid.",
                        validators=[
                            django.core.validators.MinValueValidator(2),
                            django.core.validators.MaxValueValidator(5),
                        ],
                        verbose_name="highest level",
                    ),
                ),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.CreateModel(
            name="Authority",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[("la", "Local authority"), ("trust", "Multi-academy trust")],
                        default="la",
                        max_length=5,
                    ),
                ),
                (
                    "framework",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="authorities",
                        to="sen_register.framework",
                    ),
                ),
            ],
            options={"ordering": ["name"], "verbose_name_plural": "authorities"},
        ),
        migrations.AddField(
            model_name="school",
            name="authority",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="schools",
                to="sen_register.authority",
            ),
        ),
        migrations.RunPython(sheffield_for_every_school, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="school",
            name="authority",
            field=models.ForeignKey(
                default=sen_register.core.models.default_authority,
                help_text="Its pupils' census codes follow the authority's framework.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="schools",
                to="sen_register.authority",
            ),
        ),
    ]
