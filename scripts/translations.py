"""Refresh the Qt translation files: lupdate the UI sources, fill Spanish from the JSON glossaries, lrelease.

Usage: python scripts/translations.py [--check]
  (no option)  rewrite resources/translations/dmi_es.ts and compile dmi_es.qm
  --check      write nothing; exit 1 listing UI strings that have no Spanish translation yet
"""

from __future__ import annotations

import json
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


def glossary() -> dict[str, str]:
    """English source -> Spanish, merged from every es/*.json file."""
    merged: dict[str, str] = {}
    for path in sorted(GLOSSARIES.glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def run_lupdate(target: Path) -> None:
    """Extract every tr()/translate() string of the UI into ``target``."""
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *sources,
            "-ts",
            str(target),
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            "es_CL",
        ],
        check=True,
        capture_output=True,
    )


def fill(target: Path, words: dict[str, str]) -> list[str]:
    """Write translations into the .ts; return the sources still missing."""
    tree = ET.parse(target)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            continue
        if source in words and words[source].strip():
            translation.text = words[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
            translation.set("type", "unfinished")
    tree.write(target, encoding="utf-8", xml_declaration=True)
    return sorted(set(missing))


def main(argv: list[str]) -> int:
    """Refresh or check the Spanish translation."""
    check = "--check" in argv
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "dmi_es.ts" if check else TS
        if check and TS.exists():
            target.write_bytes(TS.read_bytes())
        run_lupdate(target)
        missing = fill(target, glossary())
        if not check:
            subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True, capture_output=True)
    for source in missing:
        print(f"untranslated: {source!r}")
    print(f"{len(missing)} untranslated string(s)")
    return 1 if (check and missing) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
