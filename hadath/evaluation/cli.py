"""``hadath eval …``: events, gsr, figures, gate (here) and ner, places (lazily, from their modules).

See docs/evaluation.md for what each figure means.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from typing import Any

import click

# Commands owned by other modules: imported only when listed/called, skipped when missing.
_LAZY = {
    "ner": "hadath.evaluation.ner:ner_eval_cmd",
    "places": "hadath.geo.evalplaces:places_cmd",
}


def _find(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


class _EvalGroup(click.Group):
    """A group that adds the other helpers' commands when their modules import."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        lazy = [n for n, target in _LAZY.items() if _find(target.split(":")[0])]
        return sorted(set(super().list_commands(ctx)) | set(lazy))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in _LAZY and name not in self.commands:
            mod_name, attr = _LAZY[name].split(":")
            try:
                return getattr(importlib.import_module(mod_name), attr)
            except (ImportError, AttributeError) as exc:
                # a broken or missing module must not break `hadath eval events`
                return _unavailable(name, f"{mod_name}: {type(exc).__name__}: {exc}")
        return super().get_command(ctx, name)


def _unavailable(name: str, why: str) -> click.Command:
    @click.command(name, help=f"(unavailable: {why})", context_settings={"ignore_unknown_options": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def cmd(args: tuple[str, ...]) -> None:
        raise click.ClickException(f"`hadath eval {name}` is not available: {why}")

    return cmd


@click.group("eval", cls=_EvalGroup)
def eval_group() -> None:
    """Evaluate against gold data (../shared/eval): events, gsr, ner, places; figures; gate."""


def _default(path: str) -> str:
    from hadath.evaluation.figures import eval_dir

    return str(eval_dir() / path)


# ----------------------------------------------------------------------------- events
@eval_group.command("events")
@click.option("--gold", type=click.Path(dir_okay=False), default=None, help="gold JSONL [default: ../shared/eval/dev-gold.jsonl]")
@click.option("--articles", type=click.Path(dir_okay=False), default=None, help="articles JSONL(.gz) [default: ../shared/eval/dev-articles.jsonl]")
@click.option("--predictions", type=click.Path(dir_okay=False, exists=True), default=None, help="score these article records instead of running the pipeline")
@click.option("--report", "report_dir", type=click.Path(file_okay=False), default="reports", show_default=True, help="where events.md / events.json go")
@click.option("--progress/--no-progress", default=False, help="print one line per article to stderr")
def events_cmd(gold: str | None, articles: str | None, predictions: str | None, report_dir: str, progress: bool) -> None:
    """Score extracted events, main-event fields, statements and publication dates against gold."""
    from hadath.evaluation.events import run_events
    from hadath.evaluation.report import events_summary_table, write_events_report

    gold = gold or _default("dev-gold.jsonl")
    if not Path(gold).exists():
        raise click.ClickException(f"gold file not found: {gold}")
    if not predictions:
        articles = articles or _default("dev-articles.jsonl")
        if not Path(articles).exists():
            raise click.ClickException(f"articles file not found: {articles}")
    run = run_events(gold, articles, predictions, progress=progress)
    run["meta"] = {"gold": gold, "articles": articles, "predictions": predictions}
    files = write_events_report(run, report_dir)
    click.echo(events_summary_table(run["summary"]))
    n_err = run["summary"]["n_errors"]
    click.echo(f"\n{run['summary']['n_articles']} articles in {run['summary']['seconds']}s" + (f", {n_err} with errors" if n_err else ""))
    click.echo("report: " + ", ".join(str(f) for f in files))


# ----------------------------------------------------------------------------- gsr
@eval_group.command("gsr")
@click.option("--xml", "xml_files", multiple=True, type=click.Path(dir_okay=False, exists=True), help="validation XML [default: ../shared/eval/up-gsr/dev-*.xml]")
@click.option("--negatives", default=500, show_default=True, type=int, help="negative sentences to draw (0: none)")
@click.option("--corpus", type=click.Path(dir_okay=False), default=None, help="negatives corpus [default: ../shared/corpora/saudinewsnet/articles.jsonl.gz]")
@click.option("--seed", default=None, type=int, help="seed of the negative sample (default: the fixed one)")
@click.option("--report", "report_dir", type=click.Path(file_okay=False), default="reports", show_default=True)
def gsr_cmd(xml_files: tuple[str, ...], negatives: int, corpus: str | None, seed: int | None, report_dir: str) -> None:
    """UniversalPetrarch Arabic GSR: right-class event per sentence, source/target actors, FP rate."""
    from hadath.evaluation import figures as F
    from hadath.evaluation.gsr import NEGATIVE_SEED, run_gsr
    from hadath.evaluation.report import gsr_summary_table, write_gsr_report

    files = [Path(x) for x in xml_files] or F.default_gsr_files()
    if not files:
        raise click.ClickException("no GSR XML files (pass --xml)")
    corpus_path = Path(corpus) if corpus else F.negatives_corpus()
    if negatives > 0 and not corpus_path.exists():
        click.echo(f"negatives corpus not found ({corpus_path}); no false-positive rate", err=True)
    exclude = F.negatives_exclude() if negatives > 0 else set()
    run = run_gsr(files, corpus_path if negatives > 0 else None, exclude, n_negatives=negatives, seed=NEGATIVE_SEED if seed is None else seed)
    run["meta"] = {"files": [str(f) for f in files], "negatives": negatives, "corpus": str(corpus_path)}
    out = write_gsr_report(run, report_dir)
    click.echo(gsr_summary_table(run["summary"]))
    click.echo(f"\n{sum(b['n'] for b in run['summary']['categories'].values())} sentences in {run['summary']['seconds']}s")
    click.echo("report: " + ", ".join(str(f) for f in out))


# ----------------------------------------------------------------------------- figures
def _skip_options(f: Any) -> Any:
    for opt in (
        click.option("--skip-events", is_flag=True, help="do not run the events evaluation"),
        click.option("--skip-gsr", is_flag=True, help="do not run the GSR evaluation"),
        click.option("--skip-ner", is_flag=True, help="do not run the NER evaluation"),
        click.option("--skip-places", is_flag=True, help="do not run the places evaluation"),
        click.option("--negatives", default=500, show_default=True, type=int, help="GSR negative sentences"),
        click.option("--report", "report_dir", type=click.Path(file_okay=False), default="reports", show_default=True),
    ):
        f = opt(f)
    return f


@eval_group.command("figures")
@_skip_options
@click.option("--readme", type=click.Path(dir_okay=False), default=None, help="README to update [default: the repository's README.md]")
def figures_cmd(skip_events: bool, skip_gsr: bool, skip_ner: bool, skip_places: bool, negatives: int, report_dir: str, readme: str | None) -> None:
    """Regenerate README's table of current figures and reports/figures.json."""
    from hadath.evaluation import figures as F

    if not F.eval_dir().is_dir():
        raise click.ClickException(f"{F.eval_dir()} not found: nothing to measure")
    rd = Path(report_dir)
    sections = F.collect(
        events=not skip_events, gsr=not skip_gsr, ner=not skip_ner, places=not skip_places,
        negatives=negatives, report_dir=rd, echo=click.echo,
    )
    commit, date = F.git_commit(), F.now_date()
    F.write_figures_json(rd / "figures.json", sections, commit, date)
    block = F.figures_markdown({k: v for k, v in sections.items() if v.get("figures")}, commit, date)
    path = Path(readme) if readme else F.REPO / "README.md"
    changed = F.update_readme(path, block)
    click.echo(block)
    click.echo(f"\n{path} {'updated' if changed else 'unchanged'}; {rd / 'figures.json'} written")


# ----------------------------------------------------------------------------- gate
@eval_group.command("gate")
@_skip_options
@click.option("--update", is_flag=True, help="write the current figures as the new baseline")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None, help="[default: hadath/evaluation/baseline.json]")
@click.option("--tolerance", default=0.02, show_default=True, type=float, help="allowed drop of a figure")
def gate_cmd(
    skip_events: bool, skip_gsr: bool, skip_ner: bool, skip_places: bool, negatives: int,
    report_dir: str, update: bool, baseline_path: str | None, tolerance: float,
) -> None:
    """Fail (exit 1) when a headline figure drops more than --tolerance below the baseline."""
    from hadath.evaluation import figures as F
    from hadath.evaluation.report import table

    if not F.eval_dir().is_dir():
        click.echo(f"eval gate: {F.eval_dir()} not found; skipping the quality gate")
        return
    bpath = Path(baseline_path) if baseline_path else F.BASELINE
    baseline = F.read_baseline(bpath)
    click.echo("eval gate: running dev evaluations")
    sections = F.collect(
        events=not skip_events, gsr=not skip_gsr, ner=not skip_ner, places=not skip_places,
        negatives=negatives, report_dir=Path(report_dir), echo=click.echo,
    )
    errors = {k: v["error"] for k, v in sections.items() if "error" in v}
    if update:
        if errors:
            raise click.ClickException(f"not updating the baseline: {', '.join(errors)} failed")
        data = F.write_baseline(sections, bpath, baseline)
        click.echo(f"baseline written to {bpath} ({len(data['figures'])} figures)")
        return
    if baseline is None:
        click.echo(f"eval gate: no baseline at {bpath}; record one with `hadath eval gate --update`")
        for k, v in F.flat(sections).items():
            click.echo(f"  {k}: {v:.4f}")
        if errors:
            sys.exit(1)
        return
    rows, notes = F.compare(sections, baseline, tolerance)
    in_baseline = set((baseline.get("section_of") or {}).values())
    for name, sec in sections.items():
        if "unavailable" in sec and name in in_baseline:
            errors[name] = f"unavailable but in the baseline ({sec['unavailable']}); pass --skip-{name} to skip it"
    click.echo(
        table(
            [(f, "–" if b != b else f"{b:.4f}", "–" if c is None else f"{c:.4f}", v) for f, b, c, v in rows],
            ("figure", "baseline", "now", "verdict"),
        )
    )
    for n in notes:
        click.echo(f"note: {n}")
    failed = [r for r in rows if r[3] == "FAIL"]
    for name, err in errors.items():
        click.echo(f"FAIL: the {name} evaluation crashed: {err[:500]}")
    if failed or errors:
        click.echo(f"eval gate: FAILED ({len(failed)} figure(s) more than {tolerance} worse than the baseline)")
        sys.exit(1)
    click.echo("eval gate: passed")


if __name__ == "__main__":  # pragma: no cover
    eval_group()
