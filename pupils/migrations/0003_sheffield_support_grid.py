"""Load the Sheffield Support Grid: 4 broad areas (Code of Practice 6.28-6.35), 9 strands, and a
plain-English meaning for each level. Another authority replaces these rows with its own grid."""

from django.db import migrations

AREAS = [
    (
        "communication_interaction",
        "Communication and interaction",
        [
            ("speech_language", "Speech, language and communication"),
            ("social_communication", "Social communication (including autism)"),
        ],
    ),
    (
        "cognition_learning",
        "Cognition and learning",
        [
            ("cognition_learning", "Cognition and learning"),
        ],
    ),
    (
        "semh",
        "Social, emotional and mental health",
        [
            ("emotional_regulation", "Emotional regulation"),
            ("mental_health", "Mental health"),
        ],
    ),
    (
        "sensory_physical",
        "Sensory and/or physical",
        [
            ("vision", "Vision"),
            ("hearing", "Hearing"),
            ("physical", "Physical"),
            ("medical", "Medical"),
        ],
    ),
]

LEVELS = [
    (
        1,
        "Met by everyday teaching",
        "Needs are met by good everyday teaching in class, with small adjustments and "
        "short-term help when it is needed.",
    ),
    (
        2,
        "Some targeted help",
        "Needs call for some targeted help beyond everyday teaching, such as a short programme "
        "in a small group, with progress checked closely.",
    ),
    (
        3,
        "Regular additional support",
        "Needs call for regular support that is different from or additional to what others "
        "of the same age have, often shaped by advice from a service outside the school.",
    ),
    (
        4,
        "Significant long-term support",
        "Needs are significant and long-lasting: the pupil needs substantial, individual "
        "support planned with specialists from outside the school.",
    ),
    (
        5,
        "Complex needs, specialist support",
        "The most complex needs, calling for long-term specialist involvement and a highly "
        "individual programme across much of the school day.",
    ),
]


def load_grid(apps, schema_editor):
    BroadArea = apps.get_model("pupils", "BroadArea")
    Strand = apps.get_model("pupils", "Strand")
    LevelDescriptor = apps.get_model("pupils", "LevelDescriptor")
    strand_position = 0
    for area_position, (area_slug, area_name, strands) in enumerate(AREAS, start=1):
        area = BroadArea.objects.create(slug=area_slug, name=area_name, position=area_position)
        for slug, name in strands:
            strand_position += 1
            Strand.objects.create(area=area, slug=slug, name=name, position=strand_position)
    for level, title, text in LEVELS:
        LevelDescriptor.objects.create(level=level, title=title, descriptor=text)


def unload_grid(apps, schema_editor):
    apps.get_model("pupils", "LevelDescriptor").objects.all().delete()
    apps.get_model("pupils", "Strand").objects.all().delete()
    apps.get_model("pupils", "BroadArea").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("pupils", "0002_initial")]

    operations = [migrations.RunPython(load_grid, unload_grid)]
