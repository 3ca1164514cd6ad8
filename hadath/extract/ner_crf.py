"""The CRF tagger's scoring in numpy: the same tags as crfsuite, without its per-call work.

crfsuite tags a sentence from attribute strings: every token's 40–230 attributes are looked
up in the model's dictionary and their weights summed, then Viterbi runs. Almost all of a
token's attributes depend on one word only (its own features, or its features as the
neighbour at ±1 / ±2, and its word vector seen from each side), so here each distinct word's
contribution to the label scores of itself and of its neighbours is computed once
(:meth:`NumpyCrf.word_scores`, cached), and per sentence only the bigrams, the sentence
edges and the phrase marks are looked up. Viterbi over the summed scores and the
transition weights gives crfsuite's best path (a test checks the tags are identical).

The weights come from the model file through crfsuite's own dump (``Tagger.dump``), so
the ``model.crfsuite`` file stays the one source of truth.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np

from hadath.extract.ner_features import FeatureExtractor


def read_crfsuite_weights(model: Path) -> tuple[list[str], dict[str, int], np.ndarray, np.ndarray]:
    """(labels, attribute -> row, weight matrix (attributes + 1, labels) whose last row is
    zeros, transition matrix [from, to]) of a crfsuite CRF1d model, read from crfsuite's text
    dump of it."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    labels = list(tagger.labels())
    fd, tmp = tempfile.mkstemp(suffix=".txt")
    os.close(fd)
    try:
        tagger.dump(tmp)
        tagger.close()
        text = Path(tmp).read_text(encoding="utf-8", errors="surrogateescape")
    finally:
        os.unlink(tmp)
    li = {lab: i for i, lab in enumerate(labels)}
    k = len(labels)
    trans = np.zeros((k, k), dtype=np.float64)
    index: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for line in text.splitlines():
        if not line.startswith("  ("):
            continue
        kind = line[3]
        left, sep, right = line[6:].rpartition(" --> ")
        if not sep:
            continue
        lab, _, w = right.rpartition(": ")
        if kind == "1":
            trans[li[left], li[lab]] = float(w)
        elif kind == "0":
            r = index.get(left)
            if r is None:
                r = index[left] = len(index)
            rows.append(r)
            cols.append(li[lab])
            vals.append(float(w))
    weights = np.zeros((len(index) + 1, k), dtype=np.float64)
    weights[rows, cols] = vals
    return labels, index, weights, trans


