"""Typed objects of the output contract (docs: docs/record.md): Actor, Place, Event, Statement.

These are what the extraction stages put on ``Document.actors/places/events/statements``;
:mod:`hadath.record` turns them into the JSON article record of CONTRACT.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hadath.document import Span


@dataclass(slots=True)
class Actor:
    """An actor as the contract defines it; ``span`` is the mention it was read from."""

    name: str
    name_ar: str | None = None
    inter: int | None = None
    country: str | None = None  # ISO3
    wikidata: str | None = None
    id: str | None = None
    role: str | None = None  # for persons: "Governor of Erbil"
    kind: str | None = None  # person | organisation | state_force | armed_group | civilians | ...
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "name": self.name,
            "name_ar": self.name_ar,
            "inter": self.inter,
            "country": self.country,
            "wikidata": self.wikidata,
            "id": self.id,
        }
        if self.role:
            d["role"] = self.role
        return d


@dataclass(slots=True)
class Place:
    """A resolved place mention (contract Place) with its evidence span."""

    name: str
    name_ar: str | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    gazetteer_id: str | None = None
    feature: str | None = None  # city | village | admin1 | admin2 | admin3 | country | region ...
    span: Span | None = None
    note: str | None = None
    admin1_alt: list[str] = field(default_factory=list)
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "name": self.name,
            "name_ar": self.name_ar,
            "country": self.country,
            "iso3": self.iso3,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "admin3": self.admin3,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "gazetteer_id": self.gazetteer_id,
        }
        if self.admin1_alt:
            d["admin1_alt"] = list(self.admin1_alt)
        if self.note:
            d["note"] = self.note
        return d


@dataclass(slots=True)
class CasualtyGroup:
    group: Actor
    killed: int | None = None
    injured: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group.to_dict(), "killed": self.killed, "injured": self.injured}


@dataclass(slots=True)
class Event:
    """One incident, coded ACLED/PLOVER/CAMEO style, with evidence per field."""

    id: str
    event_type: str
    sub_event_type: str
    disorder_type: str
    plover_event: str | None = None
    plover_mode: str | None = None
    cameo_root: str | None = None
    event_date: str | None = None
    time_precision: int | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actor_1: list[Actor] = field(default_factory=list)
    assoc_actor_2: list[Actor] = field(default_factory=list)
    inter1: int | None = None
    inter2: int | None = None
    interaction: str | None = None
    civilian_targeting: bool = False
    location: Place | None = None
    fatalities: int | None = None
    injured: int | None = None
    casualties_by_group: list[CasualtyGroup] = field(default_factory=list)
    status: str = "reported"
    notes: str = ""
    confidence: float = 0.5
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    source_statement: str | None = None
    main: bool = False
    weapon: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "main": self.main,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "disorder_type": self.disorder_type,
            "plover": {"event": self.plover_event, "mode": self.plover_mode},
            "cameo_root": self.cameo_root,
            "event_date": self.event_date,
            "time_precision": self.time_precision,
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "assoc_actor_1": [a.to_dict() for a in self.assoc_actor_1],
            "assoc_actor_2": [a.to_dict() for a in self.assoc_actor_2],
            "inter1": self.inter1,
            "inter2": self.inter2,
            "interaction": self.interaction,
            "civilian_targeting": self.civilian_targeting,
            "location": self.location.to_dict() if self.location else None,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "casualties_by_group": [c.to_dict() for c in self.casualties_by_group],
            "status": self.status,
            "notes": self.notes,
            "confidence": round(self.confidence, 3),
            "weapon": self.weapon,
            "evidence": {k: [s.to_dict() for s in v] for k, v in self.evidence.items()},
            "source_statement": self.source_statement,
        }


@dataclass(slots=True)
class Statement:
    """A quotation, reported speech or embedded post, with its resolved speaker."""

    id: str
    speaker: Actor | None
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None = None
    cue_span: Span | None = None
    stance: str = "other"
    platform: str | None = None
    handle: str | None = None
    posted: str | None = None
    event_ids: list[str] = field(default_factory=list)
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "direct": self.direct,
            "cue": self.cue,
            "stance": self.stance,
            "platform": self.platform,
            "handle": self.handle,
            "posted": self.posted,
            "event_ids": list(self.event_ids),
            "confidence": round(self.confidence, 3),
        }
