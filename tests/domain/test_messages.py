"""Every message below the UI has a Spanish and an English text, chosen by the one message language."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import dmi_desktop
from dmi_desktop.domain import messages

PACKAGE = Path(dmi_desktop.__file__).parent
# Calls whose first argument names what a refused user tried to do (see messages.ACTIONS).
_ACTION_CALLS = frozenset({"require_write", "require_coordinator", "write"})


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    """Calls of the bare function ``name`` (``self.tr`` of Qt is another thing) with their location."""
    found = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                found.append((f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", node))
    return found


def _is_empty_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and not node.value.strip()


def test_tr_follows_the_message_language() -> None:
    assert messages.tr("hola", "hello") == "hola"  # Spanish is the default
    messages.set_language("en")
    assert messages.tr("hola", "hello") == "hello"
    messages.set_language("es")
    assert messages.tr("hola", "hello") == "hola"


def test_the_cli_and_the_tabular_reader_share_the_one_tr() -> None:
    from dmi_desktop.cli import io
    from dmi_desktop.services import tabular

    assert io.tr is messages.tr
    assert tabular.tr is messages.tr


def test_every_tr_call_gives_two_different_non_empty_texts() -> None:
    calls = _calls("tr")
    assert len(calls) > 100  # the scan really finds them
    bad = []
    for where, call in calls:
        if len(call.args) != 2 or call.keywords:
            bad.append((where, "needs exactly (es, en)"))
            continue
        es, en = call.args
        if _is_empty_text(es) or _is_empty_text(en):
            bad.append((where, "empty text"))
        elif ast.unparse(es) == ast.unparse(en):
            bad.append((where, "the same text twice"))
    assert not bad, bad


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("code", sorted(messages.CATALOG))
def test_every_catalog_message_has_both_languages_with_the_same_placeholders(code: str) -> None:
    texts = messages.CATALOG[code]
    assert texts["es"].strip() and texts["en"].strip()
    assert texts["es"] != texts["en"]
    assert _fields(texts["es"]) == _fields(texts["en"])


def test_every_action_a_role_check_names_has_an_english_text() -> None:
    named = set()
    for path, tree in _modules():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _ACTION_CALLS
                and re.search(r"session$", ast.unparse(node.func.value))
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                named.add((node.args[0].value, f"{path.name}:{node.lineno}"))
    assert len(named) > 10
    missing = [(action, where) for action, where in named if action not in messages.ACTIONS]
    assert not missing, missing
    messages.set_language("en")
    assert messages.action_text("editar participantes") == "edit participants"
    assert messages.action_text("algo nuevo") == "algo nuevo"  # never a crash for an action not listed yet
