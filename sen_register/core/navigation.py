"""The service navigation in the page header: the places a user's roles let them go.

Each link is offered only where the access policy allows the action behind it, so nobody is
shown a page they would be refused. The school is the one in the address, or the user's only
school; someone working at several schools picks one from their home page first.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from . import access

# (label, URL name, the school action that opens it), in the order they appear.
SCHOOL_LINKS = [
    ("Home", "school_home", "view_school_home"),
    ("My pupils", "my_pupils", "my_pupils"),
    ("Register", "register", "view_register"),
    ("Census", "census", "census"),
    ("Provision map", "provision_map", "provision_map"),
    ("EHC calendar", "ehc_calendar", "ehc_calendar"),
    ("Import pupils", "register_import", "import_register"),
    ("Groups", "groups", "manage_groups"),
    ("Staff", "staff", "manage_staff"),
]


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool = False


def _current_school(request: HttpRequest, urn_of: dict[int, str]) -> int | None:
    urn = request.resolver_match.kwargs.get("urn") if request.resolver_match else None
    for school_id, school_urn in urn_of.items():
        if school_urn == urn:
            return school_id
    return next(iter(urn_of)) if len(urn_of) == 1 else None


def links_for(request: HttpRequest) -> list[Link]:
    user = request.user
    held = access.holdings(user)
    found: list[tuple[str, str]] = []
    school_id = _current_school(request, held.urn_of)
    if school_id is not None:
        allowed = access.school_actions(user, school_id)
        urn = held.urn_of[school_id]
        found += [
            (label, reverse(name, args=[urn]))
            for label, name, action in SCHOOL_LINKS
            if action in allowed
        ]
    if len(held.urn_of) > 1:
        found.insert(0, ("Your schools", reverse("home")))
    if held.schools_with(access.OFFICER):
        found.append(("Across your schools", reverse("officer")))
        found.append(("Moderation", reverse("moderation_rounds")))
    if not found:  # parents, and accounts not yet linked to anything
        found.append(("Home", reverse("home")))
    # The current page's link: the longest that the address starts with.
    best = max(
        (url for _, url in found if request.path.startswith(url) and url != "/"),
        key=len,
        default="/" if request.path == "/" else None,
    )
    return [Link(label, url, url == best) for label, url in found]


def service_navigation(request: HttpRequest) -> dict[str, object]:
    """Context processor: `nav_links` for the header of every signed-in page."""
    if not request.user.is_authenticated:
        return {}
    return {"nav_links": lambda: links_for(request)}
