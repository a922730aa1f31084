"""The demo vault: realistic, reproducible Chilean files (Faker es_CL) written through the participant service."""

from __future__ import annotations

import itertools
import logging
import random
import shutil
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from faker import Faker

from dmi_desktop.domain.errors import DmiError
from dmi_desktop.domain.models import Decision, ReferralKind, ReferralStatus
from dmi_desktop.domain.rut import rut_check_digit
from dmi_desktop.domain.status import Status
from dmi_desktop.services import demo_data as data
from dmi_desktop.services.build_aside import build_aside
from dmi_desktop.services.changes import ChangeBus, ChangeKind, Changes
from dmi_desktop.services.demo_data import ROUTES, Event, PersonPlan, add_months, final_states, pick
from dmi_desktop.services.organisation import OrganisationService
from dmi_desktop.services.paths import DEMO_PASSPHRASE, DEMO_USER, demo_vault
from dmi_desktop.services.session import Session
from dmi_desktop.services.tabular import tr
from dmi_desktop.storage.keyslots import KdfParams
from dmi_desktop.storage.vault import DB_NAME, KEYS_NAME, is_vault

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


DEMO_CHUNK = 200  # people written together: a few statements per table per chunk, bounded memory


class DemoCancelled(DmiError):
    """The user stopped the demo build; nothing was written."""


# -- one person ------------------------------------------------------------------------------------