class NumpyCrf:
    """Label scores and Viterbi for one CRF model and its feature extractor."""

    def __init__(self, model: Path, features: FeatureExtractor, cache_size: int = 32768) -> None:
        self.labels, self.index, self.weights, self.trans = read_crfsuite_weights(model)
        self.fx = features
        self.k = len(self.labels)
        self._none = len(self.index)  # the zero row
        wv = features.vectors
        # dense word-vector weights per offset o: (dims, K), rows "v{o}:{d}"
        # and "u{o}:{d}" for the bare stem's vector
        self._dense: dict[tuple[str, int], np.ndarray] = {}
        if wv is not None:
            for prefix in ("v", "u") if wv.stems else ("v",):
                for o in range(-wv.window, wv.window + 1):
                    ids = [self.index.get(f"{prefix}{o}:{d}", self._none) for d in range(wv.dims)]
                    self._dense[prefix, o] = self.weights[ids]
        # per prefix: the slots fed and the dense matrices side by side, (dims, slots × K)
        self._dense_stack: dict[str, tuple[list[int], np.ndarray]] = {}
        for prefix in {p for p, _ in self._dense}:
            pairs = [(slot, self._dense[prefix, o]) for o, slot in ((0, 0), (-1, 1), (1, 2), (-2, 3), (2, 4))
                     if (prefix, o) in self._dense]
            self._dense_stack[prefix] = ([sl for sl, _ in pairs], np.hstack([m for _, m in pairs]))
        self._edge = tuple(self.row(a) for a in ("BOS", "EOS", "-2:BOS", "+2:EOS"))
        self.word_scores = lru_cache(maxsize=cache_size)(self._word_scores_uncached)

    def row(self, attr: str) -> np.ndarray:
        """The weight vector (over labels) of one attribute (zeros if the model lacks it)."""
        return self.weights[self.index.get(attr, self._none)]

    def _word_scores_uncached(self, tok: str) -> tuple[np.ndarray, tuple[Any, ...]]:
        """(5, K): what the word adds to the scores of the word itself, of the next word
        (it is their −1 neighbour), the previous (+1), the one after next (−2) and the one
        before the previous (+2); and the word's keys for the phrase look-ups (laid out as
        :meth:`FeatureExtractor._pos` lays them out: norm, stem, longest gazetteer / lexicon
        phrase it can start, at 5..8)."""
        fx = self.fx
        own, core, norm, sa, far = fx._word_uncached(tok)
        get, none = self.index.get, self._none
        # one gather and one segment sum: each slot starts with the zero row (never empty)
        slots = (
            own,
            ["-1:" + c for c in core],
            ["+1:" + c for c in core],
            ["-2:w=" + norm, "-2:sa=" + sa, *("-2:" + c for c in far)],
            ["+2:w=" + norm, "+2:sa=" + sa, *("+2:" + c for c in far)],
        )
        ids: list[int] = []
        starts: list[int] = []
        for attrs in slots:
            starts.append(len(ids))
            ids.append(none)
            ids.extend(map(get, attrs, repeat(none)))  # unknown attributes: the zero row
        rows = np.add.reduceat(self.weights[ids], starts, axis=0)
        wv = self.fx.vectors
        if wv is not None and self._dense_stack:
            for prefix, r in (("v", wv.row(tok)), ("u", wv.stem_row(tok) if wv.stems else None)):
                if r is None:
                    continue
                slot_ids, m = self._dense_stack[prefix]
                # the word at offset o from the tagged word feeds slot 0 (o=0), 1 (o=-1) ...
                rows[slot_ids] += (wv.matrix[r] @ m).reshape(len(slot_ids), self.k) * wv._unit
        rows.setflags(write=False)
        keys = (None, None, None, None, None, norm, sa,
                fx._phrase_top(sa, fx._gaz_first, fx.gaz_max_words if fx.gaz else 0),
                fx._phrase_top(sa, fx._lex_first, fx.lex_max_words if fx.lex_phr else 0))
        return rows, keys

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """State scores (T, K) of a sentence: the sum of its attributes' weights."""
        n = len(tokens)
        toks = [t if t else "_" for t in tokens]
        cached = [self.word_scores(t) for t in toks]
        ws = np.stack([c[0] for c in cached])  # (T, 5, K)
        s = ws[:, 0].copy()
        if n > 1:
            s[1:] += ws[:-1, 1]
            s[:-1] += ws[1:, 2]
        if n > 2:
            s[2:] += ws[:-2, 3]
            s[:-2] += ws[2:, 4]
        bos, eos, bos2, eos2 = self._edge
        s[0] += bos
        s[n - 1] += eos
        if n > 1:
            s[1] += bos2
            s[n - 2] += eos2
        fx = self.fx
        get = self.index.get
        w = self.weights
        pos = [c[1] for c in cached]
        norms = [p[5] for p in pos]
        for i in range(n - 1):
            pair = norms[i] + "|" + norms[i + 1]
            j = get("bg+=" + pair)
            if j is not None:
                s[i] += w[j]
            j = get("bg-=" + pair)
            if j is not None:
                s[i + 1] += w[j]
        for marks in (
            fx._marks(pos, norms, 7, fx.gaz, ("gB=", "gI=")) if fx.gaz_max_words >= 2 and fx.gaz else None,
            fx._marks(pos, norms, 8, fx.lex_phr, ("lB=", "lI=")) if fx.lex_phr and fx.lex_max_words >= 2 else None,
        ):
            if marks is None:
                continue
            for i, m in enumerate(marks):
                if m:
                    j = get(m)
                    if j is not None:
                        s[i] += w[j]
        return s

    def viterbi(self, s: np.ndarray) -> list[int]:
        trans = self.trans
        score = s[0]
        back = []
        for t in range(1, len(s)):
            tot = score[:, None] + trans
            b = tot.argmax(0)
            back.append(b)
            score = tot[b, np.arange(self.k)] + s[t]
        best = [int(score.argmax())]
        for b in reversed(back):
            best.append(int(b[best[-1]]))
        return best[::-1]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        if not tokens:
            return []
        labels = self.labels
        return [labels[i] for i in self.viterbi(self.scores(tokens))]

    def viterbi_batch(self, scores: Sequence[np.ndarray]) -> list[list[int]]:
        """:meth:`viterbi` of several sentences at once (same paths, same tie-breaking).

        The sentences run side by side, longest first, one numpy step per position of the
        longest rather than one per token; at position t only the sentences longer than t
        (a prefix, in that order) take part.
        """
        if not scores:
            return []
        order = sorted(range(len(scores)), key=lambda i: -len(scores[i]))
        lengths = [len(scores[i]) for i in order]
        n, top, k = len(order), lengths[0], self.k
        s = np.zeros((n, top, k))
        for r, i in enumerate(order):
            s[r, : lengths[r]] = scores[i]
        live = np.searchsorted(-np.asarray(lengths), -np.arange(top), side="left")  # rows longer than t
        trans = self.trans
        score = s[:, 0].copy()
        back: list[np.ndarray] = [np.empty(0)]
        for t in range(1, top):
            m = int(live[t])
            tot = score[:m, :, None] + trans  # (m, from, to)
            back.append(tot.argmax(1))
            score[:m] = tot.max(1) + s[:m, t]
        cur = score.argmax(1)
        paths = np.empty((n, top), dtype=np.int64)
        paths[np.arange(n), np.asarray(lengths) - 1] = cur
        for t in range(top - 1, 0, -1):
            m = int(live[t])
            cur[:m] = back[t][np.arange(m), cur[:m]]
            paths[:m, t - 1] = cur[:m]
        out: list[list[int]] = [[] for _ in scores]
        for r, i in enumerate(order):
            out[i] = paths[r, : lengths[r]].tolist()
        return out

    def tag_batch(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags of several sentences (:meth:`tag` of each, one batched Viterbi)."""
        labels = self.labels
        out: list[list[str]] = [[] for _ in sentences]
        idx = [i for i, x in enumerate(sentences) if x]
        paths = self.viterbi_batch([self.scores(sentences[i]) for i in idx])
        for i, path in zip(idx, paths):
            out[i] = [labels[j] for j in path]
        return out

    def marginals(self, tokens: Sequence[str]) -> Any:
        """Per-token label marginals (T, K) by forward-backward."""
        s = self.scores(tokens)
        tr = self.trans
        n = len(s)
        a = np.empty_like(s)
        b = np.empty_like(s)
        a[0] = s[0]
        for t in range(1, n):
            x = a[t - 1][:, None] + tr
            m = x.max(0)
            a[t] = m + np.log(np.exp(x - m).sum(0)) + s[t]
        b[n - 1] = 0.0
        for t in range(n - 2, -1, -1):
            x = tr + (s[t + 1] + b[t + 1])[None, :]
            m = x.max(1)
            b[t] = m + np.log(np.exp(x - m[:, None]).sum(1))
        lp = a + b
        mx = lp.max(1, keepdims=True)
        p = np.exp(lp - mx)
        return p / p.sum(1, keepdims=True)
