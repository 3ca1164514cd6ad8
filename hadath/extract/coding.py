"""Coding of an incident: ACLED type and sub-type, disorder type, inter codes and interaction,
civilian targeting, PLOVER category and mode, CAMEO root; and the English ``notes`` sentence.

The ACLED → PLOVER/CAMEO correspondence is the data table
``hadath/data/events/acled_plover_cameo.tsv`` (documented in its README).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

#: ACLED's event types and their sub-event types (the 6 / 25 of the codebook)
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}
SUB_TO_TYPE = {sub: et for et, subs in ACLED_TYPES.items() for sub in subs}

#: ACLED inter codes
STATE, REBEL, MILITIA, IDENTITY, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = 1, 2, 3, 4, 5, 6, 7, 8
ARMED = frozenset({STATE, REBEL, MILITIA, IDENTITY, EXTERNAL})

_EXPLOSIVE = {
    "SUICIDE": "Suicide bomb", "CHEM": "Chemical weapon", "AIR": "Air/drone strike", "DRONE": "Air/drone strike",
    "GRENADE": "Grenade", "IED": "Remote explosive/landmine/IED", "EXPLOSION": "Remote explosive/landmine/IED",
    "SHELL": "Shelling/artillery/missile attack",
}
_ONE_SIDED = frozenset({"SHOOT", "ATTACK", "KILL", "ASSASSINATE", "EXECUTE", "INJURE", "SEXUAL"})
_REGAIN_WORDS = ("استعاد", "استعادت", "استعادوا", "استعاده", "حرر", "حررت", "حرروا", "تحرير", "يستعيد", "تستعيد", "يحرر", "انتزع", "انتزعت", "دحر", "طرد", "طردت")


@dataclass(frozen=True, slots=True)
class CodeRow:
    event_type: str
    sub_event_type: str
    method: str
    disorder_type: str
    plover_event: str | None
    plover_mode: str | None
    cameo_root: str | None
    cameo_code: str | None


@lru_cache(maxsize=1)
def coding_table() -> dict[tuple[str, str, str], CodeRow]:
    path = resources.files("hadath").joinpath("data/events/acled_plover_cameo.tsv")
    with path.open(encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    out: dict[tuple[str, str, str], CodeRow] = {}
    for r in csv.DictReader(lines, delimiter="\t"):
        row = CodeRow(
            r["event_type"], r["sub_event_type"], r["method"] or "*", r["disorder_type"],
            r["plover_event"] or None, r["plover_mode"] or None, r["cameo_root"] or None, r["cameo_code"] or None,
        )
        out[(row.event_type, row.sub_event_type, row.method)] = row
    return out


def lookup(event_type: str, sub_event_type: str, method: str | None) -> CodeRow | None:
    t = coding_table()
    return t.get((event_type, sub_event_type, method or "*")) or t.get((event_type, sub_event_type, "*"))


def _inter(actor: Any) -> int | None:
    if actor is None:
        return None
    v = getattr(actor, "inter", None)
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def decide_type(
    cls: str,
    classes: set[str],
    actor1: Any,
    actor2: Any,
    *,
    victims_civilian: bool = False,
    victims_armed: bool = False,
    trigger_words: tuple[str, ...] = (),
    killed: int | None = None,
) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) of an incident from its main trigger class and sides."""
    i1, i2 = _inter(actor1), _inter(actor2)
    if cls in _EXPLOSIVE:
        sub = _EXPLOSIVE[cls]
        if cls in ("SHELL", "EXPLOSION") and ({"AIR", "DRONE"} & classes):
            sub = "Air/drone strike"
        if cls in ("IED", "EXPLOSION") and "SUICIDE" in classes:
            sub = "Suicide bomb"
        return "Explosions/Remote violence", sub
    if cls == "TERR":
        regain = any(w in trigger_words for w in _REGAIN_WORDS)
        if i1 in (STATE, EXTERNAL) or (i1 is None and regain):
            return "Battles", "Government regains territory"
        if i1 in (REBEL, MILITIA, IDENTITY):
            return "Battles", "Non-state actor overtakes territory"
        return "Battles", "Government regains territory" if regain else "Non-state actor overtakes territory"
    if cls in ("PROTEST", "RIOT", "CROWD"):
        if cls == "RIOT" or ({"CLASH", "RIOT"} & classes):
            return "Riots", "Violent demonstration"
        if killed and (i2 == STATE or i1 == STATE):
            return "Protests", "Excessive force against protesters"
        if "CROWD" in classes:
            return "Protests", "Protest with intervention"
        return "Protests", "Peaceful protest"
    if cls == "ABDUCT":
        if i2 in ARMED and not victims_civilian:
            return "Battles", "Armed clash"
        return "Violence against civilians", "Abduction/forced disappearance"
    if cls == "SEXUAL":
        return "Violence against civilians", "Sexual violence"
    if cls == "ARREST":
        return "Strategic developments", "Arrests"
    if cls == "WITHDRAW":
        return "Strategic developments", "Non-violent transfer of territory"
    if cls == "LOOT":
        return "Strategic developments", "Looting/property destruction"
    if cls == "DISRUPT":
        return "Strategic developments", "Disrupted weapons use"
    if cls in ("CLASH", "STORM"):
        # «قتل شخصان في اشتباكات»: unspecified people killed in a clash do not make it one-sided
        if victims_civilian and not victims_armed and i2 not in ARMED:
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"
    # one-sided violence words: a clash when the other side is armed
    if i2 in ARMED or victims_armed:
        if i1 == CIVILIANS:
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"
    if i2 in (PROTESTERS, RIOTERS):
        return "Protests", "Excessive force against protesters"
    return "Violence against civilians", "Attack"


