"""The CLI on good and bad input: clear errors, rejects, records + rejects = lines read."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from hadath.cli import main, run_extract

ARTICLE = "قال مصدر أمني إن مسلحين هاجموا نقطة تفتيش في بلدة الرطبة غربي الأنبار أمس الثلاثاء."


def test_version_and_help():
    r = CliRunner().invoke(main, ["--version"])
    assert r.exit_code == 0 and "hadath" in r.output
    r = CliRunner().invoke(main, ["--help"])
    assert r.exit_code == 0 and "extract" in r.output


def test_single_txt_to_stdout(tmp_path: Path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(p), "--published", "2023-05-10"])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.output)
    assert rec["schema"] == "hadath.article/1"
    assert rec["article"]["published"] == "2023-05-10"
    assert rec["article"]["published_basis"] == "metadata"
    assert isinstance(rec["events"], list) and isinstance(rec["statements"], list)


def test_html_input(tmp_path: Path):
    p = tmp_path / "a.html"
    body = "".join(f"<p>{ARTICLE}</p>" for _ in range(3))
    p.write_text(f"<html><head><title>خبر</title></head><body><article>{body}</article></body></html>", encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(p)])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["article"]["text_sha256"]


def test_bad_single_inputs_exit_nonzero(tmp_path: Path):
    cases = {
        "empty.txt": b"",
        "latin1.txt": "café résumé".encode("latin-1"),
        "binary.txt": bytes(range(256)) * 4,
        "english.txt": b"This is an English text, not Arabic at all.",
    }
    for name, data in cases.items():
        p = tmp_path / name
        p.write_bytes(data)
        r = CliRunner().invoke(main, ["extract", str(p)])
        assert r.exit_code != 0, name
        assert "Error: [E" in r.output, (name, r.output)
        assert len(r.output.strip().splitlines()) == 1, r.output
    r = CliRunner().invoke(main, ["extract", str(tmp_path / "missing.txt")])
    assert r.exit_code != 0 and "E001" in r.output
    big = tmp_path / "big.txt"
    big.write_text("كلمة " * 4_200_000, encoding="utf-8")  # ~21 MB
    r = CliRunner().invoke(main, ["extract", str(big)])
    assert r.exit_code != 0 and "E006" in r.output


def test_batch_rejects_and_counts(tmp_path: Path):
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "published": "2023-05-10"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a2", "text": ""}),
        json.dumps({"id": "a3", "text": "English only text here"}),
        json.dumps({"id": "a4", "title": "no text"}),
        json.dumps({"id": "a5", "text": ARTICLE, "extra_field": 7}, ensure_ascii=False),
        "",
    ]
    src = tmp_path / "in.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(main, ["extract", str(src), "-o", str(out)])
    assert r.exit_code == 0, r.output
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    rejs = [json.loads(x) for x in Path(str(out) + ".rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [x["article"]["id"] for x in recs] == ["a1", "a5"]
    assert recs[1]["article"]["extra_field"] == 7
    assert len(recs) + len(rejs) == len(lines)
    assert {j["line"] for j in rejs} == {2, 3, 4, 5, 7}
    assert all(j["reason"].startswith("[E") for j in rejs)


def test_resume_after_partial_output(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(json.dumps({"id": f"d{i}", "text": ARTICLE}, ensure_ascii=False) for i in range(6)) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    run_extract([str(src)], str(out), progress=False)
    full = out.read_text(encoding="utf-8").splitlines()
    # simulate a run killed after 2.5 records
    out.write_text("\n".join(full[:2]) + "\n" + full[2][:40], encoding="utf-8")
    written, rejected = run_extract([str(src)], str(out), resume=True, progress=False)
    assert (written, rejected) == (4, 0)
    ids = [json.loads(x)["article"]["id"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"d{i}" for i in range(6)]


def test_demo_runs(tmp_path: Path):
    out = tmp_path / "demo.jsonl"
    r = CliRunner().invoke(main, ["demo", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "article" in r.output and out.exists()
    assert len(out.read_text(encoding="utf-8").splitlines()) == 6
