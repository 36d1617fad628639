"""The PDFs read back as a screen reader would: the running footer is an artifact and nothing
else is left out of the structure tree; table headers say what they label; the "About" part of
the plan is a table of headed rows; no table row is split across two pages."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import IndirectObject, NullObject

from tests.factories import OutcomeFactory, ProvisionFactory, SupportPlanFactory


def pdf_of(response):
    assert response.status_code == 200
    return PdfReader(io.BytesIO(response.content))


def text_by_marking(page):
    """(text, whether it is inside an artifact) for every piece of text drawn on the page."""
    inside = {"artifact": False}
    found = []

    def before(operator, operands, cm, tm):
        if operator == b"BDC":
            inside["artifact"] = operands[0] == "/Artifact"
        elif operator == b"EMC":
            inside["artifact"] = False

    def text(content, cm, tm, font, size):
        if content.strip():
            found.append((content.strip(), inside["artifact"]))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def structure(reader):
    """(element, its parent) for every element of the structure tree."""

    def walk(element):
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                yield kid, element
                yield from walk(kid)

    return list(walk(reader.trailer["/Root"]["/StructTreeRoot"]))


ROWS = 40


@pytest.fixture
def long_plan(ava):
    plan = SupportPlanFactory(pupil=ava, about_me="Ava loves swimming.", strategies="Visual cues")
    for n in range(40):
        OutcomeFactory(plan=plan, what_will_change=f"Outcome {n} written out at some length")
    for n in range(ROWS):
        ProvisionFactory(  # cells of several lines each (within the 200 characters allowed)
            plan=plan,
            what=f"ROW{n}START " + "a session described at length " * 5 + f"ROW{n}END",
            delivered_by="A teaching assistant trained in the programme " * 4,
        )
    return plan


def test_the_running_footer_is_an_artifact_and_the_body_is_not(client_for, senco, long_plan):
    reader = pdf_of(client_for(senco).get(reverse("plan_pdf", args=[long_plan.pk])))
    pages = len(reader.pages)
    assert pages >= 3
    for number, page in enumerate(reader.pages, start=1):
        marked = text_by_marking(page)
        artifacts = [text for text, is_artifact in marked if is_artifact]
        assert artifacts == [long_plan.pupil.school.name, f"Page {number} of {pages}"]
        assert any(not is_artifact for _text, is_artifact in marked)


def test_every_marked_piece_of_content_is_in_the_structure_tree(client_for, senco, long_plan):
    reader = pdf_of(client_for(senco).get(reverse("plan_pdf", args=[long_plan.pk])))
    in_tree = {element.indirect_reference for element, _parent in structure(reader)}
    numbers = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    for page_index in range(len(reader.pages)):
        references = numbers[2 * page_index + 1]
        # An artifact's entry is null; every other marked piece belongs to the tree.
        assert [r for r in references if isinstance(r, IndirectObject) and r not in in_tree] == []
        assert any(isinstance(r, NullObject) for r in references)


def test_table_headers_say_whether_they_label_a_column_or_a_row(client_for, senco, long_plan):
    reader = pdf_of(client_for(senco).get(reverse("plan_pdf", args=[long_plan.pk])))
    elements = structure(reader)
    parents = {id(element): parent for element, parent in elements}
    headers = [(element, row) for element, row in elements if element["/S"] == "/TH"]
    assert headers
    for header, row in headers:
        section = parents[id(row)]["/S"]
        assert header["/A"]["/Scope"] == ("/Column" if section == "/THead" else "/Row")
    # The "About" part: nine headed rows (About me, What I think, ... the passport's What I
    # find hard, What helps me, How to talk to me ... How adults help me).
    assert sum(1 for header, _row in headers if header["/A"]["/Scope"] == "/Row") == 9
    assert not any(element["/S"] == "/L" for element, _parent in elements)


def test_no_table_row_is_split_across_two_pages(client_for, senco, long_plan):
    reader = pdf_of(client_for(senco).get(reverse("plan_pdf", args=[long_plan.pk])))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    for n in range(ROWS):
        starts = [i for i, text in enumerate(pages) if f"ROW{n}START" in text]
        ends = [i for i, text in enumerate(pages) if f"ROW{n}END" in text]
        assert starts == ends and len(starts) == 1, f"row {n} on pages {starts} and {ends}"


def test_the_evidence_pack_footer_is_an_artifact_too(client_for, head, ava):
    reader = pdf_of(client_for(head).get(reverse("evidence_pack", args=[ava.pk])))
    for number, page in enumerate(reader.pages, start=1):
        artifacts = [text for text, is_artifact in text_by_marking(page) if is_artifact]
        assert artifacts[-1] == f"Page {number} of {len(reader.pages)}"
