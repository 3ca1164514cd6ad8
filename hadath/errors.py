"""Error messages (with codes) and the exception hierarchy."""

from __future__ import annotations


class Errors:
    """All user-facing error messages, formatted as ``[Ennn] message``."""

    E001 = "[E001] input file not found: {path}"
    E002 = "[E002] span [{start}, {end}) is outside the text (length {length})"
    E003 = "[E003] empty input: {what}"
    E004 = "[E004] input is not valid UTF-8 text ({what}): {detail}"
    E005 = "[E005] input looks binary, not text: {what}"
    E006 = "[E006] text too long: {length} characters (limit {limit}): {what}"
    E007 = "[E007] malformed JSON line: {detail}"
    E008 = "[E008] JSON record has no usable 'text' field: {what}"
    E009 = "[E009] pipeline stage {stage!r} requires {missing}, which no earlier stage assigns"
    E010 = "[E010] unknown pipeline stage {name!r}; known: {known}"
    E011 = "[E011] stage {stage!r} failed: {detail}"
    E012 = "[E012] time limit of {seconds}s exceeded in stage {stage!r}"
    E013 = "[E013] invalid date {value!r}: expected YYYY-MM-DD"
    E014 = "[E014] unsupported input type: {what}"
    E015 = "[E015] optional dependency missing: {package} (install with: pip install {hint})"


class HadathError(Exception):
    """Base class of hadath's errors."""


class InputError(HadathError, ValueError):
    """Bad input: the message says what is wrong with it."""


class SpanError(HadathError, ValueError):
    """A span outside its text."""


class PipelineError(HadathError, RuntimeError):
    """A pipeline that cannot be built or a stage that failed."""


class StageTimeout(PipelineError):
    """A stage ran past the per-article time limit."""