class PersonFactory:
    """Draws people from one seed: the same seed gives the same names, RUTs and routes."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - reproducible fake data, not secrets
        self.fake = Faker("es_CL")
        self.fake.seed_instance(seed)
        self.today = today
        self.used_ruts: set[int] = set()

    def person(self, final: Status) -> PersonPlan:
        """A participant whose file ends in ``final``, with dates that fit before today."""
        rng = self.rng
        route = pick(rng, ROUTES[final])
        gaps = [rng.randint(*data.GAPS.get((a, b), data.DEFAULT_GAP)) for a, b in itertools.pairwise(route)]
        expiry_months = 18 if final is Status.COMPLETED or rng.random() < 0.6 else 36
        if final is Status.COMPLETED:  # completion comes when the banked period ends
            banked_days = sum(gaps[route.index(Status.ELIGIBLE) : -1])
            gaps[-1] = max(30, expiry_months * 31 - banked_days + rng.randint(0, 20))
        tail = rng.randint(14, 300) if final is Status.MONITORING else rng.randint(0, 30)
        span = sum(gaps) + tail
        start = self.today - timedelta(days=span)
        days = [start]
        for gap in gaps:
            days.append(days[-1] + timedelta(days=gap))
        # Call-ins are for people aged 16 or more: a summons long ago means an older person today.
        since_summons = (self.today - days[route.index(Status.SUMMONED)]).days if Status.SUMMONED in route else 0
        fields = self._identity(rng, final, 16 + -(-since_summons // 365))
        events = self._events(rng, fields, route, days, expiry_months)
        return PersonPlan(fields, events)

    def _identity(self, rng: random.Random, final: Status, youngest: int) -> dict[str, Any]:
        fake = self.fake
        sex = "F" if rng.random() < 0.18 else "M"
        first = fake.first_name_female if sex == "F" else fake.first_name_male
        nombres = first()
        if rng.random() < 0.55:
            second = first()
            if second != nombres:
                nombres = f"{nombres} {second}"
        paterno, materno = fake.last_name(), fake.last_name() if rng.random() < 0.97 else ""
        if rng.random() < 0.05:
            age = rng.randint(16, 17)
        else:
            age = rng.randint(*pick(rng, {(18, 24): 45, (25, 34): 40, (35, 45): 15}))
        age = max(age, youngest)
        birth = self.today - timedelta(days=age * 365 + age // 4 + rng.randint(1, 360))
        alias = ""
        if rng.random() < 0.4:
            alias = rng.choice(data.ALIASES_FEMALE if sex == "F" else data.ALIASES_MALE)
        no_rut_ok = final in (Status.IDENTIFIED, Status.UNDER_REVIEW, Status.DROPPED)
        rut = "" if no_rut_ok and rng.random() < 0.25 else self._rut(rng, age)
        sector = pick(rng, {name: w for name, (w, _streets) in data.SECTORS.items()})
        return {
            "nombres": nombres,
            "apellido_paterno": paterno,
            "apellido_materno": materno,
            "alias": alias,
            "rut": rut,
            "birth_date": birth,
            "sex": sex,
            "phone": self._phone(rng) if rng.random() < 0.9 else "",
            "address": self._address(rng, sector),
            "sector": sector,
        }

    def _rut(self, rng: random.Random, age: int) -> str:
        # RUT numbers grow with the birth year: about 23.6 million at 16, 14.6 million at 45.
        while True:
            body = 23_600_000 - (age - 16) * 310_000 + rng.randint(-400_000, 400_000)
            if body not in self.used_ruts:
                self.used_ruts.add(body)
                return f"{body}-{rut_check_digit(str(body))}"

    @staticmethod
    def _phone(rng: random.Random) -> str:
        return f"+56 9 {rng.randint(2000, 9999)} {rng.randint(0, 9999):04d}"

    @staticmethod
    def _address(rng: random.Random, sector: str) -> str:
        street = rng.choice(data.SECTORS[sector][1])
        if street.startswith("Pje."):
            return f"{street} {rng.randint(1, 150)}"
        number = rng.randint(100, 12_999)
        if sector in ("Colón Oriente", "Rotonda Atenas", "Quinchamalí") and rng.random() < 0.4:
            return f"{street} {number}, block {rng.randint(1, 40)}, depto. {rng.randint(1, 4)}{rng.randint(1, 8):02d}"
        return f"{street} {number}"

    def _influentials(self, rng: random.Random, person: dict[str, Any], visited: date | None) -> list[Event]:
        fake, out = self.fake, []
        relationships = {k: w for k, (w, _s, _n) in data.RELATIONSHIPS.items()}
        for i in range(rng.choice((1, 1, 2, 2, 2, 3))):
            rel = pick(rng, relationships)
            relationships.pop(rel)
            _weight, sex, shares = data.RELATIONSHIPS[rel]
            sex = sex or ("F" if person["sex"] == "M" else "M")
            name = fake.first_name_female() if sex == "F" else fake.first_name_male()
            if shares in ("paterno", "both"):
                paterno = person["apellido_paterno"]
            elif shares == "materno" and person["apellido_materno"]:
                paterno = person["apellido_materno"]  # a mother's first surname is her child's second
            else:
                paterno = fake.last_name()
            shared_materno = person["apellido_materno"] if shares == "both" else ""
            materno = shared_materno or fake.last_name()
            home = rel in ("madre", "padre", "hermana", "hermano", "abuela") and rng.random() < 0.6
            out.append(
                Event(
                    "record",
                    table="influentials",
                    fields={
                        "name": f"{name} {paterno} {materno}",
                        "relationship": rel,
                        "phone": self._phone(rng) if rng.random() < 0.85 else "",
                        "address": person["address"] if home else self._address(rng, person["sector"]),
                        "visited_on": visited if (visited and i == 0) or (visited and rng.random() < 0.5) else None,
                        "notes": "",
                    },
                )
            )
        return out

    def _events(
        self, rng: random.Random, person: dict[str, Any], route: list[Status], days: list[date], expiry: int
    ) -> list[Event]:
        today = self.today
        visited = days[route.index(Status.FAMILY_CONTACTED)] if Status.FAMILY_CONTACTED in route else None
        events = self._influentials(rng, person, visited)
        events.append(self._note(rng, Status.IDENTIFIED))
        for i, (state, day) in enumerate(zip(route[1:], days[1:], strict=True), start=1):
            prev = route[i - 1]
            if prev is Status.UNDER_REVIEW:
                events.append(self._review(rng, state, day))
            if state is Status.ELIGIBLE:
                events.append(self._banked_case(rng, day, expiry))
            if state is Status.ENROLLED:
                events.extend(self._referrals(rng, route, day, days[-1], person))
            if state is Status.VIOLATION:
                what = f"{rng.choice(data.VIOLATION_DESCRIPTIONS)} {person['sector']}"
                events.append(
                    Event(
                        "record", table="violations", fields={"day": day, "description": what, "case_activated": False}
                    )
                )
            if state is Status.CASE_ACTIVATED and prev is Status.VIOLATION:
                events.append(Event("activate_violation"))
            events.append(Event("status", target=state, reason=rng.choice(data.REASONS[state])))
            if state in data.NOTES_BY_STATE and rng.random() < 0.5:
                events.append(self._note(rng, state))
            if state is Status.SUMMONED and (today - person["birth_date"]).days < 18 * 365:
                events.append(self._text_note("Menor de edad: la madre firmó la autorización para la reunión."))
            if state is Status.MONITORING:
                until = days[i + 1] if i + 1 < len(days) else today
                events.extend(self._checkins(rng, day, until))
        return events

    def _review(self, rng: random.Random, outcome: Status, day: date) -> Event:
        decision = {Status.ELIGIBLE: Decision.ELIGIBLE, Status.NOT_ELIGIBLE: Decision.NOT_ELIGIBLE}.get(
            outcome, Decision.DROPPED
        )
        violent = decision is Decision.NOT_ELIGIBLE and rng.random() < 0.6
        leader = decision is Decision.NOT_ELIGIBLE and not violent
        active = decision is not Decision.DROPPED or rng.random() < 0.5
        evidence = decision is not Decision.DROPPED or not active
        rationale = {
            Decision.ELIGIBLE: "Vendedor de bajo nivel, sin antecedentes de violencia; evidencia suficiente.",
            Decision.NOT_ELIGIBLE: "Antecedentes de porte de arma." if violent else "Organiza la venta en el sector.",
            Decision.DROPPED: "Ya no vende en el sector." if not active else "Evidencia insuficiente.",
        }[decision]
        return Event(
            "record",
            table="eligibility_reviews",
            fields={
                "violence_or_weapons": violent,
                "leadership_role": leader,
                "still_active": active,
                "enough_evidence": evidence,
                "decision": decision,
                "rationale": rationale,
                "reviewer": rng.choice(data.REVIEWERS),
                "review_date": day,
            },
        )

    @staticmethod
    def _banked_case(rng: random.Random, day: date, months: int) -> Event:
        first_buy = day - timedelta(days=rng.randint(40, 150))
        second_buy = first_buy + timedelta(days=rng.randint(7, 30))
        body = f"{day.year % 100:02d}{rng.randint(0, 99_999_999):08d}"
        return Event(
            "record",
            table="banked_cases",
            fields={
                "ruc": f"{body}-{rut_check_digit(body)}",
                "investigating_unit": rng.choice(data.INVESTIGATING_UNITS),
                "buy_dates": [first_buy, second_buy],
                "banked_on": day,
                "expires_on": add_months(day, months),
                "description": rng.choice(data.BANKED_DESCRIPTIONS),
            },
        )

    def _referrals(
        self, rng: random.Random, route: list[Status], day: date, last: date, person: dict[str, Any]
    ) -> list[Event]:
        kinds = dict(data.REFERRAL_WEIGHTS)
        out = []
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            kind = pick(rng, kinds)
            kinds.pop(kind)
            appointment = day + timedelta(days=rng.randint(3, 30))
            ended = None
            if appointment > self.today:
                status = ReferralStatus.PENDING
            elif route[-1] is Status.COMPLETED:
                status, ended = ReferralStatus.COMPLETED, min(last, self.today)
            elif route[-1] is Status.CASE_ACTIVATED or rng.random() < 0.1:
                status, ended = ReferralStatus.DECLINED, min(appointment + timedelta(days=rng.randint(7, 60)), last)
            else:
                status = ReferralStatus.ACTIVE if rng.random() < 0.8 else ReferralStatus.SCHEDULED
            if ended is not None and ended < appointment:
                ended = appointment
            fields = {
                "kind": kind,
                "provider": rng.choice(data.PROVIDERS[kind]),
                "status": status,
                "referred_on": day,
                "first_appointment": appointment,
                "ended_on": ended if ended and ended <= self.today else None,
                "notes": "Con consentimiento informado." if kind is ReferralKind.TREATMENT else "Deriva el equipo.",
            }
            out.append(Event("record", table="referrals", fields=fields))
        return out

    def _checkins(self, rng: random.Random, start: date, until: date) -> list[Event]:
        # Every week or two for the first three months, then about monthly.
        out, day = [], start + timedelta(days=rng.randint(3, 14))
        while day <= min(until, self.today):
            out.append(
                Event(
                    "record",
                    table="checkins",
                    fields={
                        "day": day,
                        "method": rng.choice(data.CHECKIN_METHODS),
                        "notes": rng.choice(data.CHECKIN_NOTES),
                        "recorded_by": rng.choice(data.TEAM),
                    },
                )
            )
            early = (day - start).days < 90
            day += timedelta(days=rng.choice((7, 14, 14)) if early else rng.randint(25, 35))
        return out

    def _note(self, rng: random.Random, state: Status) -> Event:
        return self._text_note(rng.choice(data.NOTES_BY_STATE[state]), rng.choice(data.TEAM))

    @staticmethod
    def _text_note(body: str, author: str = data.TEAM[0]) -> Event:
        return Event("record", table="notes", fields={"body": body, "author": author})


def plan_people(n: int, seed: int, today: date | None = None) -> list[PersonPlan]:
    """The demo population as plans (pure: nothing written); same seed, same people."""
    factory = PersonFactory(seed, today or date.today())
    return [factory.person(final) for final in final_states(n, factory.rng)]


# -- writing ---------------------------------------------------------------------------------------


def populate_demo(
    session: Session,
    *,
    participants: int = 300,
    seed: int = 2026,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Add ``participants`` demo files through the participant service, in one transaction; return how many.

    Files are written through the batched path the importer uses (validation, stamps, the life cycle checked
    move by move, the status history with reasons), DEMO_CHUNK people at a time, and audited as one batch
    entry naming every file; one outer transaction makes it all or nothing.
    """
    session.require_coordinator("generar datos de demostración")
    started = time.perf_counter()
    plans = plan_people(max(0, participants), seed)
    ids: list[str] = []
    done = 0

    def person_done() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(plans))
        if done < len(plans) and cancelled is not None and cancelled():
            raise DemoCancelled(tr("se canceló la creación de la demostración; no se guardó nada", "demo cancelled"))

    if cancelled is not None and cancelled():
        raise DemoCancelled(tr("se canceló la creación de la demostración; no se guardó nada", "demo cancelled"))
    # Each service call announces its own change; listeners get one BULK notice after the commit instead.
    real_bus, session.bus = session.bus, ChangeBus()
    try:
        batch = session.batch("demo.populate", "demo", participants=len(plans), seed=seed)
        with session.write("generar datos de demostración"), batch:
            for start in range(0, len(plans), DEMO_CHUNK):
                chunk = plans[start : start + DEMO_CHUNK]
                ids.extend(_write_files(session, chunk))
                for _plan in chunk:
                    person_done()
    finally:
        session.bus = real_bus
    session.publish(Changes("participant", ChangeKind.BULK, tuple(ids)))
    log.info("demo data: %d participants in %.1f s", len(ids), time.perf_counter() - started)
    return len(ids)