def interaction(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED interaction code: the two inter codes, lower first ("12"); "10" with one side."""
    if inter1 is None and inter2 is None:
        return None
    a = inter1 or 0
    b = inter2 or 0
    if a and b:
        lo, hi = sorted((a, b))
        return f"{lo}{hi}"
    return f"{a or b}0"


def civilian_targeting(event_type: str, actor2: Any, victims_civilian: bool) -> bool:
    """ACLED's rule: civilians are the target (all VAC events; explosions aimed at civilians)."""
    if event_type == "Violence against civilians":
        return True
    if event_type in ("Explosions/Remote violence", "Protests") and (_inter(actor2) == CIVILIANS or victims_civilian):
        return event_type == "Explosions/Remote violence"
    return False


# ----------------------------------------------------------------------------- notes
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")

_VERB = {
    "Armed clash": "clashed with",
    "Government regains territory": "regained control of territory from",
    "Non-state actor overtakes territory": "took control of territory from",
    "Air/drone strike": "carried out an air/drone strike on",
    "Shelling/artillery/missile attack": "shelled",
    "Remote explosive/landmine/IED": "attacked {target} with an explosive device",
    "Suicide bomb": "carried out a suicide bombing against",
    "Grenade": "threw a grenade at",
    "Chemical weapon": "used a chemical weapon against",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Sexual violence": "sexually assaulted",
    "Arrests": "arrested",
    "Peaceful protest": "demonstrated",
    "Protest with intervention": "demonstrated and were dispersed",
    "Excessive force against protesters": "used force against",
    "Violent demonstration": "rioted",
    "Mob violence": "attacked",
    "Looting/property destruction": "looted or destroyed property of",
    "Non-violent transfer of territory": "withdrew",
    "Disrupted weapons use": "seized or defused weapons",
    "Other": "acted",
}


def _date_words(iso: str | None, precision: int | None) -> str | None:
    if not iso:
        return None
    try:
        d = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None
    if precision == 3:
        return f"In {_MONTHS[d.month - 1]} {d.year}"
    if precision == 2:
        return f"Around {d.day} {_MONTHS[d.month - 1]} {d.year}"
    return f"On {d.day} {_MONTHS[d.month - 1]} {d.year}"


def _place_words(loc: Any) -> str | None:
    if loc is None:
        return None
    name = getattr(loc, "name", None)
    if not name:
        return None
    extra = [x for x in (getattr(loc, "admin1", None), getattr(loc, "country", None)) if x and x != name]
    return f"{name} ({', '.join(extra)})" if extra else name


def build_notes(ev: Any) -> str:
    """One English sentence from the coded fields of ``ev`` (a :class:`hadath.model.Event`)."""
    a1 = ev.actor1.name if ev.actor1 else None
    a2 = ev.actor2.name if ev.actor2 else None
    sub = ev.sub_event_type
    verb = _VERB.get(sub, "attacked")
    subj = a1 or ("Unidentified attackers" if ev.disorder_type == "Political violence" else "Unidentified actors")
    if sub in ("Peaceful protest", "Protest with intervention", "Violent demonstration", "Non-violent transfer of territory", "Disrupted weapons use", "Other"):
        core = f"{subj} {verb}"
        if sub == "Non-violent transfer of territory" and a2:
            core += f" in favour of {a2}"
    elif "{target}" in verb:
        core = f"{subj} {verb.format(target=a2 or 'a target')}"
    else:
        core = f"{subj} {verb} {a2}" if a2 else (f"{subj} {verb.rsplit(' ', 1)[0]}" if verb.endswith((" with", " on", " from", " against", " of", " at")) else f"{subj} {verb}")
    place = _place_words(ev.location)
    if place:
        core += f" in {place}"
    when = _date_words(ev.event_date, ev.time_precision)
    if when:
        s = f"{when}, {core[0].lower() + core[1:] if subj.startswith('Unidentified') else core}"
    else:
        s = core
    parts = []
    if ev.fatalities:
        k = f"killing {ev.fatalities} {'person' if ev.fatalities == 1 else 'people'}"
        civ = [c for c in ev.casualties_by_group if c.killed and c.group and str(c.group.name).startswith("Civilians")]
        if civ and civ[0].killed and civ[0].killed < ev.fatalities:
            k += f" including {civ[0].killed} {'civilian' if civ[0].killed == 1 else 'civilians'}"
        parts.append(k)
    elif ev.fatalities == 0:
        parts.append("with no fatalities reported")
    if ev.injured:
        parts.append(f"injuring {ev.injured}")
    if parts:
        s += ", " + " and ".join(parts)
    if ev.status == "claimed":
        s += " (claimed)"
    elif ev.status == "alleged":
        s += " (reported, unconfirmed)"
    return s + "."


def apply_coding(ev: Any, method: str | None) -> None:
    """Fill disorder type, PLOVER, CAMEO, inter codes, interaction and notes of ``ev`` in place."""
    row = lookup(ev.event_type, ev.sub_event_type, method)
    if row is not None:
        ev.disorder_type = row.disorder_type
        ev.plover_event = row.plover_event
        ev.plover_mode = row.plover_mode
        ev.cameo_root = row.cameo_root
    if method and ev.plover_event == "ASSAULT" and method in (
        "firearms", "explosives", "aerial", "drone", "heavy-weapons", "suicide-attack", "targeted", "abduct", "unconventional", "primitive",
    ):
        ev.plover_mode = method
    ev.inter1 = _inter(ev.actor1)
    ev.inter2 = _inter(ev.actor2)
    ev.interaction = interaction(ev.inter1, ev.inter2)
    ev.notes = build_notes(ev)
