"""Root fixtures: paths to ../shared (skipped when absent) and a processed-document helper."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="run slow tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared_dir: Path) -> str:
    files = sorted((shared_dir / "seed").glob("*.txt"))
    if not files:
        pytest.skip("no seed article")
    return files[0].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pipeline():
    from hadath.pipeline import build_pipeline

    return build_pipeline()


def assert_offsets(doc) -> None:  # noqa: ANN001
    """Every annotation's text equals the original text at its offsets."""
    for layer in ("paragraphs", "sentences", "tokens", "numbers", "times", "entities"):
        for a in getattr(doc, layer):
            assert doc.text[a.start : a.end] == a.text, (layer, a)
    for t in doc.tokens:
        assert t.start <= t.stem_start <= t.stem_end <= t.end
    for p in doc.places:
        if p.span is not None:
            assert doc.text[p.span.start : p.span.end] == p.span.text
    for a in doc.actors:
        if a.span is not None:
            assert doc.text[a.span.start : a.span.end] == a.span.text
    for e in doc.events:
        for spans in e.evidence.values():
            for s in spans:
                assert doc.text[s.start : s.end] == s.text, (e.id, s)
    for s in doc.statements:
        assert doc.text[s.start : s.end] == s.text
