import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sen_register", "0002_access_log_outlives_pupils"),
    ]

    operations = [
        migrations.AlterField(
            model_name="membership",
            name="role",
            field=models.CharField(
                choices=[
                    ("senco", "SENCO"),
                    ("teacher", "Teacher"),
                    ("assistant", "Teaching assistant"),
                    ("head", "Headteacher"),
                    ("officer", "Trust / LA officer"),
                ],
                max_length=10,
            ),
        ),
        migrations.CreateModel(
            name="StaffChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("by_name", models.CharField(max_length=254)),
                ("staff_name", models.CharField(max_length=254)),
                ("what", models.CharField(max_length=300)),
                (
                    "by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "school",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="staff_changes",
                        to="sen_register.school",
                    ),
                ),
            ],
            options={
                "ordering": ["-at", "-id"],
            },
        ),
    ]
