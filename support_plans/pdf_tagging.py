"""What WeasyPrint's PDF/UA tagging leaves for us to finish, done on its PDF objects just before
they are written (its `finisher` hook):

- Running content in the page margins (the school's name, "Page 2 of 3") is marked as content
  but kept out of the structure tree, so a checker finds text that is neither tagged nor an
  artifact (WeasyPrint issue 1836). We mark it as a pagination artifact, as PDF/UA asks, and
  take it out of the parent tree: screen readers skip it, as they skip a printed footer.
- Table header cells get no /Scope. A header in a table's head labels its column; any other
  header labels its row (our templates put `scope="row"` headers first in a body row).
"""

# The property list, as written into the page's content; all our running content is at the foot.
FOOTER = b"<</Type /Pagination /Subtype /Footer>>"


def _number(reference):
    """The object number of an indirect reference written as b"12 0 R"."""
    return int(reference.split()[0])


class _Tree:
    def __init__(self, pdf):
        self.objects = pdf.objects
        self.root = self.get(pdf.catalog["StructTreeRoot"])

    def get(self, reference):
        return self.objects[_number(reference)]

    def kids(self, element):
        kids = element.get("K", [])
        return [self.get(kid) for kid in kids if isinstance(kid, bytes)]

    def walk(self, element):
        """(element, its parent) for every element below `element`, depth first."""
        for kid in self.kids(element):
            yield kid, element
            yield from self.walk(kid)


def finish(document, pdf):
    if "StructTreeRoot" not in pdf.catalog:
        return  # an untagged PDF: nothing to finish
    tree = _Tree(pdf)
    elements = list(tree.walk(tree.root))
    _scope_headers(elements)
    linked = {element.number for element, _parent in elements}
    _running_content_as_artifacts(pdf, tree, linked)


def _scope_headers(elements):
    parents = {element.number: parent for element, parent in elements}
    for element, row in elements:
        if element.get("S") != "/TH":
            continue
        section = parents.get(row.number)
        scope = "/Column" if section is not None and section.get("S") == "/THead" else "/Row"
        element["A"]["Scope"] = scope


def _running_content_as_artifacts(pdf, tree, linked):
    numbers = tree.get(tree.root["ParentTree"])["Nums"]
    for page_index, page in enumerate(pdf.pages["Kids"][::3]):  # Kids is [n, 0, "R", ...]
        references = numbers[2 * page_index + 1]
        loose = set()
        for mcid, reference in enumerate(references):
            if isinstance(reference, bytes) and _number(reference) not in linked:
                loose.add(mcid)
                references[mcid] = b"null"
        if loose:
            stream = tree.objects[_number(pdf.objects[page]["Contents"])]
            _mark_as_artifacts(stream.stream, loose)


def _mark_as_artifacts(operations, mcids):
    """Turn `/Span <</MCID n>> BDC` into `/Artifact <<footer>> BDC` for each n in mcids."""
    for i, operation in enumerate(operations):
        if (
            isinstance(operation, dict)
            and operation.get("MCID") in mcids
            and operations[i + 1] == b"BDC"
        ):
            operations[i - 1] = "/Artifact"
            operations[i] = FOOTER
