"""Pipeline stages: small named functions of the Document, registered with what they need.

A stage is registered with :func:`stage`::

    @stage("tokens.clitic.v1", requires=("sentences",), assigns=("tokens",))
    def tokenize(doc: Document) -> Document: ...

Stages that load resources do it lazily and once per process (module-level caches), so the
CLI, the Python API, the web app and batch workers all share one :func:`get_pipeline`.
"""

from __future__ import annotations

import importlib
import signal
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from hadath.document import Document
from hadath.errors import Errors, PipelineError, StageTimeout

StageFn = Callable[[Document], Document]


@dataclass(frozen=True, slots=True)
class StageInfo:
    name: str  # versioned registry name, e.g. "tokens.clitic.v1"
    short: str  # short name used in configs and timings, e.g. "tokens"
    fn: StageFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


REGISTRY: dict[str, StageInfo] = {}

# Modules whose import registers the built-in stages, in default pipeline order.
_STAGE_MODULES = (
    "hadath.arabic.segment",
    "hadath.arabic.tokenize",
    "hadath.arabic.numbers",
    "hadath.arabic.dates",
    "hadath.extract.entities",
    "hadath.geo.geoparse",
    "hadath.extract.events",
    "hadath.extract.statements",
)

DEFAULT_STAGES: tuple[str, ...] = (
    "segment",
    "tokens",
    "numbers",
    "times",
    "pubdate",
    "entities",
    "places",
    "events",
    "statements",
)


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` as a pipeline stage under ``name`` (``short.impl.vN``)."""

    def deco(fn: StageFn) -> StageFn:
        short = name.split(".")[0]
        REGISTRY[short] = StageInfo(name, short, fn, tuple(requires), tuple(assigns))
        return fn

    return deco


def _load_builtin_stages() -> None:
    for mod in _STAGE_MODULES:
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:  # a stage module not written yet
            if exc.name != mod:
                raise


@dataclass
class Pipeline:
    """An ordered list of stages; call it on a Document."""

    stages: list[StageInfo]
    time_limit: float | None = None  # seconds per article (whole pipeline)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        deadline = time.perf_counter() + self.time_limit if self.time_limit else None
        current = ""
        try:
            with _time_limit(self.time_limit):
                for st in self.stages:
                    current = st.short
                    t0 = time.perf_counter()
                    doc = st.fn(doc)
                    dt_ = time.perf_counter() - t0
                    doc.stage_times[st.short] = dt_
                    self.timings[st.short] = self.timings.get(st.short, 0.0) + dt_
                    if deadline is not None and time.perf_counter() > deadline:
                        raise StageTimeout(Errors.E012.format(seconds=self.time_limit, stage=st.short))
        except _TimeUp:
            raise StageTimeout(Errors.E012.format(seconds=self.time_limit, stage=current)) from None
        return doc


class _TimeUp(BaseException):
    """Raised by the alarm handler. A BaseException, so a stage's ``except Exception`` cannot swallow it."""


@contextmanager
def _time_limit(seconds: float | None):  # type: ignore[no-untyped-def]
    """Interrupt a pathological article with SIGALRM (main thread on POSIX only)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    armed = [True]

    def handler(signum, frame):  # type: ignore[no-untyped-def]
        if armed[0]:
            raise _TimeUp

    old = signal.signal(signal.SIGALRM, handler)
    # re-fire every 50 ms: an exception raised inside a gc callback or __del__ is lost
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def build_pipeline(names: Iterable[str] | None = None, time_limit: float | None = None) -> Pipeline:
    """Build a pipeline from short stage names, checking that requirements are met."""
    _load_builtin_stages()
    wanted = list(names) if names is not None else [n for n in DEFAULT_STAGES if n in REGISTRY]
    stages: list[StageInfo] = []
    have: set[str] = {"text"}
    for n in wanted:
        if n not in REGISTRY:
            raise PipelineError(Errors.E010.format(name=n, known=", ".join(sorted(REGISTRY))))
        st = REGISTRY[n]
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise PipelineError(Errors.E009.format(stage=st.name, missing=", ".join(missing)))
        have.update(st.assigns)
        stages.append(st)
    return Pipeline(stages, time_limit=time_limit)


@lru_cache(maxsize=8)
def get_pipeline(names: tuple[str, ...] | None = None, time_limit: float | None = None) -> Pipeline:
    """A cached pipeline per process (load models once per worker)."""
    return build_pipeline(names, time_limit)
