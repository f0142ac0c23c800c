"""The coding assistant's machine learning, free of Django: features, training, prediction,
cross-validation and the quality figures.

Texts are `Statement.search_text` strings (normalised, Khmer segmented by khmercut, tokens
joined by spaces: see `wpsnap.core.text.search_text`), so nothing is segmented twice.

Features: TF-IDF of character n-grams inside words (2–4, robust to Khmer segmentation and to
English word forms) and TF-IDF of words and word pairs. Model: one logistic regression per Code
(class_weight balanced) on statement-level labels. Confidence: the model's probability,
recalibrated per Code on cross-validated scores (Platt scaling) when the training ran the
cross-validation. Codes with too few examples get no model: the cold start (`ColdStart`)
scores them from their labels, definitions, examples and keywords.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

MIN_POSITIVES = 3  # a Code needs this many Statements to get its own model
MIN_SUPPORT = 5  # Codes with fewer examples are left out of macro/micro F1
SHOW_THRESHOLD = 0.2  # suggestions below this confidence are not shown
COLD_MAX = 0.6  # a cold-start confidence never goes above this
RANDOM_STATE = 0
C = 4.0
MAX_ITER = 200

Progress = Callable[[float], None]  # fraction done, 0..1


def _noop(_fraction: float) -> None:
    pass


def split_words(text: str) -> list[str]:
    return text.split()


def make_vectorizer(n_texts: int):
    """The feature space: character n-grams within words plus words and word pairs."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    min_df = 2 if n_texts >= 1000 else 1
    return FeatureUnion([
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=min_df,
                                  lowercase=False, sublinear_tf=True, dtype=np.float32)),
        ("words", TfidfVectorizer(tokenizer=split_words, token_pattern=None, lowercase=False,
                                  ngram_range=(1, 2), min_df=min_df, sublinear_tf=True,
                                  dtype=np.float32)),
    ])


def make_classifier():
    from sklearn.linear_model import LogisticRegression

    # lbfgs: on 50,000 Statements about 10 times faster than liblinear, same quality.
    return LogisticRegression(C=C, class_weight="balanced", max_iter=MAX_ITER)


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


@dataclass
class Model:
    """A trained assistant: the vectorizer and, per learnt Code, a weight column."""

    vectorizer: object
    code_ids: list[int]  # the learnt Codes' ids
    columns: list[int]  # their columns in the training labels
    weights: np.ndarray  # (n_features, n_codes) float32
    intercepts: np.ndarray  # (n_codes,)
    calibration: np.ndarray  # (n_codes, 2): probability = sigmoid(a * decision + b)

    def decisions(self, texts: Sequence[str]) -> np.ndarray:
        """Raw decision values (n_texts, n_codes); >= 0 means the Code applies."""
        if not self.code_ids:
            return np.zeros((len(texts), 0), dtype=np.float32)
        x = self.vectorizer.transform(texts)
        return np.asarray(x @ self.weights) + self.intercepts

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        d = self.decisions(texts)
        return _sigmoid(self.calibration[:, 0] * d + self.calibration[:, 1])

    def transform(self, texts: Sequence[str]):
        return self.vectorizer.transform(texts)


def usable_codes(y: np.ndarray, mask: np.ndarray) -> list[int]:
    """Column indexes with enough positives and at least one negative to learn from."""
    out = []
    for k in range(y.shape[1]):
        rows = mask[:, k]
        positives = int(y[rows, k].sum())
        if positives >= MIN_POSITIVES and positives < int(rows.sum()):
            out.append(k)
    return out