def _write_files(session: Session, plans: list[PersonPlan]) -> list[str]:
    """Some participants and the records of their files, through the batched service calls; returns the ids.

    A violation that later activates the banked case is written activated (what the file holds at the end),
    so no edit entry of its own is needed in the audit.
    """
    service = session.participants
    taken = service.rut_owners([p.fields["rut"] for p in plans if p.fields.get("rut")])
    files = []
    for plan in plans:
        fields = dict(plan.fields)
        if fields.get("rut") in taken:
            fields["rut"] = ""  # a person already in this vault holds the RUT: leave it out rather than fail
        moves = [(e.target, e.reason) for e in plan.events if e.kind == "status" and e.target is not None]
        if moves:  # past identification someone handles the file: the demo's user, so "mis casos" shows them
            fields["caseworker"] = session.user
        files.append((fields, moves))
    created = service.create_with_history(files)
    records: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for plan, person in zip(plans, created, strict=True):
        activated = any(e.kind == "activate_violation" for e in plan.events)
        for event in plan.events:
            if event.kind != "record":
                continue
            fields = dict(event.fields)
            if event.table == "violations" and activated:
                fields["case_activated"] = True
            records.setdefault(event.table, []).append((person.id, fields))
    for table, rows in records.items():
        service.add_records(table, rows)
    return [p.id for p in created]


