"""The article record (CONTRACT.md, ``hadath.article/1``): typed models, JSON Schema, and
conversion to and from a processed :class:`~hadath.document.Document`.

``to_record(doc)`` is what ``hadath extract`` writes; ``from_record(record, text)`` rebuilds a
Document (with its entities, events and statements) from a record and the original text.
The JSON Schema in ``hadath/schema/article.schema.json`` is generated from :class:`ArticleRecord`
by ``python -m hadath.record`` and checked by the tests; docs/record.md explains each field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from hadath import __version__
from hadath.document import Document, Entity, NumberMention, Span, TimeExpression
from hadath.model import Actor, CasualtyGroup, Event, Place, Statement

SCHEMA_ID = "hadath.article/1"
SCHEMA_PATH = Path(__file__).parent / "schema" / "article.schema.json"


# --------------------------------------------------------------------------- typed models
class _M(BaseModel):
    model_config = ConfigDict(extra="allow")


class SpanModel(_M):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class ActorModel(_M):
    name: str
    name_ar: str | None = None
    inter: int | None = Field(default=None, ge=1, le=8)
    country: str | None = None
    wikidata: str | None = None
    id: str | None = None
    role: str | None = None


class PlaceModel(_M):
    name: str
    name_ar: str | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: Literal[1, 2, 3] | None = None
    gazetteer_id: str | None = None


class CasualtyGroupModel(_M):
    group: ActorModel
    killed: int | None = None
    injured: int | None = None


class PloverModel(_M):
    event: str | None = None
    mode: str | None = None


class EventModel(_M):
    id: str
    event_type: str
    sub_event_type: str
    disorder_type: str
    plover: PloverModel
    cameo_root: str | None = None
    event_date: str | None = None
    time_precision: Literal[1, 2, 3] | None = None
    actor1: ActorModel | None = None
    actor2: ActorModel | None = None
    assoc_actor_1: list[ActorModel] = []
    assoc_actor_2: list[ActorModel] = []
    inter1: int | None = None
    inter2: int | None = None
    interaction: str | None = None
    civilian_targeting: bool = False
    location: PlaceModel | None = None
    fatalities: int | None = None
    injured: int | None = None
    casualties_by_group: list[CasualtyGroupModel] = []
    status: Literal["reported", "claimed", "alleged", "denied"] = "reported"
    notes: str = ""
    confidence: float = Field(ge=0, le=1)
    evidence: dict[str, list[SpanModel]]
    source_statement: str | None = None


class StatementModel(_M):
    id: str
    speaker: ActorModel | None = None
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None = None
    stance: Literal["condemn", "demand", "deny", "claim", "threaten", "support", "other"] = "other"
    platform: str | None = None
    handle: str | None = None
    posted: str | None = None
    event_ids: list[str] = []


class EntityModel(_M):
    id: str
    label: Literal["PER", "ORG", "LOC", "GPE", "FAC", "NORP"]
    text: str
    start: int
    end: int
    canonical: str | None = None
    ref: str | None = None


class ArticleModel(_M):
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    published_basis: Literal["metadata", "text", "retrieved"] | None = None
    retrieved: str | None = None
    language: str | None = None
    text_sha256: str


class NumberModel(_M):
    start: int
    end: int
    text: str
    value: float
    vague: bool = False
    qualifier: str | None = None
    kind: str = "cardinal"


class TimeModel(_M):
    start: int
    end: int
    text: str
    value: str | None = None
    precision: str = "day"
    kind: str = "date"
    time_of_day: str | None = None


class AnnotationsModel(_M):
    """hadath's documented extension: low-level annotations (numbers, temporal expressions)."""

    numbers: list[NumberModel] = []
    times: list[TimeModel] = []


