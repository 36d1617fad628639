from django.db import migrations, models


def groups_so_far_are_form_groups(apps, schema_editor):
    # Until now a group was only ever a pupil's form group (Pupil.class_group).
    apps.get_model("pupils", "ClassGroup").objects.update(kind="form")


class Migration(migrations.Migration):
    dependencies = [
        ("pupils", "0006_checked_register_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="classgroup",
            name="kind",
            field=models.CharField(
                choices=[
                    ("form", "Form group"),
                    ("class", "Subject class"),
                    ("set", "Set"),
                    ("intervention", "Intervention group"),
                ],
                default="class",
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="classgroup",
            name="members",
            field=models.ManyToManyField(
                blank=True, related_name="teaching_groups", to="pupils.pupil"
            ),
        ),
        migrations.RunPython(groups_so_far_are_form_groups, migrations.RunPython.noop),
    ]
