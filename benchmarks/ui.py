"""UI benchmark (offscreen): launch, unlock to the first page, search keystroke to filtered table, scrolling,
and the longest GUI-thread stall of every list action (benchmarks/stalls.py).

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/ui.py [--participants N] [--quick] [--searches 40] [--seed 7]
       [--stalls-only]

Prints figures, never asserts. A vault of N participants (default 100 000) is built in a temporary folder
through ParticipantService.create_many (the same realistic rows as benchmarks/vault.py), with the KDF
calibrated as a real vault is (~0.5 s); settings and logs also live in the temporary folder.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402 - after the platform is chosen
from PySide6.QtWidgets import QAbstractSlider, QApplication, QMessageBox  # noqa: E402

PASSPHRASE = "benchmark caballo batería grapa 2026"
USER = "bench"
WINDOW = QSize(1280, 800)
BROAD_TERMS = ("a", "jo", "gonz", "12.", "el")  # few letters: the most matches to count and sort


def load_vault_benchmark(name: str = "vault") -> ModuleType:
    """benchmarks/NAME.py as a module (vault.py: realistic rows and search terms; benchmarks/ is no package)."""
    here = Path(__file__).resolve().parent
    spec = importlib.util.spec_from_file_location(f"dmi_{name}_benchmark", here / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def wait_until(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    """Run the event loop until ``condition`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("timed out waiting for the UI")
        QApplication.processEvents()
        time.sleep(0.0002)


def ms(seconds: float) -> float:
    """Seconds -> milliseconds."""
    return seconds * 1000


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]


def line(label: str, value: str, note: str = "") -> None:
    """One result line."""
    print(f"  {label:<64} {value:>16}  {note}", flush=True)


# -- the vault ----------------------------------------------------------------------------------------


def build_vault(folder: Path, n: int, seed: int, bench: ModuleType) -> tuple[bytes, list[str], float]:
    """The vault (calibrated KDF), its key (for unlocking without the KDF), search terms, and the KDF time."""
    from dmi_desktop.services.session import Session

    started = time.perf_counter()
    people = bench.make_people(n, seed)
    session, _recovery = Session.create(folder, user=USER, passphrase=PASSPHRASE, device_code="BEN")
    key = session.vault._key  # the benchmark's own vault: lets one unlock skip the KDF
    session.participants.create_many(people.participants)
    session.close()
    print(f"built {n:,} participants in {time.perf_counter() - started:.1f} s (create_many: validation, FTS, audit)")
    kdf = _kdf_seconds(folder)
    return key, bench.search_terms(people, 400, seed), kdf


def _kdf_seconds(folder: Path) -> float:
    """Time of one passphrase unwrap (Argon2id + AES-GCM) of this vault's key slot."""
    from dmi_desktop.storage.keyslots import KeyFile
    from dmi_desktop.storage.vault import KEYS_NAME

    keys = KeyFile.load(folder / KEYS_NAME)
    keys.unlock_user(USER, PASSPHRASE)  # warm-up: the first derivation also pays for page faults
    started = time.perf_counter()
    keys.unlock_user(USER, PASSPHRASE)
    return time.perf_counter() - started


# -- launch -------------------------------------------------------------------------------------------


def launch_in_subprocess(folder: Path, tmp: Path, runs: int) -> list[float]:
    """Seconds from starting ``python main.py --vault`` to the unlock dialog on screen (its log line)."""
    found = []
    for run in range(runs):
        home = tmp / f"launch-{run}"
        env = {**os.environ, "DMI_HOME": str(home), "XDG_CONFIG_HOME": str(home / "config")}
        env.update(QT_QPA_PLATFORM="offscreen", DMI_SMOKE_EXIT_MS="50", DMI_LOG_LEVEL="INFO")
        started = datetime.now()
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--vault", str(folder)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            timeout=120,
            check=True,
        )
        for text in (home / "logs" / "dmi-desktop.log").read_text(encoding="utf-8").splitlines():
            if "smoke test: unlock_dialog visible" in text:
                stamp = datetime.strptime(text[:23], "%Y-%m-%d %H:%M:%S,%f")
                found.append((stamp - started).total_seconds())
    return found


def launch_in_process(folder: Path) -> tuple[float, Any, Any]:
    """Seconds from QApplication creation to the unlock dialog painted (modules already imported)."""
    from dmi_desktop import APP_NAME
    from dmi_desktop.ui.settings import ORGANISATION, Settings
    from dmi_desktop.ui.startup import Shell
    from dmi_desktop.ui.translation import Translations

    started = time.perf_counter()
    app = QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setStyle("Fusion")
    app.setQuitOnLastWindowClosed(False)
    settings = Settings()
    translations = Translations(app)
    translations.apply(settings.language)
    shell = Shell(settings, translations)
    shell.start(folder)
    wait_until(lambda: shell.dialog is not None and shell.dialog.isVisible())
    shell.dialog.repaint()  # the first frame of the dialog, drawn now
    elapsed = time.perf_counter() - started
    return elapsed, app, (settings, translations, shell)


# -- unlock -------------------------------------------------------------------------------------------


def unlock_to_first_page(shell: Any, folder: Path, key: bytes | None) -> tuple[float, float]:
    """Seconds from pressing Unlock to (window shown, first table page painted); ``key`` skips the KDF."""
    dialog = shell.dialog if shell.dialog is not None else shell.show_unlock(folder)
    if key is not None:
        from dmi_desktop.services.session import Session
        from dmi_desktop.storage.vault import Vault

        # The same dialog, worker and main window; only the key derivation is replaced by the known key.
        dialog._attempt = lambda _user, _secret: Session._audited(
            Vault.open_with_key(folder, key, USER), "vault.unlock"
        )
    dialog.passphrase.setText(PASSPHRASE)
    started = time.perf_counter()
    dialog.unlock_button.click()
    wait_until(lambda: shell.window is not None and shell.window.isVisible())
    shown = time.perf_counter() - started
    area = shell.window.area_widgets["participants"]
    area.table.viewport().repaint()  # paints the visible rows: their page is read now
    wait_until(lambda: 0 in area.model.cached_pages())
    return shown, time.perf_counter() - started


def fresh_shell(settings: Any, translations: Any) -> Any:
    """A new shell (worker, hub) like the one run_gui builds."""
    from dmi_desktop.ui.startup import Shell

    return Shell(settings, translations)


def close_shell(shell: Any) -> None:
    """Close the session and the windows so the next run starts cold."""
    shell.shutdown()
    for widget in QApplication.topLevelWidgets():
        widget.deleteLater()
    QApplication.processEvents()


# -- search -------------------------------------------------------------------------------------------


class SearchProbe:
    """Times one search: keystroke, debounce timer firing, worker query, model reset with the new first page."""

    def __init__(self, area: Any) -> None:
        self.area = area
        self.fired = 0.0
        self.reset = 0.0
        timer = area._debounce  # the area's own debounce timer: stamp before its query is submitted
        timer.timeout.disconnect()
        timer.timeout.connect(self._fired)
        timer.timeout.connect(area.run_query)
        area.model.modelReset.connect(self._reset)

    def _fired(self) -> None:
        self.fired = time.perf_counter()

    def _reset(self) -> None:
        self.reset = time.perf_counter()

    def search(self, term: str) -> tuple[float, float, float, int]:
        """(keystroke -> model, debounce fired -> model, repaint) seconds and the number of matches."""
        self.fired = self.reset = 0.0
        typed = time.perf_counter()
        self.area.search.setText(term)
        wait_until(lambda: self.reset > self.fired > 0 and self.area.model.query.search == term.strip())
        painted = time.perf_counter()
        self.area.table.viewport().repaint()
        paint = time.perf_counter() - painted
        return self.reset - typed, self.reset - self.fired, paint, self.area.model.rowCount()


def measure_search(area: Any, terms: list[str]) -> None:
    """Search-as-you-type figures over realistic and broad terms."""
    probe = SearchProbe(area)
    probe.search("warm up")
    for title, batch in (("realistic terms", terms), ("broad prefixes " + ", ".join(BROAD_TERMS), BROAD_TERMS)):
        rows = [probe.search(t) for t in batch]
        after = [ms(r[1]) for r in rows]
        total = [ms(r[0]) for r in rows]
        paint = [ms(r[2]) for r in rows]
        hits = [r[3] for r in rows]
        print(f"\nSearch-as-you-type, {title} ({len(batch)} searches; matches median {statistics.median(hits):.0f})")
        line("debounce fired -> model holds new first page, p50", f"{pct(after, 50):.1f} ms", "target < 50")
        line("debounce fired -> model holds new first page, p95", f"{pct(after, 95):.1f} ms", "target < 50")
        line("debounce fired -> model holds new first page, max", f"{max(after):.1f} ms")
        line("  + repaint of the visible rows, p50", f"{pct(paint, 50):.1f} ms")
        line("keystroke -> model (incl. the 250 ms coarse debounce), p50", f"{pct(total, 50):.1f} ms")
    area.search.setText("")
    wait_until(lambda: area.model.query.search == "" and probe.reset > probe.fired > 0)


# -- scroll -------------------------------------------------------------------------------------------


def measure_scroll(area: Any, jumps: int) -> None:
    """Page steps from top to bottom (one frame each), a jump to the bottom, random scrollbar drags."""
    model, table = area.model, area.table
    service = area.ctx.session.participants
    fetches = [0]
    fetch = service.rows

    def counting(*args: Any, **kwargs: Any) -> Any:
        fetches[0] += 1
        return fetch(*args, **kwargs)

    service.rows = counting  # count the SQL page reads the scrolling causes (on whichever thread reads them)
    model.refresh()
    wait_until(lambda: not getattr(model, "loading", lambda: False)())
    bar = table.verticalScrollBar()
    table.scrollToTop()
    table.viewport().repaint()
    fetches[0] = 0
    frames = []
    started = time.perf_counter()
    while bar.value() < bar.maximum():
        t = time.perf_counter()
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        table.viewport().repaint()
        frames.append(ms(time.perf_counter() - t))
    total = time.perf_counter() - started
    rows = model.rowCount()
    print(f"\nScrolling {rows:,} rows ({bar.pageStep()} rows per page step, {table.viewport().height()} px view)")
    line("top -> bottom in page steps: total", f"{total:.2f} s", f"{len(frames):,} frames")
    # Since the list reads on the worker, a frame here is the GUI thread's own work (placeholders where a page
    # has not arrived; none is delivered while this loop holds the thread): the stall figures below say more.
    line("  frame (scroll + repaint), p50 / p95", f"{pct(frames, 50):.2f} / {pct(frames, 95):.2f} ms")
    line("  frame, max", f"{max(frames):.1f} ms", f"{sum(f > 16.7 for f in frames)} frames over 16.7 ms")
    line("  SQL page reads (200 rows each)", f"{fetches[0]:,}", f"pages cached at the end: {len(model.cached_pages())}")
    wait_until(lambda: not getattr(model, "loading", lambda: False)())

    model.refresh()
    table.scrollToTop()
    table.viewport().repaint()
    t = time.perf_counter()
    table.scrollToBottom()
    table.viewport().repaint()
    line("scrollToBottom from the top + last page read + repaint", f"{ms(time.perf_counter() - t):.1f} ms")

    import random

    rng = random.Random(3)
    drags = []
    for _ in range(jumps):
        t = time.perf_counter()
        bar.setValue(rng.randrange(bar.maximum() + 1))
        table.viewport().repaint()
        drags.append(ms(time.perf_counter() - t))
    line(f"scrollbar dragged to {jumps} random places, p50 / p95", f"{pct(drags, 50):.1f} / {pct(drags, 95):.1f} ms")
    line("  max", f"{max(drags):.1f} ms")
    wait_until(lambda: not getattr(model, "loading", lambda: False)())
    service.rows = fetch


# -- main ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Build the vault, then measure launch, unlock, search and scrolling."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10 000 participants, fewer repetitions")
    parser.add_argument("--searches", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stalls-only", action="store_true", help="only the GUI-thread stalls (skip launch, unlock)")
    args = parser.parse_args(argv)
    n = 10_000 if args.quick else args.participants
    searches = min(args.searches, 15) if args.quick else args.searches
    runs = 2 if args.quick else 3
    with tempfile.TemporaryDirectory(prefix="dmi-ui-bench-") as name:
        tmp = Path(name)
        os.environ["DMI_HOME"] = str(tmp / "home")  # settings and logs of this run stay in the temp folder
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
        print(f"DMI Desktop UI benchmark — {n:,} participants, offscreen (Python {sys.version.split()[0]})")
        folder = tmp / "vault"
        key, terms, kdf = build_vault(folder, n, args.seed, load_vault_benchmark())
        if args.stalls_only:
            run_stalls(folder, key, terms)
        else:
            run(folder, tmp, key, terms[:searches], kdf, runs, jumps=20 if args.quick else 50)


def silence_boxes() -> None:
    """Nothing may wait for a click."""
    for name in ("warning", "critical", "information", "question"):
        setattr(QMessageBox, name, staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.No))


def stall_terms(terms: list[str]) -> list[str]:
    """A few realistic searches and a broad one, typed key by key."""
    return [*terms[:4], BROAD_TERMS[1]]


def run_stalls(folder: Path, key: bytes, terms: list[str]) -> None:
    """Only the GUI-thread stalls: open the vault (known key), then every list action."""
    silence_boxes()
    _elapsed, _app, (_settings, _translations, shell) = launch_in_process(folder)
    unlock_to_first_page(shell, folder, key)
    shell.window.resize(WINDOW)
    shell.window.show()
    area = shell.window.area_widgets["participants"]
    QApplication.processEvents()
    load_vault_benchmark("stalls").measure_stalls(area, stall_terms(terms), line)
    close_shell(shell)


def run(folder: Path, tmp: Path, key: bytes, terms: list[str], kdf: float, runs: int, jumps: int) -> None:
    """The measurements, printed as they are taken."""
    silence_boxes()
    cold = launch_in_subprocess(folder, tmp, runs)
    print("\nLaunch")
    line(
        f"process start -> unlock dialog visible (subprocess, median of {len(cold)})",
        f"{ms(statistics.median(cold)):.0f} ms",
    )
    in_process, _app, (settings, translations, shell) = launch_in_process(folder)
    line(
        "QApplication created -> unlock dialog painted (in process)", f"{ms(in_process):.0f} ms", "imports done before"
    )

    print(f"\nUnlock -> first table page painted (KDF alone: {ms(kdf):.0f} ms)")
    for label, use_key in (("with the KDF (real passphrase)", None), ("without the KDF (known key)", key)):
        results = []
        for _ in range(runs):
            results.append(unlock_to_first_page(shell, folder, use_key))
            close_shell(shell)
            shell = fresh_shell(settings, translations)
        line(f"{label}: main window shown, median", f"{ms(statistics.median(r[0] for r in results)):.0f} ms")
        line(f"{label}: first page painted, median", f"{ms(statistics.median(r[1] for r in results)):.0f} ms")

    unlock_to_first_page(shell, folder, key)
    shell.window.resize(WINDOW)
    shell.window.show()
    area = shell.window.area_widgets["participants"]
    QApplication.processEvents()
    measure_search(area, terms)
    measure_scroll(area, jumps)
    load_vault_benchmark("stalls").measure_stalls(area, stall_terms(terms), line)
    close_shell(shell)


if __name__ == "__main__":
    main()
