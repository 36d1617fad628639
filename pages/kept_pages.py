"""Pages whose body is drawn once and kept in this process under their school's revision
(census.revisions), reused while nothing the body shows has changed.

Used for the pages read far more often than what they show is written, and dear to draw: the
pupil's record (two dozen queries), and the school-wide lists that grow with the school (the
provision map, the EHC calendar, a teacher's pupils). Only the body is kept: the layout
around it (who is signed in, messages, the page's title) is drawn for each look, and every
look still goes through the access policy and the access log first. A body's key says
everything about the reader it depends on (what they may do, whose pupils they are); the
school's revision and the day say the rest.
"""

from collections.abc import Callable, Hashable
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from census.revisions import UNREAD, Keep, keeper
from sen_register.core.kept import Kept
from sen_register.core.models import School

# Bodies kept per process, the least recently used dropped first: a few hundred records and
# lists a day at a school, each some tens of kilobytes of markup; at most 16 million
# characters in all, 32 MiB at most (a whole-school list of a large school is half a
# million characters; Python keeps markup with a dash in it at two bytes a character).
_bodies = Kept(400, weigh=len, most=16_000_000)


def body_kept(
    school: School,
    today: date,
    key: Hashable,
    template_name: str,
    context: Callable[[Keep], dict[str, Any]],
    token: Any = UNREAD,
) -> SafeString:
    """`template_name` drawn with `context(keep)`, or the body kept from an earlier look
    under the same key while `school`'s revision and the day are the same. One query (the
    revision) when kept; nothing `context` reads is read then. `context` may keep what
    many bodies share (the grid and what its levels mean) with `keep`. `token`: the
    school's, when read with the page's own rows (census.revisions.revision_of)."""
    keep = keeper(school, today, store=_bodies, token=token)
    return keep(key, lambda: render_to_string(template_name, context(keep)))