def fit(texts: Sequence[str], y: np.ndarray, mask: np.ndarray | None = None,
        code_ids: Sequence[int] | None = None, progress: Progress = _noop) -> Model:
    """Train on `texts` (search_text strings) with labels `y` (n_texts, n_codes) bool.

    `mask[i, k]` says whether text i may serve as an example (positive or negative) for Code k:
    coded Statements serve for every Code, a Statement whose suggestion of k was rejected only
    for k. Codes with fewer than MIN_POSITIVES positives get no model."""
    y = np.asarray(y, dtype=bool)
    n, n_codes = y.shape
    mask = np.ones_like(y) if mask is None else np.asarray(mask, dtype=bool)
    code_ids = list(range(n_codes)) if code_ids is None else list(code_ids)
    vectorizer = make_vectorizer(n)
    x = vectorizer.fit_transform(texts).tocsr()
    progress(0.3)
    learn = usable_codes(y, mask)
    weights = np.zeros((x.shape[1], len(learn)), dtype=np.float32)
    intercepts = np.zeros(len(learn), dtype=np.float32)
    everything = bool(mask.all())
    for j, k in enumerate(learn):
        clf = make_classifier()
        if everything:
            clf.fit(x, y[:, k])
        else:
            rows = np.flatnonzero(mask[:, k])
            clf.fit(x[rows], y[rows, k])
        weights[:, j] = clf.coef_[0]
        intercepts[j] = clf.intercept_[0]
        progress(0.3 + 0.7 * (j + 1) / max(len(learn), 1))
    calibration = np.tile(np.array([1.0, 0.0], dtype=np.float32), (len(learn), 1))
    progress(1.0)
    return Model(vectorizer=vectorizer, code_ids=[code_ids[k] for k in learn], columns=learn,
                 weights=np.ascontiguousarray(weights), intercepts=intercepts,
                 calibration=calibration)


def cross_val_decisions(texts: Sequence[str], y: np.ndarray, mask: np.ndarray | None = None,
                        folds: int = 5, progress: Progress = _noop) -> np.ndarray:
    """Out-of-fold decision values (n_texts, n_codes) from KFold(shuffle, fixed seed); NaN
    where the fold's training part had too few examples of the Code to learn it."""
    from sklearn.model_selection import KFold

    y = np.asarray(y, dtype=bool)
    mask = np.ones_like(y) if mask is None else np.asarray(mask, dtype=bool)
    texts = list(texts)
    out = np.full(y.shape, np.nan, dtype=np.float64)
    splitter = KFold(n_splits=folds, shuffle=True, random_state=RANDOM_STATE)
    for f, (train, test) in enumerate(splitter.split(texts)):
        def step(fraction, f=f):
            progress((f + fraction) / folds)

        model = fit([texts[i] for i in train], y[train], mask[train], progress=step)
        if model.columns:
            out[np.ix_(test, model.columns)] = model.decisions([texts[i] for i in test])
    progress(1.0)
    return out


def calibrate(model: Model, decisions: np.ndarray, y: np.ndarray, mask: np.ndarray) -> None:
    """Platt scaling per learnt Code on out-of-fold decisions, so a confidence of 0.7 means
    about 7 in 10 such suggestions were right on this Plan's own codings."""
    from sklearn.linear_model import LogisticRegression

    for j, k in enumerate(model.columns):
        rows = mask[:, k] & ~np.isnan(decisions[:, k])
        target = y[rows, k]
        if target.sum() < MIN_SUPPORT or (~target).sum() < MIN_SUPPORT:
            continue
        lr = LogisticRegression(C=100.0)
        lr.fit(decisions[rows, k].reshape(-1, 1), target)
        a, b = float(lr.coef_[0][0]), float(lr.intercept_[0])
        if a > 0:  # a scaler that inverts the ranking is not trusted
            model.calibration[j] = (a, b)


def score(y_true: np.ndarray, y_pred: np.ndarray, keys: Sequence[str],
          mask: np.ndarray | None = None, min_support: int = MIN_SUPPORT) -> dict:
    """Per-Code precision, recall, F1 and support (Statements with the Code), and macro- and
    micro-averaged F1 over the Codes with at least `min_support` examples. Codes without any
    example or prediction are left out."""
    from sklearn.metrics import precision_recall_fscore_support

    y_true = np.asarray(y_true, dtype=bool)
    y_pred = np.asarray(y_pred, dtype=bool)
    mask = np.ones_like(y_true) if mask is None else np.asarray(mask, dtype=bool)
    codes, counted_true, counted_pred, f1s = {}, [], [], []
    for k, key in enumerate(keys):
        rows = mask[:, k]
        t, p = y_true[rows, k], y_pred[rows, k]
        support = int(t.sum())
        if not support and not p.any():
            continue  # a Code nobody applied and the assistant never predicted: nothing to say
        precision, recall, f1, _ = precision_recall_fscore_support(
            t, p, average="binary", zero_division=0)
        codes[key] = {"precision": round(float(precision), 4), "recall": round(float(recall), 4),
                      "f1": round(float(f1), 4), "support": support}
        if support >= min_support:
            counted_true.append(t)
            counted_pred.append(p)
            f1s.append(float(f1))
    if counted_true:
        _, _, micro, _ = precision_recall_fscore_support(
            np.concatenate(counted_true), np.concatenate(counted_pred), average="binary",
            zero_division=0)
        micro_f1 = round(float(micro), 4)
        macro_f1 = round(float(np.mean(f1s)), 4)
    else:
        micro_f1 = macro_f1 = None
    return {"codes": codes, "macro_f1": macro_f1, "micro_f1": micro_f1,
            "min_support": min_support, "codes_counted": len(f1s)}