class ArticleRecord(_M):
    """One line of ``hadath extract`` output."""

    schema_: Literal["hadath.article/1"] = Field(alias="schema")
    article: ArticleModel
    events: list[EventModel] = []
    statements: list[StatementModel] = []
    entities: list[EntityModel] = []
    warnings: list[str] = []
    annotations: AnnotationsModel | None = None
    pipeline: dict[str, Any] | None = None


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the article record."""
    schema = ArticleRecord.model_json_schema(by_alias=True)
    schema["$id"] = SCHEMA_ID
    schema["title"] = "hadath article record, version 1"
    return schema


# --------------------------------------------------------------------------- conversion
def _entity_dict(i: int, e: Entity) -> dict[str, Any]:
    return {
        "id": f"t{i + 1}",
        "label": e.label,
        "text": e.text,
        "start": e.start,
        "end": e.end,
        "canonical": e.canonical,
        "ref": e.ref,
    }


def to_record(doc: Document, *, pipeline_names: list[str] | None = None, include_text: bool = False) -> dict[str, Any]:
    """The contract record of a processed document."""
    article: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title,
        "source": doc.source,
        "url": doc.url,
        "published": doc.published,
        "published_basis": doc.published_basis,
        "retrieved": doc.retrieved,
        "language": doc.language,
        "text_sha256": doc.text_sha256,
    }
    if include_text:
        article["text"] = doc.text
    for k, v in doc.extra.items():
        article.setdefault(k, v)
    rec: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "article": article,
        "events": [e.to_dict() for e in doc.events],
        "statements": [s.to_dict() for s in doc.statements],
        "entities": [_entity_dict(i, e) for i, e in enumerate(doc.entities)],
        "warnings": list(doc.warnings),
        "annotations": {
            "numbers": [
                {"start": n.start, "end": n.end, "text": n.text, "value": n.value, "vague": n.vague,
                 "qualifier": n.qualifier, "kind": n.kind}
                for n in doc.numbers
            ],
            "times": [
                {"start": t.start, "end": t.end, "text": t.text, "value": t.value, "precision": t.precision,
                 "kind": t.kind, "time_of_day": t.time_of_day}
                for t in doc.times
            ],
        },
    }
    rec["pipeline"] = {"version": __version__, "stages": pipeline_names or list(doc.stage_times)}
    return rec


def _span(d: dict[str, Any] | None) -> Span | None:
    return Span(d["start"], d["end"], d["text"]) if d else None


def _actor(d: dict[str, Any] | None) -> Actor | None:
    if not d:
        return None
    return Actor(d["name"], d.get("name_ar"), d.get("inter"), d.get("country"), d.get("wikidata"), d.get("id"), d.get("role"))


def _place(d: dict[str, Any] | None) -> Place | None:
    if not d:
        return None
    keys = ("name", "name_ar", "country", "iso3", "admin1", "admin2", "admin3", "latitude", "longitude",
            "geo_precision", "gazetteer_id")
    p = Place(**{k: d.get(k) for k in keys})
    p.admin1_alt = list(d.get("admin1_alt") or [])
    p.note = d.get("note")
    return p


def from_record(record: dict[str, Any], text: str | None = None) -> Document:
    """Rebuild a Document from an article record (and its original text, when known)."""
    art = record["article"]
    text = text if text is not None else art.get("text", "")
    known = {"id", "title", "source", "url", "published", "published_basis", "retrieved", "language",
             "text_sha256", "text"}
    doc = Document(
        text=text or "",
        id=art.get("id") or "",
        title=art.get("title"),
        url=art.get("url"),
        source=art.get("source"),
        published=art.get("published"),
        published_basis=art.get("published_basis"),
        retrieved=art.get("retrieved"),
        language=art.get("language"),
        extra={k: v for k, v in art.items() if k not in known},
    )
    if text and art.get("text_sha256") and doc.text_sha256 != art["text_sha256"]:
        doc.warnings.append("text does not match the record's text_sha256")
    doc.warnings.extend(record.get("warnings", []))
    doc.entities = [
        Entity(e["start"], e["end"], e["text"], e["label"], e.get("canonical"), e.get("ref"))
        for e in record.get("entities", [])
    ]
    ann = record.get("annotations") or {}
    doc.numbers = [NumberMention(n["start"], n["end"], n["text"], n["value"], n.get("vague", False),
                                 n.get("qualifier"), n.get("kind", "cardinal")) for n in ann.get("numbers", [])]
    doc.times = [TimeExpression(t["start"], t["end"], t["text"], t.get("value"), t.get("precision", "day"),
                                t.get("kind", "date"), t.get("time_of_day")) for t in ann.get("times", [])]
    for e in record.get("events", []):
        ev = Event(
            id=e["id"], event_type=e["event_type"], sub_event_type=e["sub_event_type"],
            disorder_type=e["disorder_type"],
            plover_event=(e.get("plover") or {}).get("event"), plover_mode=(e.get("plover") or {}).get("mode"),
            cameo_root=e.get("cameo_root"), event_date=e.get("event_date"), time_precision=e.get("time_precision"),
            actor1=_actor(e.get("actor1")), actor2=_actor(e.get("actor2")),
            assoc_actor_1=[a for a in map(_actor, e.get("assoc_actor_1", [])) if a],
            assoc_actor_2=[a for a in map(_actor, e.get("assoc_actor_2", [])) if a],
            inter1=e.get("inter1"), inter2=e.get("inter2"), interaction=e.get("interaction"),
            civilian_targeting=bool(e.get("civilian_targeting")), location=_place(e.get("location")),
            fatalities=e.get("fatalities"), injured=e.get("injured"),
            casualties_by_group=[CasualtyGroup(_actor(c["group"]) or Actor("?"), c.get("killed"), c.get("injured"))
                                 for c in e.get("casualties_by_group", [])],
            status=e.get("status", "reported"), notes=e.get("notes", ""), confidence=e.get("confidence", 0.5),
            evidence={k: [s for s in map(_span, v) if s] for k, v in (e.get("evidence") or {}).items()},
            source_statement=e.get("source_statement"), main=bool(e.get("main")), weapon=e.get("weapon"),
        )
        doc.events.append(ev)
    for s in record.get("statements", []):
        doc.statements.append(Statement(
            id=s["id"], speaker=_actor(s.get("speaker")), text=s["text"], start=s["start"], end=s["end"],
            direct=s["direct"], cue=s.get("cue"), stance=s.get("stance", "other"), platform=s.get("platform"),
            handle=s.get("handle"), posted=s.get("posted"), event_ids=list(s.get("event_ids", [])),
            confidence=s.get("confidence", 0.5),
        ))
    return doc


def validate_record(record: dict[str, Any]) -> ArticleRecord:
    """Validate a record against the typed model (raises pydantic.ValidationError)."""
    return ArticleRecord.model_validate(record)


if __name__ == "__main__":  # regenerate the JSON Schema file
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
