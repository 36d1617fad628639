"""Each framework has its own grid: the Sheffield grid made so far becomes the Sheffield
framework's, and slugs and levels are unique within a framework rather than everywhere."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

GRID = ("BroadArea", "Strand", "LevelDescriptor")


def sheffield_grid(apps, schema_editor):
    framework = apps.get_model("sen_register", "Framework").objects.get(slug="sheffield")
    for name in GRID:
        apps.get_model("pupils", name).objects.update(framework=framework)


def framework_field(null):
    return models.ForeignKey(
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="sen_register.framework",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pupils", "0012_pupils_by_name_in_school"),
        ("sen_register", "0006_authorities_and_frameworks"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=name.lower(), name="framework", field=framework_field(True)
            )
            for name in GRID
        ),
        migrations.RunPython(sheffield_grid, migrations.RunPython.noop),
        *(
            migrations.AlterField(
                model_name=name.lower(), name="framework", field=framework_field(False)
            )
            for name in GRID
        ),
        migrations.AlterField(model_name="broadarea", name="slug", field=models.SlugField()),
        migrations.AlterField(model_name="strand", name="slug", field=models.SlugField()),
        migrations.AlterField(
            model_name="leveldescriptor",
            name="level",
            field=models.PositiveSmallIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(5),
                ]
            ),
        ),
        migrations.AddConstraint(
            model_name="broadarea",
            constraint=models.UniqueConstraint(
                fields=("framework", "slug"), name="area_slug_per_framework"
            ),
        ),
        migrations.AddConstraint(
            model_name="strand",
            constraint=models.UniqueConstraint(
                fields=("framework", "slug"), name="strand_slug_per_framework"
            ),
        ),
        migrations.AddConstraint(
            model_name="leveldescriptor",
            constraint=models.UniqueConstraint(
                fields=("framework", "level"), name="one_meaning_a_level"
            ),
        ),
    ]
