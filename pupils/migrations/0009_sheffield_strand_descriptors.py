"""What each level means on each strand of the default (Sheffield) grid: 45 short descriptions
in our own words, from level 1 (met by everyday teaching with small adjustments) to level 5 (the
most complex needs, with long-term specialist involvement). An administrator may reword them;
each wording is kept in the history."""

from django.db import migrations
from django.utils import timezone

MEANINGS = {
    "speech_language": [
        "Usually understood and understands others; small slips in speech or vocabulary are "
        "met in class by modelling words and allowing a little longer to answer.",
        "Speech sounds, vocabulary or following longer instructions hold the pupil back at "
        "times; a short small-group language programme and visual prompts in class help.",
        "Difficulty understanding or being understood affects learning and friendships most "
        "days; regular language work follows a speech and language therapist's advice.",
        "Understanding, talk or speech is markedly delayed or disordered over the long term; "
        "individual programmes are set and reviewed with speech and language therapy.",
        "Very little spoken language or understanding; the pupil communicates with signs, "
        "symbols or a device, with specialist therapy woven through the day.",
    ],
    "social_communication": [
        "Some difficulty reading social cues or coping with change, managed in class with "
        "clear routines, warning before changes and gentle reminders.",
        "Friendships, group work or break times are hard at times; a social skills group, a "
        "visual timetable or a named adult to check in with helps.",
        "Social understanding, fixed thinking or sensory differences often affect learning and "
        "wellbeing; regular support follows advice from an autism or outreach service.",
        "Significant, lasting social communication needs; an individual plan for the day, "
        "adapted spaces and a specialist's continuing involvement let the pupil take part.",
        "Complex social communication and sensory needs touch every part of the day; a highly "
        "structured individual programme with specialist staff much of the time.",
    ],
    "cognition_learning": [
        "Learns a little more slowly in some subjects and keeps up with adapted class teaching, "
        "key words taught in advance and short catch-up when needed.",
        "Reading, writing or maths lags behind classmates; a time-limited small-group "
        "intervention is needed, with progress checked closely.",
        "Attainment stays well below classmates despite targeted help, or a specific learning "
        "difficulty affects most lessons; regular extra teaching guided by a specialist.",
        "Severe, lasting learning difficulties; the curriculum is heavily adapted and the "
        "pupil works to individual targets set with specialists.",
        "Profound or multiple learning difficulties; a highly individual, often sensory "
        "curriculum with specialist input through the whole day.",
    ],
    "emotional_regulation": [
        "Now and then finds strong feelings hard to manage; calm classroom routines, praise "
        "and a quiet word from the teacher are enough.",
        "Outbursts, withdrawal or trouble settling happen often enough to need a short "
        "programme, such as an emotional literacy group, and an agreed calming plan.",
        "Managing feelings and behaviour often gets in the way of learning; a regular planned "
        "programme with advice from a behaviour or wellbeing service.",
        "Frequent, intense distress or anger that puts learning or safety at risk; an "
        "individual plan with trained adults, an adapted timetable and specialist oversight.",
        "Extremely complex emotional and behavioural needs; a highly individual programme, "
        "skilled adult support at all times and several agencies working together.",
    ],
    "mental_health": [
        "Worry or low mood that comes and goes; listened to and supported in class and by the "
        "pastoral team, with home kept informed.",
        "Anxiety, low mood or low self-esteem lasting weeks; a short programme, such as anxiety "
        "management, or regular check-ins with a trusted adult.",
        "Mental health difficulties affect attendance, relationships or learning over months; "
        "regular support follows advice from a school mental health team or CAMHS.",
        "Serious, persistent mental health needs such as self-harm or not managing to attend; "
        "an individual plan made with CAMHS or other specialists and reviewed often.",
        "Severe, complex mental health needs that may call for care outside school; intensive "
        "support coordinated with specialist health services.",
    ],
    "vision": [
        "A mild sight difficulty met in class, for example by wearing glasses, sitting near "
        "the board and clear, well-spaced print.",
        "Sight limits access to some materials; enlarged print, good lighting and checks that "
        "the board can be seen, with occasional advice from the sensory service.",
        "A visual impairment affects learning every day; adapted materials and regular visits "
        "from a qualified teacher of children with vision impairment.",
        "Severe visual impairment; specialist equipment, modified materials and taught skills "
        "such as getting about safely, with regular specialist teaching.",
        "Blind or with very little useful sight; learns through braille or other touch and "
        "sound, with intensive specialist teaching and mobility training.",
    ],
    "hearing": [
        "A mild or passing hearing loss, such as glue ear; sitting near the teacher, facing "
        "the class when speaking and checking understanding are enough.",
        "Hearing makes noisy rooms or group talk hard; a quieter place to work, instructions "
        "written down too and occasional advice from the sensory service.",
        "A permanent hearing loss affects learning every day; hearing aids or a radio aid, "
        "with regular visits and a programme from a qualified teacher of the deaf.",
        "Severe hearing loss; language and communication need regular specialist teaching, "
        "often with signed support or a communication support worker.",
        "Profoundly deaf; relies on sign language or a cochlear implant, with intensive "
        "specialist teaching and communication support all day.",
    ],
    "physical": [
        "Minor difficulty with coordination or handwriting, met by small adjustments such as "
        "pencil grips, extra time and thoughtful seating.",
        "Motor difficulties slow written work or physical activity; a short fine or gross "
        "motor programme and some adapted equipment help.",
        "A physical difficulty affects getting about or joining in every day; regular support "
        "and equipment follow advice from occupational therapy or physiotherapy.",
        "Significant physical disability; adult help with personal care or moving around, "
        "specialist equipment and a therapy programme carried out in school.",
        "Complex physical needs; depends on adults for most movement and personal care, with "
        "specialist equipment and therapists involved throughout the day.",
    ],
    "medical": [
        "A well-controlled medical condition that needs no more than a healthcare plan known "
        "to the staff who teach the pupil.",
        "A condition such as epilepsy or diabetes affects the school day at times; trained "
        "staff, an agreed healthcare plan and catch-up after absence help.",
        "A medical need regularly affects attendance or learning; planned care and help with "
        "missed work, with advice from the school nurse or specialist health staff.",
        "A serious long-term condition; trained adults give daily care or treatment in school "
        "and learning is planned around it with health professionals.",
        "Complex or life-limiting medical needs; continuous trained care and a highly "
        "individual programme, coordinated with specialist health services.",
    ],
}


def load(apps, schema_editor):
    Strand = apps.get_model("pupils", "Strand")
    StrandDescriptor = apps.get_model("pupils", "StrandDescriptor")
    History = apps.get_model("pupils", "HistoricalStrandDescriptor")
    now = timezone.now()
    for strand in Strand.objects.filter(slug__in=MEANINGS):
        for level, text in enumerate(MEANINGS[strand.slug], start=1):
            made = StrandDescriptor.objects.create(strand=strand, level=level, text=text)
            # The first wording goes into the history too, so a later rewording never loses it
            # (a migration's models send no signals, so the history would not record it).
            History.objects.create(
                id=made.id,
                strand_id=strand.id,
                level=level,
                text=text,
                history_date=now,
                history_type="+",
                history_change_reason="The register's own wording",
            )


def unload(apps, schema_editor):
    apps.get_model("pupils", "HistoricalStrandDescriptor").objects.all().delete()
    apps.get_model("pupils", "StrandDescriptor").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("pupils", "0008_strand_descriptors")]

    operations = [migrations.RunPython(load, unload)]
