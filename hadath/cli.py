"""The ``hadath`` command line: a thin layer over the library.

Commands owned by other modules (eval, train, bench) are imported only when called, so that
``hadath extract`` starts fast.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

import click

from hadath import __version__

_LAZY: dict[str, str] = {
    "eval": "hadath.evaluation.cli:eval_group",
    "bench": "hadath.bench:bench_cmd",
}
_LAZY_TRAIN: dict[str, str] = {
    "ner": "hadath.extract.ner:train_cmd",
}


def _import_attr(spec: str) -> Any:
    mod, attr = spec.split(":")
    return getattr(importlib.import_module(mod), attr)


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            try:
                return _import_attr(self.lazy[name])
            except (ImportError, AttributeError) as exc:
                msg = f"command {name!r} is not available: {exc}"

                @click.command(name=name, help=msg)
                def _missing() -> None:
                    raise click.ClickException(msg)

                return _missing
        return super().get_command(ctx, name)


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass


@click.group(cls=LazyGroup, lazy=_LAZY, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hadath")
def main() -> None:
    """hadath: Arabic news in, structured conflict events out.

    \b
    Typical use:
      hadath extract article.txt                 one article, record to stdout
      hadath extract corpus.jsonl.gz -o out.jsonl  a batch, rejects to out.rejects.jsonl
      hadath demo                                the bundled examples, with a table
      hadath eval events --gold G --articles A   score against gold records
    """
    _utf8_streams()


@main.group(cls=LazyGroup, lazy=_LAZY_TRAIN)
def train() -> None:
    """Train hadath's own models from the corpora in ../shared/corpora."""


# --------------------------------------------------------------------------- extract
class _Writer:
    """Writes records and rejects, counting both; resumable."""

    def __init__(self, out: str | None, rejects: str | None, resume: bool) -> None:
        self.done = 0
        self.out_path = Path(out) if out else None
        self.rej_path = Path(rejects) if rejects else (Path(str(out) + ".rejects.jsonl") if out else None)
        if resume and self.out_path:
            self.done = _complete_lines(self.out_path) + (_complete_lines(self.rej_path) if self.rej_path else 0)
        mode = "a" if resume else "w"
        if self.out_path:
            self.out_path.parent.mkdir(parents=True, exist_ok=True)
        self.out: TextIO = open(self.out_path, mode, encoding="utf-8") if self.out_path else sys.stdout  # noqa: SIM115
        self.rej: TextIO | None = open(self.rej_path, mode, encoding="utf-8") if self.rej_path else None  # noqa: SIM115
        self.written = 0
        self.rejected = 0

    def record(self, rec: dict[str, Any]) -> None:
        self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self.out.flush()
        self.written += 1

    def reject(self, rej: dict[str, Any]) -> None:
        line = json.dumps(rej, ensure_ascii=False) + "\n"
        if self.rej:
            self.rej.write(line)
            self.rej.flush()
        else:
            sys.stderr.write("reject: " + line)
        self.rejected += 1

    def close(self) -> None:
        if self.out is not sys.stdout:
            self.out.close()
        if self.rej:
            self.rej.close()


def _complete_lines(path: Path | None) -> int:
    """Count complete lines and cut a trailing partial line (left by a killed run)."""
    if not path or not path.exists():
        return 0
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        data = data[: data.rfind(b"\n") + 1]
        path.write_bytes(data)
    return data.count(b"\n")


def run_extract(
    paths: list[str],
    out: str | None,
    *,
    published: str | None = None,
    rejects: str | None = None,
    resume: bool = False,
    time_limit: float | None = 30.0,
    include_text: bool = False,
    progress: bool | None = None,
) -> tuple[int, int]:
    """Extract records from inputs; returns (written, rejected). Used by the CLI and tests."""
    from tqdm import tqdm

    from hadath.errors import HadathError
    from hadath.io.readers import Reject, iter_inputs
    from hadath.pipeline import get_pipeline
    from hadath.record import to_record

    pipe = get_pipeline(None, time_limit)
    names = pipe.names
    writer = _Writer(out, rejects, resume)
    skip = writer.done
    bar = tqdm(
        iter_inputs(paths), unit=" rec", file=sys.stderr, disable=(not progress) if progress is not None else None,
        mininterval=1.0,
    )
    try:
        for item in bar:
            if skip:
                skip -= 1
                continue
            if isinstance(item, Reject):
                writer.reject(item.to_dict())
                continue
            doc = item
            if published and not doc.published:
                doc.published, doc.published_basis = published, "metadata"
            try:
                doc = pipe(doc)
            except HadathError as exc:
                writer.reject({"source": doc.id, "line": doc.extra.get("_line"), "reason": str(exc), "raw": ""})
                continue
            except Exception as exc:  # noqa: BLE001 - a batch records, never crashes on one article
                writer.reject({"source": doc.id, "line": doc.extra.get("_line"),
                               "reason": f"[E011] {type(exc).__name__}: {exc}", "raw": ""})
                continue
            doc.extra.pop("_line", None)
            writer.record(to_record(doc, pipeline_names=names, include_text=include_text))
    finally:
        writer.close()
    return writer.written, writer.rejected


