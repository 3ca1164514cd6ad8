"""Robustness of the pipeline: random and pathological inputs, regex backtracking, kill/resume.

Nothing here checks what is extracted; only that the pipeline never crashes, never hangs
(``build_pipeline(time_limit=...)`` turns a runaway article into ``StageTimeout``), keeps its
memory bounded, keeps every offset valid, and that a killed batch loses no record.
"""

from __future__ import annotations

import gzip
import importlib
import json
import os
import pkgutil
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hadath.document import Document
from hadath.errors import InputError, StageTimeout
from hadath.pipeline import build_pipeline

from conftest import ROOT, assert_offsets

TIME_LIMIT = 1.5  # seconds per article for the pathological inputs
SLACK = 3.0  # the limit is checked by SIGALRM; leave room for a busy machine
MEMORY_BOUND_MB = 1024  # growth of peak RSS allowed for one pathological input


@pytest.fixture(scope="module")
def pipe_hypo():
    return build_pipeline(time_limit=5.0)


def _run_bounded(pipe, text: str) -> tuple[Document | None, float]:  # noqa: ANN001
    """Run the pipeline; a StageTimeout is an accepted outcome. Returns (doc or None, seconds)."""
    t0 = time.perf_counter()
    try:
        doc = pipe(Document(text=text, id="robust", published="2024-03-14", published_basis="metadata"))
    except StageTimeout:
        doc = None
    return doc, time.perf_counter() - t0


# ----------------------------------------------------------------------------- random text
_ARABIC = [chr(c) for c in range(0x0600, 0x0700)]
_MARKS = list("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\ufeff\u00a0")
_PUNCT = list("«»\"'“”‘’()[]{}!?؟.،؛:,;-–—…/\\*#@%&+=<>|~^_`$٪٫٬")
_PRESENTATION = [chr(c) for c in list(range(0xFB50, 0xFB60)) + list(range(0xFE70, 0xFE90)) + [0xFDF2, 0xFDFA]]
_DIGITS = list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
_OTHER = list("abcXYZ éüçשלוםпривет中文😀👍🏽\t\n\r \u3000")

mixed_text = st.text(
    alphabet=st.sampled_from(_ARABIC + _MARKS + _PUNCT + _PRESENTATION + _DIGITS + _OTHER), min_size=0, max_size=400
)
arabicish = st.lists(
    st.sampled_from([
        "قتل", "ثلاثة", "مدنيين", "في", "قصف", "على", "بلدة", "حلب", "أمس", "الاثنين", "وقال", "المرصد",
        "«", "»", "إن", "١٢", "3", "،", ".", "!", "\u200f", "ـــ", "\u064e\u0651", "جريحا", "عشرات", "2024/03/14",
        "\n\n", " ", "ﷲ", "ﻻ", "“", "”", ":", "-",
    ]),
    min_size=0, max_size=200,
).map("".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(mixed_text, arabicish, st.text(max_size=300)))
def test_random_unicode_never_crashes(pipe_hypo, text: str) -> None:  # noqa: ANN001
    doc = pipe_hypo(Document(text=text, id="h", published="2024-03-14", published_basis="metadata"))
    assert_offsets(doc)
    from hadath.record import to_record

    json.dumps(to_record(doc), ensure_ascii=False)


@settings(max_examples=60, deadline=None)
@given(text=st.one_of(mixed_text, arabicish))
def test_reader_accepts_or_rejects_cleanly(text: str) -> None:
    from hadath.io.readers import document_from_json

    try:
        doc = document_from_json({"id": "x", "text": text}, "hypothesis")
    except InputError as exc:
        assert str(exc).startswith("[E")
    else:
        assert doc.text == text


