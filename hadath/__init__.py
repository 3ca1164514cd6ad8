"""hadath: Arabic news to structured, geolocated, evidence-linked conflict-event data."""

from __future__ import annotations

__version__ = "0.1.0"

from hadath.document import Document, Span  # noqa: E402

__all__ = ["Document", "Span", "__version__", "process"]


def process(text: str, **meta: object) -> dict:
    """Run the default pipeline on one text and return its article record (a dict)."""
    from hadath.pipeline import get_pipeline
    from hadath.record import to_record

    doc = Document(text=text, **meta)  # type: ignore[arg-type]
    return to_record(get_pipeline()(doc))
