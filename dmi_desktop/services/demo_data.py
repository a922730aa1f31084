"""Demo vault ingredients: Las Condes places, Chilean words and texts, and routes through the life cycle."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dmi_desktop.domain.models import ReferralKind
from dmi_desktop.domain.status import INITIAL_STATUS, TRANSITIONS, Status

ORGANISATION = "Municipalidad de Las Condes"
PROGRAMME = "Segunda Oportunidad"
ADDRESS = "Av. Apoquindo 3400, Las Condes, Santiago"
DEVICE_CODE = "DEMO"

# Sector -> (weight, streets). Colón Oriente is the target area of the programme, so it carries most files.
SECTORS: dict[str, tuple[int, tuple[str, ...]]] = {
    "Colón Oriente": (30, ("Av. Cristóbal Colón", "Fuenteovejuna", "Pje. Tres Pascualas", "Vital Apoquindo")),
    "Rotonda Atenas": (12, ("Av. Tomás Moro", "Atenas", "Av. Cristóbal Colón", "Pje. Esparta")),
    "Quinchamalí": (10, ("Quinchamalí", "Av. Paul Harris", "Pje. Los Pumas", "Av. Padre Hurtado Central")),
    "Colón Poniente": (10, ("Av. Cristóbal Colón", "Av. Manquehue Sur", "Hernando de Magallanes", "Sebastián Elcano")),
    "Los Dominicos": (8, ("Av. Los Dominicos", "Camino El Alba", "Av. Paul Harris", "Pje. Las Hualtatas")),
    "San Carlos de Apoquindo": (8, ("Camino Las Flores", "Av. Las Condes", "Pje. San Carlos", "Camino El Alba")),
    "Estadio": (7, ("Av. Francisco Bilbao", "Av. Alejandro Fleming", "Martín de Zamora", "Av. Tomás Moro")),
    "Apoquindo": (6, ("Av. Apoquindo", "Av. La Escuela", "Noruega", "Los Militares")),
    "Nueva Las Condes": (5, ("Av. Presidente Riesco", "Av. Manquehue Norte", "Cerro El Plomo")),
    "El Golf": (4, ("Av. Isidora Goyenechea", "Av. El Bosque Norte", "Av. Apoquindo")),
}

# fmt: off
ALIASES_MALE = (
    "El Flaco", "El Chico", "El Guatón", "El Pelao", "El Colorín", "El Chino", "El Cabezón", "El Rucio", "El Negro",
    "El Mono", "El Chascón", "El Cuervo", "El Tito", "El Pato", "El Gato", "El Cholo", "El Zorro", "El Pirata",
    "El Loco", "El Huaso", "El Cabro", "El Polaco",
)
# fmt: on
ALIASES_FEMALE = ("La Flaca", "La Negra", "La Chica", "La Rucia", "La Gata", "La Colorina", "La Chinita", "La Pelá")

# Relationship -> (weight, sex of the relative, which surname the relative shares with the participant).
RELATIONSHIPS: dict[str, tuple[int, str, str]] = {
    "madre": (30, "F", "materno"),
    "padre": (10, "M", "paterno"),
    "pareja": (14, "", ""),
    "hermana": (10, "F", "both"),
    "hermano": (7, "M", "both"),
    "abuela": (10, "F", ""),
    "tía": (6, "F", ""),
    "tío": (4, "M", ""),
    "padrino": (2, "M", ""),
    "entrenador de fútbol del club del barrio": (2, "M", ""),
    "pastor de su iglesia": (2, "M", ""),
    "profesora jefe": (2, "F", ""),
}

PROVIDERS: dict[ReferralKind, tuple[str, ...]] = {
    ReferralKind.EMPLOYMENT: ("OMIL Las Condes", "SENCE — programa +Capaz", "Fundación Emplea"),
    ReferralKind.PSYCHOLOGICAL: ("CESFAM Apoquindo", "CESFAM Aníbal Ariztía", "COSAM Las Condes"),
    ReferralKind.EDUCATION: (
        "Dirección de Educación Las Condes — exámenes libres",
        "CEIA Las Condes (nivelación de estudios)",
        "Fundación Súmate",
    ),
    ReferralKind.TREATMENT: ("SENDA Previene Las Condes", "COSAM Las Condes — programa ambulatorio"),
}
REFERRAL_WEIGHTS: dict[ReferralKind, int] = {
    ReferralKind.EMPLOYMENT: 40,
    ReferralKind.PSYCHOLOGICAL: 25,
    ReferralKind.EDUCATION: 20,
    ReferralKind.TREATMENT: 15,
}

INVESTIGATING_UNITS = ("Brigada MT-Cero PDI", "OS-7 Carabineros", "Brigada MT-Cero PDI", "SEBV Carabineros")
REVIEWERS = (
    "Fiscal adjunta Carolina Fuentes (Fiscalía Local de Las Condes)",
    "Fiscal adjunto Rodrigo Valenzuela (Fiscalía Local de Las Condes)",
    "Mesa de revisión Fiscalía–Municipalidad",
)
TEAM = ("Camila Rojas", "Felipe Soto", "Javiera Muñoz", "Matías Herrera", "Daniela Vergara")
CHECKIN_METHODS = ("office", "office", "office", "phone", "home_visit", "video")  # codes of CheckInMethod

# Final states of the demo files and how many of every hundred end there: most are enrolled or in monitoring,
# a few end in each terminal state, and every state of the life cycle is present.
FINAL_STATE_WEIGHTS: dict[Status, int] = {
    Status.IDENTIFIED: 5,
    Status.UNDER_REVIEW: 5,
    Status.ELIGIBLE: 4,
    Status.NOT_ELIGIBLE: 2,
    Status.REFERRED_TO_PROSECUTION: 5,
    Status.DROPPED: 5,
    Status.FAMILY_CONTACTED: 4,
    Status.SUMMONED: 5,
    Status.ATTENDED: 2,
    Status.NO_SHOW: 2,
    Status.EXCUSED: 2,
    Status.RESUMMONED: 2,
    Status.IN_CUSTODY: 2,
    Status.ENROLLED: 10,
    Status.DECLINED: 2,
    Status.MONITORING: 25,
    Status.COMPLETED: 9,
    Status.VIOLATION: 3,
    Status.CASE_ACTIVATED: 6,
}

# How likely a route through the life cycle takes each edge (unlisted edges weigh 1).
EDGE_WEIGHTS: dict[tuple[Status, Status], float] = {
    (Status.ELIGIBLE, Status.FAMILY_CONTACTED): 5,
    (Status.SUMMONED, Status.ATTENDED): 6,
    (Status.RESUMMONED, Status.ATTENDED): 3,
    (Status.ATTENDED, Status.ENROLLED): 6,
    (Status.DECLINED, Status.ENROLLED): 0.5,
}

# (min, max) days a move usually takes.
GAPS: dict[tuple[Status, Status], tuple[int, int]] = {
    (Status.IDENTIFIED, Status.UNDER_REVIEW): (5, 40),
    (Status.IDENTIFIED, Status.DROPPED): (20, 90),
    (Status.UNDER_REVIEW, Status.ELIGIBLE): (10, 60),
    (Status.UNDER_REVIEW, Status.NOT_ELIGIBLE): (10, 60),
    (Status.UNDER_REVIEW, Status.DROPPED): (10, 60),
    (Status.NOT_ELIGIBLE, Status.REFERRED_TO_PROSECUTION): (3, 20),
    (Status.ELIGIBLE, Status.FAMILY_CONTACTED): (7, 30),
    (Status.ELIGIBLE, Status.DROPPED): (20, 60),
    (Status.IN_CUSTODY, Status.RESUMMONED): (30, 120),
    (Status.IN_CUSTODY, Status.REFERRED_TO_PROSECUTION): (10, 40),
    (Status.ATTENDED, Status.ENROLLED): (0, 7),
    (Status.ATTENDED, Status.DECLINED): (0, 3),
    (Status.DECLINED, Status.ENROLLED): (7, 30),
    (Status.ENROLLED, Status.MONITORING): (7, 21),
}
DEFAULT_GAP = (7, 30)

REASONS: dict[Status, tuple[str, ...]] = {
    Status.UNDER_REVIEW: ("antecedentes enviados a la mesa de revisión con Fiscalía",),
    Status.ELIGIBLE: ("cumple criterios: bajo nivel, sin violencia, evidencia suficiente",),
    Status.NOT_ELIGIBLE: ("antecedentes de violencia o armas", "rol de liderazgo en la red de venta"),
    Status.REFERRED_TO_PROSECUTION: ("Fiscalía continúa la persecución penal",),
    Status.DROPPED: ("ya no está activo en el sector", "evidencia insuficiente"),
    Status.FAMILY_CONTACTED: ("visita domiciliaria a la familia con Carabineros",),
    Status.SUMMONED: ("citación entregada en mano",),
    Status.RESUMMONED: ("nueva citación para la próxima reunión",),
    Status.ATTENDED: ("asistió a la reunión de llamado",),
    Status.NO_SHOW: ("no se presentó a la reunión",),
    Status.EXCUSED: ("justificó su inasistencia (trabajo)", "justificó su inasistencia (salud)"),
    Status.IN_CUSTODY: ("privado de libertad por otra causa",),
    Status.ENROLLED: ("firmó el acuerdo del programa",),
    Status.DECLINED: ("no aceptó inscribirse en el programa",),
    Status.MONITORING: ("inicia seguimiento quincenal",),
    Status.COMPLETED: ("cumplió el período del caso en reserva sin incumplimientos",),
    Status.VIOLATION: ("nueva detención por venta de drogas",),
    Status.CASE_ACTIVATED: ("se activa el caso en reserva: antecedentes a Fiscalía",),
}

NOTES_BY_STATE: dict[Status, tuple[str, ...]] = {
    Status.IDENTIFIED: (
        "Identificado en el análisis de denuncias por venta de drogas del sector.",
        "Aparece en los informes de compras controladas del sector.",
    ),
    Status.SUMMONED: ("Se le explicó que no será detenido en la reunión y que puede venir acompañado.",),
    Status.ATTENDED: ("Asistió acompañado; escuchó los tres mensajes y pidió apoyo para buscar trabajo.",),
    Status.NO_SHOW: ("No se presentó a la reunión; la familia no sabe dónde está.",),
    Status.EXCUSED: ("Avisó por teléfono que no podía asistir; se le ofrecerá una nueva fecha.",),
    Status.IN_CUSTODY: ("Se encuentra en prisión preventiva por otra causa.",),
    Status.DECLINED: ("Dijo que no necesita el programa; se le recordó el caso en reserva.",),
    Status.MONITORING: (
        "Mantiene contacto regular con el equipo.",
        "Consiguió trabajo como ayudante de cocina.",
        "La madre relata que ya no pasa las noches en la plaza.",
        "Retomó los estudios vespertinos.",
    ),
    Status.COMPLETED: ("Egresó del programa; se entrega certificado de cumplimiento.",),
}

CHECKIN_NOTES = (
    "Sin novedades.",
    "Asiste puntualmente; buen ánimo.",
    "Comenta dificultades en el trabajo; se refuerza apoyo.",
    "Se confirma asistencia a su hora en el CESFAM.",
    "Sin novedades; la familia lo acompaña.",
    "Reprogramado por enfermedad; se comunica por teléfono.",
)
VIOLATION_DESCRIPTIONS = (
    "Detenido en flagrancia por venta de pasta base en el sector",
    "Nuevo parte por microtráfico (art. 4 Ley 20.000)",
    "Compra controlada positiva de la Brigada MT-Cero",
)
BANKED_DESCRIPTIONS = (
    "Microtráfico (art. 4 Ley 20.000); dos compras controladas",
    "Venta de marihuana y pasta base al menudeo; dos compras controladas",
    "Microtráfico en espacio público; compras controladas documentadas",
)


# -- plans and routes ------------------------------------------------------------------------------


@dataclass
class Event:
    """One thing that happens in a file, in order: a status change, a new record or a case activation."""

    kind: str  # "status" | "record" | "activate_violation"
    target: Status | None = None
    reason: str = ""
    table: str = ""
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class PersonPlan:
    """A demo participant: identity fields and the events of their file."""

    fields: dict[str, Any]
    events: list[Event]


# -- routes through the life cycle ---------------------------------------------------------------


def _routes() -> dict[Status, list[tuple[list[Status], float]]]:
    """Every simple path from the initial state to each state, with its likelihood (product of edge weights)."""
    routes: dict[Status, list[tuple[list[Status], float]]] = {s: [] for s in Status}

    def walk(path: list[Status], weight: float) -> None:
        routes[path[-1]].append((path, weight))
        for nxt in sorted(TRANSITIONS[path[-1]]):
            if nxt not in path:
                walk([*path, nxt], weight * EDGE_WEIGHTS.get((path[-1], nxt), 1.0))

    walk([INITIAL_STATUS], 1.0)
    return routes


ROUTES = _routes()


def final_states(n: int, rng: random.Random) -> list[Status]:
    """``n`` final states shared out by weight (largest remainder), every state present when n allows."""
    weights = FINAL_STATE_WEIGHTS
    total = sum(weights.values())
    exact = {s: n * w / total for s, w in weights.items()}
    counts = {s: int(v) for s, v in exact.items()}
    if n >= len(weights):
        counts = {s: max(1, c) for s, c in counts.items()}
    by_remainder = sorted(weights, key=lambda s: exact[s] - int(exact[s]), reverse=True)
    i = 0
    while sum(counts.values()) < n:
        counts[by_remainder[i % len(by_remainder)]] += 1
        i += 1
    while sum(counts.values()) > n:  # only when the minimum of one each overshot
        biggest = max(counts, key=lambda s: counts[s])
        counts[biggest] -= 1
    states = [s for s in Status for _ in range(counts.get(s, 0))]
    rng.shuffle(states)
    return states


def pick(rng: random.Random, weighted: dict[Any, int | float] | list[tuple[Any, float]]) -> Any:
    """One key (or first item) drawn by its weight."""
    items = list(weighted.items()) if isinstance(weighted, dict) else weighted
    return rng.choices([k for k, _ in items], weights=[w for _, w in items])[0]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (days past the 28th are kept on the 28th)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))