# ----------------------------------------------------------------------------- pathological inputs
PATHOLOGICAL = {
    "no_spaces_2M_arabic": lambda: "ب" * 2_000_000,
    "exclamation_1M": lambda: "!" * 1_000_000,
    "guillemets_1M": lambda: "«" * 1_000_000,
    "double_quotes_1M": lambda: '"' * 1_000_000,
    "dots_1M": lambda: "." * 1_000_000,
    "nested_quotes": lambda: "«" * 100_000 + "قال المتحدث إن ثلاثة قتلوا" + "»" * 100_000,
    "ascii_digits_500k": lambda: "1" * 500_000,
    "arabic_digits_500k": lambda: "٣" * 500_000,
    "digit_groups": lambda: "1,000,000." * 50_000,
    "only_diacritics_tatweel": lambda: "\u064e\u0640\u0651\u0652\u0670\u0640" * 150_000,
    "rtl_marks_only": lambda: "\u200f\u202b\u2067\u200e" * 100_000,
    "one_huge_sentence": lambda: "قتل ثلاثة مدنيين في قصف على بلدة و" * 20_000,
    "newlines_1M": lambda: "\n" * 1_000_000,
}


_PATHO_SCRIPT = textwrap.dedent(
    """
    import json, resource, sys, time
    sys.path.insert(0, sys.argv[1])
    from conftest import assert_offsets
    from test_robustness import PATHOLOGICAL, TIME_LIMIT, _run_bounded
    from hadath.document import Document
    from hadath.pipeline import build_pipeline

    pipe = build_pipeline(time_limit=TIME_LIMIT)
    # resources load lazily on the first article: load them before the clock matters
    build_pipeline()(Document(text="قتل ثلاثة في حلب أمس.", published="2024-03-14"))
    text = PATHOLOGICAL[sys.argv[2]]()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    doc, seconds = _run_bounded(pipe, text)
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0 - before
    if doc is not None:
        assert_offsets(doc)
    print(json.dumps({"seconds": seconds, "timeout": doc is None, "grown_mb": grown}))
    """
)


_SLOW_CASES = {"digit_groups", "rtl_marks_only", "newlines_1M"}  # extras, run with --slow


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.slow) if n in _SLOW_CASES else n for n in sorted(PATHOLOGICAL)]
)
def test_pathological_input_bounded(name: str) -> None:
    """Each input in a fresh process, so that a swallowed time limit fails fast, not after minutes,
    and peak memory is this input's own."""
    hard = TIME_LIMIT + 30
    try:
        r = subprocess.run([sys.executable, "-c", _PATHO_SCRIPT, str(ROOT / "tests"), name], cwd=ROOT,
                           capture_output=True, text=True, timeout=hard, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: still running after {hard:.0f}s: the {TIME_LIMIT}s time limit was not enforced "
                    "(a stage swallowed StageTimeout, or a long call cannot be interrupted)")
    assert r.returncode == 0, f"{name}: crashed\n{r.stderr[-3000:]}"
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert res["seconds"] < TIME_LIMIT + SLACK, f"{name}: {res['seconds']:.1f}s past the {TIME_LIMIT}s limit"
    assert res["grown_mb"] < MEMORY_BOUND_MB, f"{name}: peak memory grew by {res['grown_mb']:.0f} MB"


