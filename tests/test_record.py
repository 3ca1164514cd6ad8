import json

import jsonschema

from hadath import process
from hadath.document import Document
from hadath.pipeline import build_pipeline
from hadath.record import SCHEMA_PATH, from_record, json_schema, to_record, validate_record

TEXT = "أعلنت الشرطة مقتل ثلاثة أشخاص في انفجار عبوة ناسفة ببغداد يوم الأحد 5 مارس 2023."


def test_schema_file_is_current():
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == json.loads(json.dumps(json_schema()))


def test_record_validates_and_round_trips():
    doc = build_pipeline()(Document(text=TEXT, id="r1", published="2023-03-06", published_basis="metadata"))
    rec = to_record(doc)
    validate_record(rec)
    jsonschema.validate(rec, json_schema())
    back = from_record(rec, TEXT)
    assert back.id == "r1" and back.published == "2023-03-06"
    assert len(back.entities) == len(doc.entities)
    assert len(back.events) == len(doc.events)
    assert to_record(back)["events"] == rec["events"]
    assert to_record(back)["statements"] == rec["statements"]


def test_extract_api():
    rec = process(TEXT, id="api", published="2023-03-06")
    assert rec["article"]["id"] == "api"
    assert rec["schema"] == "hadath.article/1"
