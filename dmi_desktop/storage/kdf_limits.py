"""Bounds on the Argon2id work a key slot or a backup header may ask for, checked before any derivation.

A damaged or hostile ``vault.keys`` or backup could ask for 4 GiB × 10 000 passes and hang the machine for hours;
what this app ever writes is far below these bounds (calibration stays under them too).
"""

from __future__ import annotations

from typing import Any

from dmi_desktop.domain.messages import tr
from dmi_desktop.storage.errors import VaultError

KIB_PER_MIB = 1024
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
MAX_LANES = 16
# Argon2id's time grows with memory × passes: 1 GiB × 20 passes, or 64 MiB × 320 passes, about 8 s on the
# 2-core development machine (a calibrated 0.5 s unlock is 64 MiB × 20).
MAX_WORK_KIB_PASSES = 20 * MAX_MEMORY_KIB


def max_iterations(memory_kib: int) -> int:
    """The most passes allowed at ``memory_kib`` KiB of memory (at least 1)."""
    return max(1, MAX_WORK_KIB_PASSES // max(memory_kib, 1))


def within_limits(iterations: int, memory_kib: int, lanes: int) -> bool:
    """True when deriving with these parameters takes seconds and at most 1 GiB, not hours."""
    return 0 < memory_kib <= MAX_MEMORY_KIB and 0 < lanes <= MAX_LANES and 0 < iterations <= max_iterations(memory_kib)


def check_kdf_params(iterations: int, memory_kib: int, lanes: int, source: str, error: type[VaultError]) -> None:
    """Raise ``error`` naming ``source`` (a file name) when the parameters exceed the bounds (nothing is derived)."""
    if within_limits(iterations, memory_kib, lanes):
        return
    mib = memory_kib // KIB_PER_MIB
    raise error(
        tr(
            f"{source} pide un costo de derivación de clave fuera de los límites ({mib} MiB, {iterations} pasadas,"
            f" {lanes} hilos; máximo 1024 MiB y {MAX_LANES} hilos): no se intenta abrir",
            f"{source} asks for a key-derivation cost beyond the limits ({mib} MiB, {iterations} passes,"
            f" {lanes} lanes; at most 1024 MiB and {MAX_LANES} lanes): not attempted",
        )
    )


def check_keys_document(doc: Any, source: str, error: type[VaultError]) -> None:
    """``check_kdf_params`` for every slot of a key-slot document (a backup header's); malformed slots are
    left to the document's own validation."""
    slots = doc.get("slots") if isinstance(doc, dict) else None
    for slot in slots if isinstance(slots, list) else []:
        kdf = slot.get("kdf") if isinstance(slot, dict) else None
        if not isinstance(kdf, dict):
            continue
        try:
            params = int(kdf["iterations"]), int(kdf["memory_cost"]), int(kdf["lanes"])
        except OverflowError:  # Infinity: JSON as Python reads it allows it
            params = (MAX_WORK_KIB_PASSES + 1, MAX_MEMORY_KIB + 1, MAX_LANES + 1)
        except (KeyError, TypeError, ValueError):
            continue
        check_kdf_params(*params, source, error)
