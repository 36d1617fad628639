"""A framework's grid as a file (JSON, described in docs/frameworks.md): read and checked whole,
then loaded in one transaction, or nothing at all.

Loading a framework that exists already rewords it in place: names, positions and what each
level means, every wording kept in its history. A strand or area the file leaves out is
refused rather than removed, because pupils' assessments may stand on it."""

import json
import re
from dataclasses import dataclass

from django.db import transaction

from pupils.changes import batched
from pupils.models import BroadArea, LevelDescriptor, NeedAssessment, Strand, StrandDescriptor
from sen_register.core.models import Authority, AuthorityKind, Framework

from .frameworks import RULE_SETS

SLUG = re.compile(r"^[a-z0-9_-]{1,50}$")


class FrameworkFileError(ValueError):
    """The file cannot be loaded; the message names every problem found."""


@dataclass(frozen=True)
class StrandRow:
    slug: str
    name: str
    meanings: list[str]  # level 1 first


@dataclass(frozen=True)
class AreaRow:
    slug: str
    name: str
    strands: list[StrandRow]


@dataclass(frozen=True)
class FrameworkFile:
    slug: str
    name: str
    rules: str
    levels: list[tuple[str, str]]  # (title, what it means), level 1 first
    areas: list[AreaRow]


def read_framework(raw):
    """The FrameworkFile in `raw` (bytes or text), or FrameworkFileError naming what is wrong."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise FrameworkFileError(f"The file is not JSON: {error}.") from None
    problems: list[str] = []
    checked = _Checked(data, problems)
    framework = FrameworkFile(
        slug=checked.slug(data, "slug", "the framework"),
        name=checked.text(data, "name", "the framework"),
        rules=checked.text(data, "rules", "the framework"),
        levels=checked.levels(),
        areas=checked.areas(),
    )
    if framework.rules and framework.rules not in RULE_SETS:
        known = ", ".join(sorted(RULE_SETS))
        problems.append(f'rules: no rule set is called "{framework.rules}" (there are: {known})')
    if problems:
        raise FrameworkFileError("The framework file has problems:\n- " + "\n- ".join(problems))
    return framework


class _Checked:
    """Reads parts of the file, noting each problem (with where it is) instead of stopping."""

    def __init__(self, data, problems):
        self.data = data if isinstance(data, dict) else {}
        self.problems = problems
        if not isinstance(data, dict):
            problems.append("the file must hold one object (a framework), not a list or value")

    def text(self, part, key, where):
        value = part.get(key) if isinstance(part, dict) else None
        if not isinstance(value, str) or not value.strip():
            self.problems.append(f"{where}: {key} is missing or empty")
            return ""
        return value.strip()

    def slug(self, part, key, where):
        value = self.text(part, key, where)
        if value and not SLUG.match(value):
            self.problems.append(
                f'{where}: {key} "{value}" may hold only small letters, digits, - and _'
            )
        return value

    def listed(self, part, key, where):
        value = part.get(key) if isinstance(part, dict) else None
        if not isinstance(value, list) or not value:
            self.problems.append(f"{where}: {key} must be a list with at least one entry")
            return []
        return value

    def levels(self):
        levels = self.listed(self.data, "levels", "the framework")
        if levels and not 2 <= len(levels) <= 5:
            self.problems.append(f"levels: a grid has 2 to 5 levels, not {len(levels)}")
        return [
            (self.text(level, "title", f"level {n}"), self.text(level, "meaning", f"level {n}"))
            for n, level in enumerate(levels, start=1)
        ]

    def areas(self):
        areas = [
            AreaRow(
                slug=self.slug(area, "slug", f"area {n}"),
                name=self.text(area, "name", f"area {n}"),
                strands=[
                    self.strand(strand, f"area {n}, strand {m}")
                    for m, strand in enumerate(self.listed(area, "strands", f"area {n}"), 1)
                ],
            )
            for n, area in enumerate(self.listed(self.data, "areas", "the framework"), start=1)
        ]
        self._unique("area", [a.slug for a in areas])
        self._unique("strand", [s.slug for a in areas for s in a.strands])
        return areas

    def strand(self, strand, where):
        meanings = self.listed(strand, "meanings", where)
        count = len(self.data.get("levels") or [])
        if meanings and len(meanings) != count:
            self.problems.append(
                f"{where}: meanings has {len(meanings)} entries; the grid has {count} levels"
            )
        for n, meaning in enumerate(meanings, start=1):
            if not isinstance(meaning, str) or not meaning.strip():
                self.problems.append(f"{where}: the meaning of level {n} is empty")
        return StrandRow(
            slug=self.slug(strand, "slug", where),
            name=self.text(strand, "name", where),
            meanings=[str(m).strip() for m in meanings],
        )

    def _unique(self, kind, slugs):
        for slug in sorted({s for s in slugs if slugs.count(s) > 1 and s}):
            self.problems.append(f'two {kind}s are called "{slug}"')


def load_framework(file, *, authority=None, kind=AuthorityKind.LA):
    """Keep the FrameworkFile's framework and grid (made, or reworded in place), and, with
    `authority` (a name), that authority on this framework. Returns the Framework."""
    with transaction.atomic(), batched():
        framework, _ = Framework.objects.get_or_create(
            slug=file.slug,
            defaults={"name": file.name, "rules": file.rules, "top_level": len(file.levels)},
        )
        _refuse_losses(framework, file)
        framework.name, framework.rules = file.name, file.rules
        framework.top_level = len(file.levels)
        framework.save()
        for level, (title, meaning) in enumerate(file.levels, start=1):
            LevelDescriptor.objects.update_or_create(
                framework=framework, level=level, defaults={"title": title, "descriptor": meaning}
            )
        _keep_grid(framework, file)
        if authority:
            Authority.objects.update_or_create(
                name=authority, defaults={"framework": framework, "kind": kind}
            )
    return framework


def _refuse_losses(framework, file):
    """Nothing a pupil's record may stand on is taken away by a file."""
    areas = {a.slug for a in file.areas}
    strands = {s.slug for a in file.areas for s in a.strands}
    gone = [
        *(f'area "{slug}"' for slug in _slugs(BroadArea, framework) - areas),
        *(f'strand "{slug}"' for slug in _slugs(Strand, framework) - strands),
    ]
    top = len(file.levels)
    above = NeedAssessment.objects.filter(strand__framework=framework, level__gt=top).count()
    if above:
        gone.append(f"levels above {top} ({above} assessment(s) use them)")
    if gone:
        raise FrameworkFileError(
            f"The file leaves out what the {framework.name} framework has: "
            + ", ".join(gone)
            + ". Keep them in the file; they stay in pupils' histories."
        )


def _slugs(model, framework):
    return set(model.objects.filter(framework=framework).values_list("slug", flat=True))


def _keep_grid(framework, file):
    position = 0
    for area_position, area in enumerate(file.areas, start=1):
        kept_area, _ = BroadArea.objects.update_or_create(
            framework=framework,
            slug=area.slug,
            defaults={"name": area.name, "position": area_position},
        )
        for strand in area.strands:
            position += 1
            kept, _ = Strand.objects.update_or_create(
                framework=framework,
                slug=strand.slug,
                defaults={"name": strand.name, "position": position, "area": kept_area},
            )
            _keep_meanings(kept, strand.meanings)


def _keep_meanings(strand, meanings):
    held = {d.level: d for d in StrandDescriptor.objects.filter(strand=strand)}
    for level, text in enumerate(meanings, start=1):
        described = held.get(level)
        if described is None:
            StrandDescriptor.objects.create(strand=strand, level=level, text=text)
        elif described.text != text:  # saved only when reworded: the history says when
            described.text = text
            described.save()