def create_demo_vault(
    folder: Path,
    *,
    participants: int = 300,
    seed: int = 2026,
    passphrase: str = DEMO_PASSPHRASE,
    user: str = DEMO_USER,
    unlock_seconds: float = 0.5,
    kdf: KdfParams | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> str:
    """Create a vault at ``folder`` full of demo data, close it, and return its recovery key."""
    folder = Path(folder)
    existed = folder.exists()
    session, recovery = Session.create(
        folder,
        user=user,
        passphrase=passphrase,
        organisation=data.ORGANISATION,
        device_code=data.DEVICE_CODE,
        kdf=kdf,
        unlock_seconds=unlock_seconds,
    )
    try:
        OrganisationService(session).update(
            organisation=data.ORGANISATION, programme=data.PROGRAMME, address=data.ADDRESS
        )
        populate_demo(session, participants=participants, seed=seed, progress=progress, cancelled=cancelled)
        # Written in one go, the file's pages are part-filled where indexes split; a new vault has nothing to
        # keep in its free pages, so it is rewritten packed (3 % smaller: README, "Vault size").
        session.vault.db.execute("VACUUM")
    except BaseException:
        session.close()
        _remove_vault(folder, existed)
        raise
    session.close()
    return recovery


def build_demo_vault(folder: Path, **options: Any) -> str:
    """Create the demo vault at ``folder`` as :func:`create_demo_vault` does, but built aside and moved into place
    at the end: a killed ``demo`` leaves no half-made vault there (the next one discards its leftover)."""
    folder = Path(folder)
    if has_vault_files(folder):
        raise DmiError(tr(f"ya existe una bóveda en {folder}", f"a vault already exists in {folder}"))
    return build_aside(folder, lambda scratch: create_demo_vault(scratch, **options))


def ensure_demo_vault(
    folder: Path | None = None,
    *,
    participants: int = 300,
    kdf: KdfParams | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """The demo vault's folder, creating it on first use (built aside, then moved in place in one step)."""
    folder = Path(folder) if folder is not None else demo_vault()
    if is_vault(folder):
        return folder
    if folder.exists() and any(folder.iterdir()):
        raise DmiError(
            tr(
                f"la carpeta {folder} no está vacía y no contiene una bóveda",
                f"{folder} is not empty and holds no vault",
            )
        )
    options = {"participants": participants, "kdf": kdf, "progress": progress, "cancelled": cancelled}
    try:
        build_aside(folder, lambda scratch: create_demo_vault(scratch, **options))
    except OSError:
        if is_vault(folder):  # another window built it at the same time
            return folder
        raise DmiError(
            tr(f"no se pudo crear la bóveda de demostración en {folder}", f"cannot create {folder}")
        ) from None
    return folder


def has_vault_files(folder: Path) -> bool:
    """Either file of a vault in ``folder`` (a damaged half-vault counts: it is never built over)."""
    return (folder / DB_NAME).exists() or (folder / KEYS_NAME).exists()


def _remove_vault(folder: Path, existed: bool) -> None:
    """Undo a half-built demo vault: the folder if we made it, else only the files a vault consists of."""
    if not existed:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for name in ("vault.db", "vault.db-wal", "vault.db-shm", "vault.keys", "vault.lock"):
        (folder / name).unlink(missing_ok=True)
    shutil.rmtree(folder / "backups", ignore_errors=True)
