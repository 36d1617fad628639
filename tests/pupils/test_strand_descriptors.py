"""What a level means on a strand: the default grid's 45 descriptions are each a strand's own,
shown where a level is chosen or shown, and reworded by an administrator with history kept."""

from collections import defaultdict

from django.urls import reverse

from pupils.grid import strand_descriptors
from pupils.models import LevelDescriptor, Strand, StrandDescriptor
from tests.auth import sign_in
from tests.factories import NeedAssessmentFactory, SchoolFactory, UserFactory


def test_every_strand_of_the_default_grid_has_five_levels_described(db):
    described = defaultdict(set)
    for strand_slug, level in StrandDescriptor.objects.values_list("strand__slug", "level"):
        described[strand_slug].add(level)
    assert set(described) == set(Strand.objects.values_list("slug", flat=True))
    assert all(levels == {1, 2, 3, 4, 5} for levels in described.values())
    assert StrandDescriptor.objects.count() == 45


def test_no_two_strands_share_a_level_description(db):
    used_by = defaultdict(list)
    for strand, level, text in StrandDescriptor.objects.values_list(
        "strand__name", "level", "text"
    ):
        used_by[" ".join(text.split()).lower()].append(f"{strand} level {level}")
    shared = {text: places for text, places in used_by.items() if len(places) > 1}
    assert not shared, f"Descriptions used more than once: {shared}"
    generic = {
        " ".join(d.split()).lower()
        for d in LevelDescriptor.objects.values_list("descriptor", flat=True)
    }
    assert not generic & set(used_by), "A strand repeats the grid's general meaning of a level"


def hearing():
    return Strand.objects.get(slug="hearing")


def test_the_grid_form_offers_each_strands_own_meaning_with_each_level(client_for, senco, ava):
    page = client_for(senco).get(reverse("assessment_add", args=[ava.pk])).content.decode()
    meaning = StrandDescriptor.objects.get(strand=hearing(), level=3).text
    assert meaning in page
    # Each level's choice is described by that strand's meaning, read out with the choice.
    assert 'aria-describedby="id_strand_hearing_means_3"' in page
    assert 'id="id_strand_hearing_means_3">' + meaning in page
    # One row of six choices a strand: the descriptions are not the choices' labels.
    assert page.count('name="strand_hearing"') == 6


def test_the_record_shows_what_the_current_level_means_on_its_strand(client_for, teacher, ava):
    NeedAssessmentFactory(pupil=ava, strand=hearing(), level=3)
    page = client_for(teacher).get(reverse("pupil_record", args=[ava.pk])).content.decode()
    assert StrandDescriptor.objects.get(strand=hearing(), level=3).text in page
    assert StrandDescriptor.objects.get(strand=hearing(), level=4).text not in page


def test_parents_read_what_the_level_means_on_that_strand(client_for, parent, ava):
    NeedAssessmentFactory(pupil=ava, strand=hearing(), level=3)
    page = client_for(parent).get(reverse("child", args=[ava.pk])).content.decode()
    assert StrandDescriptor.objects.get(strand=hearing(), level=3).text in page
    assert LevelDescriptor.objects.get(level=3).descriptor not in page


def test_an_administrator_rewords_a_description_and_the_old_words_are_kept(client, db):
    administrator = UserFactory(is_staff=True, is_superuser=True)
    sign_in(client, administrator)
    described = StrandDescriptor.objects.get(strand=hearing(), level=2)
    before = described.text
    url = reverse("admin:pupils_stranddescriptor_change", args=[described.pk])
    response = client.post(url, {"text": "Finds group talk in noisy rooms hard to follow."})
    assert response.status_code == 302
    assert (
        strand_descriptors(SchoolFactory())[(hearing().pk, 2)]
        == "Finds group talk in noisy rooms hard to follow."
    )
    wordings = list(described.history.order_by("history_date").values_list("text", flat=True))
    assert wordings == [before, "Finds group talk in noisy rooms hard to follow."]


def test_the_places_in_the_grid_are_fixed_in_the_admin(client, db):
    administrator = UserFactory(is_staff=True, is_superuser=True)
    sign_in(client, administrator)
    described = StrandDescriptor.objects.first()
    assert client.get(reverse("admin:pupils_stranddescriptor_add")).status_code == 403
    delete = reverse("admin:pupils_stranddescriptor_delete", args=[described.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert StrandDescriptor.objects.count() == 45
