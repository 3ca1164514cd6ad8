"""Entity-level scorer: CoNLL edge cases on hand-made tag sequences."""

from __future__ import annotations

import pytest

from hadath.evaluation.ner import entity_spans, map_tags, score_entities


def test_perfect_match():
    tags = ["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "I-ORG", "I-ORG"]
    res = score_entities(tags, tags)
    assert res["micro"]["f1"] == 1.0
    assert res["micro"]["tp"] == 3
    assert res["by_type"]["ORG"]["gold"] == 1


def test_i_without_b_starts_an_entity():
    assert entity_spans(["O", "I-PER", "I-PER", "O"]) == {(1, 3, "PER")}
    # I- of another type after an entity starts a new one
    assert entity_spans(["B-PER", "I-LOC"]) == {(0, 1, "PER"), (1, 2, "LOC")}
    # same spans written B-/I- or I-/I- score as equal
    res = score_entities(["B-LOC", "I-LOC", "O"], ["I-LOC", "I-LOC", "O"])
    assert res["micro"]["f1"] == 1.0


def test_type_mismatch_is_fp_and_fn():
    res = score_entities(["B-PER", "I-PER", "O"], ["B-ORG", "I-ORG", "O"])
    assert res["micro"]["tp"] == 0
    assert res["micro"]["fp"] == 1 and res["micro"]["fn"] == 1
    assert res["by_type"]["PER"]["recall"] == 0.0
    assert res["by_type"]["ORG"]["precision"] == 0.0


def test_adjacent_entities_are_separate():
    gold = ["B-PER", "B-PER", "I-PER", "O"]
    assert entity_spans(gold) == {(0, 1, "PER"), (1, 3, "PER")}
    merged = ["B-PER", "I-PER", "I-PER", "O"]
    res = score_entities(gold, merged)
    assert res["micro"]["tp"] == 0 and res["micro"]["fp"] == 1 and res["micro"]["fn"] == 2


def test_partial_span_counts_as_wrong():
    res = score_entities(["B-ORG", "I-ORG", "I-ORG"], ["B-ORG", "I-ORG", "O"])
    assert res["micro"] == {**res["micro"], "tp": 0, "fp": 1, "fn": 1}


def test_misc_not_in_micro_average():
    gold = ["B-MISC", "O", "B-PER"]
    pred = ["O", "O", "B-PER"]
    res = score_entities(gold, pred)
    assert res["micro"]["f1"] == 1.0
    assert res["by_type"]["MISC"]["recall"] == 0.0


def test_precision_recall_numbers():
    gold = ["B-PER", "O", "B-LOC", "O", "B-ORG", "O"]
    pred = ["B-PER", "O", "B-LOC", "B-LOC", "O", "O"]
    m = score_entities(gold, pred)["micro"]
    assert (m["tp"], m["fp"], m["fn"]) == (2, 1, 1)
    assert m["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["recall"] == pytest.approx(2 / 3, abs=1e-4)


def test_bilou_and_entity_at_end():
    assert entity_spans(["U-LOC", "B-ORG", "L-ORG", "O", "B-PER"]) == {
        (0, 1, "LOC"), (1, 3, "ORG"), (4, 5, "PER")
    }


def test_length_mismatch_raises():
    with pytest.raises(ValueError):
        score_entities(["O"], ["O", "O"])


def test_map_tags():
    assert map_tags(["B-PERS", "I-PERS", "O", "B-GPE", "B-NORP"], {"PERS": "PER", "GPE": "LOC", "NORP": "O"}) == [
        "B-PER", "I-PER", "O", "B-LOC", "O"
    ]