def evaluate_arrays(texts: Sequence[str], y: np.ndarray, keys: Sequence[str],
                    mask: np.ndarray | None = None, folds: int = 5,
                    progress: Progress = _noop) -> tuple[dict, np.ndarray]:
    """k-fold cross-validation: the `score` dict (plus folds and statements) and the
    out-of-fold decisions (for calibration). A Code without a model in a fold predicts
    nothing there."""
    decisions = cross_val_decisions(texts, y, mask, folds=folds, progress=progress)
    predicted = np.nan_to_num(decisions, nan=-1.0) >= 0
    result = score(y, predicted, keys, mask)
    result.update({"folds": folds, "statements": len(texts)})
    return result, decisions


# --- Cold start -------------------------------------------------------------------------------

KHMER_RE = re.compile(r"[\u1780-\u17FF\u19E0-\u19FF]")


@dataclass
class CodeCue:
    """What the cold start knows about one Code: its description as one search_text string
    and its keyword phrases (search_text strings too)."""

    code_id: int
    document: str
    phrases: list[str] = field(default_factory=list)


class ColdStart:
    """Scores Statements against Codes' labels, definitions, examples and keywords.

    Two signals: keyword/label phrases found in the Statement (a Khmer phrase anywhere in the
    unsegmented text, since khmercut may cut it differently in context; a Latin phrase at a
    word start, so "landmine" finds "landmines"), and the cosine similarity of word TF-IDF
    vectors fitted on the Codes' own descriptions (words shared by every Code weigh little).
    The confidence stays modest (<= COLD_MAX): these are hints, not learnt from coding."""

    def __init__(self, cues: Sequence[CodeCue]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.code_ids = [c.code_id for c in cues]
        self.phrases = []
        for cue in cues:
            latin, khmer = [], []
            for phrase in cue.phrases:
                phrase = phrase.strip()
                if not phrase:
                    continue
                if KHMER_RE.search(phrase):
                    khmer.append(phrase.replace(" ", ""))
                elif len(phrase) >= 3:
                    latin.append(re.compile(r"(?<= )" + re.escape(phrase)))
            self.phrases.append((latin, khmer))
        documents = [c.document for c in cues]
        self.vectorizer = None
        if any(d.strip() for d in documents):
            self.vectorizer = TfidfVectorizer(tokenizer=split_words, token_pattern=None,
                                              lowercase=False, sublinear_tf=True)
            self.vectorizer.fit(documents)
            # Words found in every Code's description tell the Codes apart not at all: weight 0.
            self.vectorizer.idf_ = self.vectorizer.idf_ - 1.0
            self.documents = self.vectorizer.transform(documents).tocsr()

    def scores(self, text: str) -> np.ndarray:
        """Cold-start confidence per Code (order of `code_ids`) for one search_text."""
        out = np.zeros(len(self.code_ids), dtype=np.float64)
        if not text.strip():
            return out
        joined = text.replace(" ", "")
        for i, (latin, khmer) in enumerate(self.phrases):
            hits = sum(1 for p in latin if p.search(text)) + sum(1 for p in khmer if p in joined)
            if hits:
                out[i] = min(COLD_MAX, 0.4 + 0.1 * (hits - 1))
        if self.vectorizer is not None:
            v = self.vectorizer.transform([text])
            if v.nnz:
                cosine = np.asarray((self.documents @ v.T).todense()).ravel()
                out = np.maximum(out, np.minimum(COLD_MAX, cosine * 0.8))
        return out
