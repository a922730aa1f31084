"""`participant add` / `participant edit` take one option per editable field of the registry, no more, no less."""

from __future__ import annotations

import argparse
import dataclasses

import pytest

from dmi_desktop.cli.main import build_parser
from dmi_desktop.domain import fields
from dmi_desktop.domain.fields import Field, Kind, Label

# The options users' scripts call (../shared/CLI.md), plus --sex which the app has always taken.
CONTRACT_OPTIONS = {
    "--nombres",
    "--apellido-paterno",
    "--apellido-materno",
    "--alias",
    "--rut",
    "--birth-date",
    "--sector",
    "--phone",
    "--address",
    "--sex",
    "--caseworker",  # schema 7: who handles the file (the creating user when not given)
}


def field_options(*words: str) -> dict[str, argparse.Action]:
    """Option string -> action of a command's own options (help and global options left out)."""
    parser = build_parser()
    for word in words:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[word]
    globals_ = {"--vault", "--user", "--passphrase-file", "--recovery-key-file", "--json", "--lang", "--debug"}
    return {
        o: a for a in parser._actions for o in a.option_strings if o.startswith("--") and o not in {*globals_, "--help"}
    }


def registry_options() -> set[str]:
    return {"--" + f.name.replace("_", "-") for f in fields.editable_fields("participants")}


@pytest.mark.parametrize("command", ["add", "edit"])
def test_field_options_are_the_registry_s_editable_fields_and_keep_the_contract_names(command):
    options = field_options("participant", command)
    assert set(options) == registry_options()
    assert set(options) == CONTRACT_OPTIONS
    assert all(options[o].dest == o[2:].replace("-", "_") for o in options)


def test_required_fields_are_required_when_adding_only():
    add, edit = field_options("participant", "add"), field_options("participant", "edit")
    required = {o for o, a in add.items() if a.required}
    assert required == {"--" + f.name.replace("_", "-") for f in fields.required_fields("participants")}
    assert required == {"--nombres", "--apellido-paterno"}
    assert not any(a.required for a in edit.values())


def test_a_field_added_to_the_registry_becomes_an_option(monkeypatch):
    entity = fields.ENTITIES["participants"]
    extra = Field("segundo_telefono", Kind.PHONE, Label("Segundo teléfono", "Second phone"))
    monkeypatch.setitem(fields.ENTITIES, "participants", dataclasses.replace(entity, fields=(*entity.fields, extra)))
    options = field_options("participant", "edit")
    assert "--segundo-telefono" in options and options["--segundo-telefono"].help == extra.label_in()
    args = build_parser().parse_args(["participant", "edit", "X", "--segundo-telefono", "+56 2 2222 3333"])
    assert args.segundo_telefono == "+56 2 2222 3333"