def test_ten_megabytes_without_spaces_rejected_by_reader(tmp_path: Path) -> None:
    from hadath.cli import run_extract
    from hadath.io.readers import document_from_json, read_single

    text = "ب" * 10_000_000
    t0 = time.perf_counter()
    with pytest.raises(InputError, match="E006"):
        document_from_json({"id": "big", "text": text}, "big")
    p = tmp_path / "big.txt"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="E006"):
        read_single(str(p))
    src = tmp_path / "big.jsonl"
    src.write_text(json.dumps({"id": "big", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_extract([str(src)], str(out), progress=False) == (0, 1)
    rej = json.loads(Path(str(out) + ".rejects.jsonl").read_text(encoding="utf-8"))
    assert "E006" in rej["reason"]
    assert time.perf_counter() - t0 < 30


def test_timeout_is_recorded_as_reject_in_batch(tmp_path: Path) -> None:
    from hadath.cli import run_extract
    from hadath.pipeline import get_pipeline

    ok = "قتل ثلاثة مدنيين في قصف على بلدة قرب حلب أمس، وقال المرصد إن عشرة أصيبوا."
    lines = [
        json.dumps({"id": "ok1", "text": ok}, ensure_ascii=False),
        json.dumps({"id": "slow", "text": "قتل " + "!" * 1_500_000}, ensure_ascii=False),
        json.dumps({"id": "ok2", "text": ok}, ensure_ascii=False),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    # resources load lazily on the first article: load them before the clock matters
    get_pipeline(None, None)(Document(text=ok, id="warm"))
    written, rejected = run_extract([str(src)], str(out), time_limit=1.0, progress=False)
    assert written + rejected == 3
    ids = [json.loads(x)["article"]["id"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert ids[0] == "ok1" and ids[-1] == "ok2"
    if rejected:
        rej = json.loads(Path(str(out) + ".rejects.jsonl").read_text(encoding="utf-8"))
        assert rej["source"] == "slow" and "E012" in rej["reason"]


# ----------------------------------------------------------------------------- regex backtracking guard
def _hadath_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled regex held at module level (or in a module-level container/class) in hadath."""
    import hadath

    found: dict[int, tuple[str, re.Pattern[str]]] = {}

    def add(where: str, obj: object, depth: int = 0) -> None:
        if isinstance(obj, re.Pattern):
            found.setdefault(id(obj), (where, obj))
        elif depth < 2 and isinstance(obj, (tuple, list, frozenset, set)):
            for i, x in enumerate(obj):
                add(f"{where}[{i}]", x, depth + 1)
        elif depth < 2 and isinstance(obj, dict):
            for k, x in obj.items():
                add(f"{where}[{k!r}]", x, depth + 1)

    for info in pkgutil.walk_packages(hadath.__path__, "hadath."):
        try:
            mod = importlib.import_module(info.name)
        except Exception:  # noqa: BLE001, S112 - a module being written or with a missing optional dependency
            continue
        for name, obj in list(vars(mod).items()):
            if isinstance(obj, type) and getattr(obj, "__module__", None) == mod.__name__:
                for cname, cobj in list(vars(obj).items()):
                    add(f"{info.name}.{name}.{cname}", cobj)
            else:
                add(f"{info.name}.{name}", obj)
    return {where: p for where, p in found.values() if isinstance(p.pattern, str)}


_UNITS = ["ب", "الب", "بب ", "1", "1,", "1.", "١", "١٫", " ", "\n", ".", "!", "«", "»", '"', "،", "و", "ال",
          "ب1", "1 ", "a", "-", "/", ":", "\u064e", "ـ", "x ", "ب.", " و", "قتل ", "«ب» ", "1-", "٢٠٢٤/"]
_ENDINGS = ["", "!", "x", "ب", "1"]


def adversarial_strings(size: int, endings: int = len(_ENDINGS)) -> list[str]:
    out = []
    for u in _UNITS:
        body = u * (size // len(u))
        out.extend(body + e for e in _ENDINGS[:endings])
    # alternations of classes
    out.append(("ب1 .«" * size)[:size])
    out.append(("قتل 12، " * size)[:size])
    return out


_GUARD_SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    sys.path.insert(0, sys.argv[1])
    from test_robustness import _hadath_patterns, adversarial_strings
    size, bound, endings = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    strings = adversarial_strings(size, endings)
    slow = []
    pats = _hadath_patterns()
    print(json.dumps({"patterns": len(pats), "strings": len(strings)}), flush=True)
    for where, pat in sorted(pats.items()):
        print(json.dumps({"start": where}), flush=True)
        worst = 0.0
        for s in strings:
            t0 = time.perf_counter()
            for _ in pat.finditer(s):
                pass
            dt_ = time.perf_counter() - t0
            if dt_ > worst:
                worst, which = dt_, s[:12]
        if worst > bound:
            slow.append({"pattern": where, "regex": pat.pattern[:200], "seconds": round(worst, 2), "input": which})
    print(json.dumps({"slow": slow}), flush=True)
    """
)


def _regex_guard(size: int, bound: float, overall: float, endings: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _GUARD_SCRIPT, str(ROOT / "tests"), str(size), str(bound), str(endings)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        out, err = proc.communicate(timeout=overall)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        started = [json.loads(x)["start"] for x in out.splitlines() if x.startswith('{"start"')]
        pytest.fail(f"regex guard hung (catastrophic backtracking?) in {started[-1] if started else '?'}")
    assert proc.returncode == 0, err[-3000:]
    lines = [json.loads(x) for x in out.splitlines() if x.startswith("{")]
    assert lines[0]["patterns"] > 0, "no compiled regex found in hadath's modules"
    slow = lines[-1]["slow"]
    assert not slow, f"regexes slower than {bound}s on adversarial input: {slow}"


def test_patterns_are_found() -> None:
    pats = _hadath_patterns()
    assert pats and all(isinstance(p, re.Pattern) for p in pats.values())


def test_no_catastrophic_regex_backtracking() -> None:
    _regex_guard(size=20_000, bound=2.0, overall=240.0, endings=2)


@pytest.mark.slow
def test_no_catastrophic_regex_backtracking_50k() -> None:
    _regex_guard(size=50_000, bound=2.0, overall=900.0, endings=len(_ENDINGS))


# ----------------------------------------------------------------------------- nothing lost
_SENTENCES = [
    "قتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف مدفعي على بلدة قرب حلب صباح الاثنين.",
    "وقال المرصد السوري لحقوق الإنسان إن الطائرات شنت عشرات الغارات على المنطقة.",
    "أعلنت وزارة الداخلية اعتقال ١٢ شخصا يشتبه في انتمائهم إلى خلية مسلحة.",
    "وتظاهر المئات في ساحة التحرير للمطالبة بالإفراج عن المعتقلين، بحسب شهود عيان.",
    "انفجرت عبوة ناسفة بدورية للجيش على الطريق الدولي، ما أدى إلى مقتل جنديين.",
    "وأكد المتحدث باسم الحكومة أن «الوضع تحت السيطرة» وأن التحقيقات جارية.",
]


def _make_batch(path: Path, n: int = 300) -> tuple[list[str], list[int]]:
    """A JSONL of ``n`` lines; returns (good ids in order, bad line numbers)."""
    good: list[str] = []
    bad: list[int] = []
    lines = []
    for i in range(1, n + 1):
        if i % 37 == 0:
            lines.append("{not json")
            bad.append(i)
        elif i % 53 == 0:
            lines.append(json.dumps({"id": f"r{i:04d}", "text": ""}))
            bad.append(i)
        elif i % 71 == 0:
            lines.append(json.dumps({"id": f"r{i:04d}", "text": "English only, no Arabic here at all."}))
            bad.append(i)
        else:
            body = " ".join(_SENTENCES[(i + k) % len(_SENTENCES)] for k in range(12))
            lines.append(json.dumps({"id": f"r{i:04d}", "text": body, "published": "2024-03-14"}, ensure_ascii=False))
            good.append(f"r{i:04d}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return good, bad


def _hadath_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "hadath.cli", *args]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_killed_batch_resumes_without_loss(tmp_path: Path) -> None:
    src = tmp_path / "big.jsonl"
    good, bad = _make_batch(src)
    out = tmp_path / "out.jsonl"
    rej = Path(str(out) + ".rejects.jsonl")
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(_hadath_cmd("extract", str(src), "-o", str(out)), env=env, cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    killed_mid_run = False
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            if out.exists() and out.stat().st_size > 0 and out.read_bytes().count(b"\n") >= 15:
                proc.send_signal(signal.SIGKILL)
                killed_mid_run = True
                break
            time.sleep(0.005)
    finally:
        if proc.poll() is None and not killed_mid_run:
            proc.kill()
        proc.wait()
    if killed_mid_run:
        assert proc.returncode == -signal.SIGKILL
        assert len(_lines(out)) + len(_lines(rej)) < 300, "the run finished before it could be killed"
    r = subprocess.run(_hadath_cmd("extract", str(src), "-o", str(out), "--resume"), env=env, cwd=tmp_path,
                       capture_output=True, text=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr[-3000:]
    recs = [json.loads(x) for x in _lines(out)]
    rejs = [json.loads(x) for x in _lines(rej)]
    ids = [x["article"]["id"] for x in recs]
    assert len(recs) + len(rejs) == 300
    assert len(set(ids)) == len(ids), "duplicated records"
    assert ids == good, "records missing or out of order"
    assert sorted(j["line"] for j in rejs) == bad
    assert len({j["line"] for j in rejs}) == len(rejs), "duplicated rejects"
    assert killed_mid_run, "the batch ended before the kill; nothing was resumed"


# ----------------------------------------------------------------------------- secrets
def _secret_patterns() -> list[tuple[str, re.Pattern[str]]]:
    # built from pieces so that this file itself does not match
    k = "KEY"
    return [
        ("private key", re.compile("-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE " + k + "-----")),
        ("GitHub token", re.compile(r"\b(?:gh" + r"[pousr]_[A-Za-z0-9]{30,}|github" + r"_pat_[A-Za-z0-9_]{30,})")),
        ("AWS access key id", re.compile(r"\b(?:AK" + r"IA|AS" + r"IA)[0-9A-Z]{16}\b")),
        ("AWS secret key", re.compile(r"aws_secret_access_" + k.lower() + r"\s*[=:]\s*['\"]?[A-Za-z0-9/+]{40}")),
        ("Slack token", re.compile(r"\bxo" + r"x[abprs]-[A-Za-z0-9-]{10,}")),
        ("OpenAI/Anthropic-style key", re.compile(r"\bsk-(?:ant-)?[A-Za-z0-9_-]{32,}")),
        ("Google API key", re.compile(r"\bAI" + r"za[0-9A-Za-z_-]{35}\b")),
        ("literal password", re.compile(
            r"(?i)\b(?:pass" + r"word|passwd|pwd|secret|api_?key|token)\s*[=:]\s*['\"](?![<${])[^'\"\s]{4,}['\"]")),
    ]


def _tracked_files() -> list[Path]:
    try:
        r = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired):
        pytest.skip("not a git checkout")
    return [ROOT / p for p in r.stdout.decode("utf-8", "replace").split("\0") if p]


def find_secrets(files: list[Path]) -> list[str]:
    hits = []
    pats = _secret_patterns()
    for f in files:
        if not f.is_file() or f.stat().st_size > 5_000_000:
            continue
        try:
            data = f.read_bytes()
        except OSError:
            continue
        if f.suffix == ".gz":
            try:
                data = gzip.decompress(data)[:20_000_000]
            except (OSError, EOFError):
                continue
        if b"\0" in data[:8192]:
            continue
        text = data.decode("utf-8", "replace")
        for what, pat in pats:
            for m in pat.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                hits.append(f"{f.relative_to(ROOT)}:{line}: {what}")
    return hits


def test_secret_scanner_detects() -> None:
    samples = {
        "private key": "-----BEGIN RSA PRIVATE " + "KEY-----",
        "GitHub token": "token gh" + "p_" + "a1B2" * 9,
        "AWS access key id": "AK" + "IA" + "ABCDEFGHIJKLMNOP",
        "literal password": "pass" + 'word = "hunter22"',
    }
    pats = dict(_secret_patterns())
    for what, s in samples.items():
        assert pats[what].search(s), what
    assert not pats["literal password"].search("pass" + "word = os.environ['X']")
    assert not pats["literal password"].search("pass" + 'word="${PASSWORD}"')


def test_no_secrets_in_tracked_files() -> None:
    hits = find_secrets(_tracked_files())
    assert not hits, "possible secrets in the repository:\n" + "\n".join(hits[:50])