def _validate_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"invalid date {value!r}: expected YYYY-MM-DD") from None


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Output JSONL (default: stdout).")
@click.option("--published", callback=_validate_date, help="Publication date for inputs that lack one (YYYY-MM-DD).")
@click.option("--rejects", type=click.Path(dir_okay=False), help="Rejects file (default: OUT.rejects.jsonl).")
@click.option("--resume", is_flag=True, help="Continue a killed run: skip records already in OUT and rejects.")
@click.option("--time-limit", type=float, default=30.0, show_default=True, help="Seconds per article before it is rejected.")
@click.option("--include-text", is_flag=True, help="Also write the article text into each record.")
def extract(
    paths: tuple[str, ...], out: str | None, published: str | None, rejects: str | None, resume: bool,
    time_limit: float, include_text: bool,
) -> None:
    """Extract article records from PATHS (.txt, .html, .jsonl, .jsonl.gz, or - for stdin).

    One input file that cannot be read is an error (exit 1). In a batch, bad records go to the
    rejects file with their line number and reason and the run goes on; records written +
    rejects = records read.
    """
    from hadath.io.readers import is_batch

    single = len(paths) == 1 and not is_batch(paths[0])
    if resume and not out:
        raise click.UsageError("--resume needs -o/--output")
    if single:
        from hadath.errors import HadathError
        from hadath.io.readers import read_single

        try:
            data = sys.stdin.buffer.read() if paths[0] == "-" else None
            doc = read_single(paths[0], data)
        except HadathError as exc:
            raise click.ClickException(str(exc)) from None
        if paths[0] == "-" and doc.text.lstrip().startswith("{"):
            pass  # JSON on stdin is handled as a batch below
        else:
            _extract_single(doc, out, published, time_limit, include_text)
            return
    written, rejected = run_extract(list(paths), out, published=published, rejects=rejects, resume=resume,
                                    time_limit=time_limit, include_text=include_text)
    click.echo(f"hadath: {written} records written, {rejected} rejected", err=True)


def _extract_single(doc: Any, out: str | None, published: str | None, time_limit: float, include_text: bool) -> None:
    from hadath.errors import HadathError
    from hadath.pipeline import get_pipeline
    from hadath.record import to_record

    if published and not doc.published:
        doc.published, doc.published_basis = published, "metadata"
    pipe = get_pipeline(None, time_limit)
    try:
        doc = pipe(doc)
    except HadathError as exc:
        raise click.ClickException(str(exc)) from None
    line = json.dumps(to_record(doc, pipeline_names=pipe.names, include_text=include_text), ensure_ascii=False)
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(line + "\n", encoding="utf-8")
    else:
        click.echo(line)


# --------------------------------------------------------------------------- demo
def examples_path() -> Path:
    return Path(__file__).parent / "examples" / "examples.jsonl"


def format_table(records: Iterable[dict[str, Any]]) -> str:
    """A short plain-text table of the events in records."""
    rows = [("article", "date", "type / sub-type", "actor1", "actor2", "place", "killed", "injured")]
    for rec in records:
        aid = rec["article"]["id"]
        if not rec["events"]:
            rows.append((aid, rec["article"].get("published") or "", "(no event)", "", "", "", "", ""))
        for e in rec["events"]:
            loc = e.get("location") or {}
            rows.append((
                aid, e.get("event_date") or "", f"{e['event_type']} / {e['sub_event_type']}",
                (e.get("actor1") or {}).get("name", ""), (e.get("actor2") or {}).get("name", ""),
                ", ".join(x for x in (loc.get("name"), loc.get("country")) if x),
                "" if e.get("fatalities") is None else str(e["fatalities"]),
                "" if e.get("injured") is None else str(e["injured"]),
            ))
    widths = [min(40, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        lines.append("  ".join(c[: widths[i]].ljust(widths[i]) for i, c in enumerate(r)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


@main.command()
@click.option("-o", "--output", "out", default="out/examples.jsonl", show_default=True, type=click.Path(dir_okay=False))
def demo(out: str) -> None:
    """Extract events from the bundled example articles into OUT and print a table."""
    t0 = time.perf_counter()
    written, rejected = run_extract([str(examples_path())], out, progress=False)
    records = [json.loads(x) for x in Path(out).read_text(encoding="utf-8").splitlines() if x.strip()]
    click.echo(format_table(records))
    n_events = sum(len(r["events"]) for r in records)
    click.echo(
        f"\n{written} articles, {n_events} events, {rejected} rejected -> {out} "
        f"({time.perf_counter() - t0:.1f}s)"
    )


if __name__ == "__main__":
    main()
