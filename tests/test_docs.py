"""The repository documents itself: its licence, guides and docs are there, every link in
them lands on a file of the repository, and the code cites only docs that exist."""

import re
import subprocess

import pytest

from tests.source import PROJECT

REQUIRED = [
    "LICENSE",
    "README.md",
    "CONTRIBUTING.md",
    "CHANGELOG.md",
    "SECURITY.md",
    "docs/architecture.md",
    "docs/census-rules.md",
    "docs/census-engine.md",
    "docs/frameworks.md",
    "docs/formats.md",
    "docs/who-sees-what.md",
    "docs/security.md",
    "docs/data-protection.md",
    "docs/operating.md",
]
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
DOCS_CITED = re.compile(r"\bdocs/[a-z0-9_-]+\.md\b")


def tracked_files():
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [PROJECT / name for name in listed if not name.startswith("static/vendor/")]


@pytest.mark.parametrize("name", REQUIRED)
def test_the_repository_has(name):
    assert (PROJECT / name).is_file()


def test_the_licence_is_mit():
    assert (PROJECT / "LICENSE").read_text().startswith("MIT License")


def test_every_link_in_the_markdown_lands_inside_the_repository():
    broken = []
    for path in tracked_files():
        if path.suffix != ".md" or not path.is_file():
            continue
        for target in MARKDOWN_LINK.findall(path.read_text()):
            if target.startswith(("http://", "https://", "mailto:", "#")):
                continue
            resolved = (path.parent / target.split("#")[0]).resolve()
            if not resolved.is_relative_to(PROJECT) or not resolved.exists():
                broken.append(f"{path.relative_to(PROJECT)} -> {target}")
    assert broken == []


def test_the_code_cites_only_docs_that_exist():
    missing = set()
    for path in tracked_files():
        if path.suffix not in {".py", ".html", ".md", ".toml", ".txt"} or not path.is_file():
            continue
        for cited in DOCS_CITED.findall(path.read_text()):
            if not (PROJECT / cited).is_file():
                missing.add(f"{path.relative_to(PROJECT)}: {cited}")
    assert missing == set()


def test_nothing_points_at_a_design_file_outside_the_repository():
    outside = [
        str(path.relative_to(PROJECT))
        for path in tracked_files()
        if path.is_file()
        and path.suffix in {".py", ".html", ".md", ".toml", ".txt", ".yaml", ".yml"}
        and path.name != "test_docs.py"
        and re.search(r"DESIGN\.md|\.\./shared/", path.read_text())
    ]
    assert outside == []
