"""Refresh the Qt translation files: lupdate the UI sources, fill Spanish from the JSON glossaries, lrelease.

Usage: python scripts/translations.py [--check]
  (no option)  rewrite resources/translations/dmi_es.ts and compile dmi_es.qm (exit 1 if something is missing)
  --check      write nothing; exit 1 when the committed .ts/.qm are not what a refresh would produce: a UI
               string missing from dmi_es.ts or no longer in the sources, a string without Spanish, a
               translation that lost or gained a placeholder, or a dmi_es.qm not compiled from dmi_es.ts
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "dmi_desktop" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
GLOSSARIES = TRANSLATIONS / "es"
TS = TRANSLATIONS / "dmi_es.ts"
QM = TRANSLATIONS / "dmi_es.qm"
BIN = Path(sys.executable).parent

# str.format fields ({name}), Qt's numbered arguments (%1, %L1) and the plural count (%n).
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%L?\d+|%n")

Key = tuple[str, str]  # (context, English source)


def placeholders(text: str) -> set[str]:
    """The placeholders a translation must keep: ``{name}``, ``%1``, ``%n``."""
    return set(PLACEHOLDER.findall(text))


def glossary() -> tuple[dict[str, str], list[str]]:
    """English source -> Spanish merged from every es/*.json file, and the conflicts between files."""
    merged: dict[str, str] = {}
    origin: dict[str, str] = {}
    conflicts = []
    for path in sorted(GLOSSARIES.glob("*.json")):
        for source, spanish in json.loads(path.read_text(encoding="utf-8")).items():
            if source in merged and merged[source] != spanish:
                conflicts.append(f"{source!r}: {origin[source]} and {path.name} disagree")
            merged[source], origin[source] = spanish, path.name
    return merged, conflicts


def run_lupdate(target: Path) -> None:
    """Extract every tr()/translate() string of the UI into ``target`` (created or updated)."""
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    options = ["-no-obsolete", "-locations", "none", "-source-language", "en", "-target-language", "es_CL"]
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(target), *options], check=True, capture_output=True
    )


def run_lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``."""
    subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def messages(ts: Path) -> dict[Key, str]:
    """(context, source) -> translation ("" when unfinished) of a .ts file."""
    found: dict[Key, str] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") != "unfinished"
            found[(name, message.findtext("source") or "")] = (translation.text or "") if done else ""
    return found


def fill(target: Path, words: dict[str, str]) -> list[str]:
    """Write the glossary's translations into the .ts; return problems (missing Spanish, placeholders)."""
    tree = ET.parse(target)
    problems = set()
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            continue
        spanish = words.get(source, "").strip()
        if spanish and placeholders(spanish) != placeholders(source):
            problems.add(f"placeholders differ: {source!r} -> {spanish!r}")
            spanish = ""
        if spanish:
            translation.text = words[source]
            translation.attrib.pop("type", None)
        else:
            problems.add(f"untranslated: {source!r}")
            translation.text = None
            translation.set("type", "unfinished")
    tree.write(target, encoding="utf-8", xml_declaration=True)
    return sorted(problems)


def stale(fresh: dict[Key, str], committed: dict[Key, str]) -> list[str]:
    """Differences between what a refresh produces and the committed .ts."""
    problems = [f"not in dmi_es.ts: {ctx}: {src!r}" for ctx, src in sorted(fresh.keys() - committed.keys())]
    problems += [f"obsolete in dmi_es.ts: {ctx}: {src!r}" for ctx, src in sorted(committed.keys() - fresh.keys())]
    problems += [
        f"translation changed in the glossary: {ctx}: {src!r}"
        for (ctx, src), spanish in sorted(fresh.items())
        if (ctx, src) in committed and committed[(ctx, src)] != spanish
    ]
    return problems


def refresh(check: bool) -> list[str]:
    """Refresh (or, with ``check``, only compare against) the committed .ts and .qm; return the problems."""
    words, problems = glossary()
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "dmi_es.ts"
        run_lupdate(fresh)  # a new file each time, so nothing stale survives from the committed one
        problems += fill(fresh, words)
        if not check:
            TS.write_bytes(fresh.read_bytes())
            run_lrelease(TS, QM)
            return problems
        if not TS.exists():
            return [*problems, "dmi_es.ts is missing"]
        problems += stale(messages(fresh), messages(TS))
        compiled = Path(tmp) / "dmi_es.qm"
        run_lrelease(TS, compiled)
        if not QM.exists() or QM.read_bytes() != compiled.read_bytes():
            problems.append("dmi_es.qm is not compiled from the current dmi_es.ts")
    return problems


def unused_glossary_entries() -> list[str]:
    """Glossary sources no UI string uses any more (harmless, but worth pruning)."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "dmi_es.ts"
        run_lupdate(fresh)
        used = {source for _context, source in messages(fresh)}
    return sorted(set(glossary()[0]) - used)


def main(argv: list[str]) -> int:
    """Refresh or check the Spanish translation; print what needs attention."""
    check = "--check" in argv
    problems = refresh(check)
    for problem in problems:
        print(problem)
    for source in unused_glossary_entries():
        print(f"note: glossary entry not used by the UI: {source!r}")
    print(f"{len(problems)} problem(s)" + ("" if check else f"; wrote {TS.name} and {QM.name}"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
