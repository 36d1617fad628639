"""Small modules and short functions, so that each can be read at once: no module of the
project's packages over 400 lines, no function over 50 (migrations and tests aside). Ruff
caps their complexity (pyproject.toml)."""

import ast

from tests.source import PROJECT, source_files

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


def test_no_module_is_over_four_hundred_lines():
    long = {
        path.relative_to(PROJECT).as_posix(): lines
        for path in source_files(migrations=False)
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_fifty_lines():
    long = {}
    for path in source_files(migrations=False):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                if (lines := node.end_lineno - first + 1) > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(PROJECT).as_posix()}:{node.name}"] = lines
    assert long == {}
