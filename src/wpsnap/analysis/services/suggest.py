"""The coding assistant: suggestions with a confidence, the analyst's decisions, training and
its honest evaluation.

The assistant never writes a Coding by itself: `decide(..., accepted=True, by=person)` makes
one through `services.coding.add_coding`, in that person's name.
"""

from __future__ import annotations

import logging
import os
import threading
import traceback
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wpsnap.consultations.queries import visible_statements
from wpsnap.core.text import search_text

from .. import suggester as ml
from ..models import Code, Coding, Suggester, SuggestionDecision
from ..queries import suggest as q

logger = logging.getLogger(__name__)

current = q.current


@dataclass
class Suggestion:
    code: Code
    confidence: float  # 0..1
    cold: bool = False  # from the Code's description (no model for this Code yet)
    f1: float | None = None  # cross-validated F1 of this Code's model
    support: int | None = None  # Statements with this Code behind that F1

    @property
    def percent(self) -> int:
        """For display: 1–99, never "100 % sure"."""
        return min(max(round(self.confidence * 100), 1), 99)


# --- In-process caches -----------------------------------------------------------------------

_lock = threading.Lock()
_models: OrderedDict[int, ml.Model | None] = OrderedDict()
_cold: dict[int, tuple[tuple, ml.ColdStart]] = {}
MODELS_CACHED = 4


def artifact_path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name


def load_model(suggester: Suggester) -> ml.Model | None:
    """The Suggester's trained model, from memory or from its joblib file (None if missing)."""
    with _lock:
        if suggester.pk in _models:
            _models.move_to_end(suggester.pk)
            return _models[suggester.pk]
    model = None
    if suggester.artifact:
        import joblib

        try:
            model = joblib.load(artifact_path(suggester.artifact.name))
        except (OSError, ValueError, EOFError) as exc:
            logger.warning("suggester %s: cannot load its model (%s)", suggester.pk,
                           type(exc).__name__)
    with _lock:
        _models[suggester.pk] = model
        while len(_models) > MODELS_CACHED:
            _models.popitem(last=False)
    return model


def _cue(code: Code) -> ml.CodeCue:
    labels = [code.label_en, code.label_km]
    parts = [*labels, *labels, code.definition_en, code.definition_km, code.examples_en,
             code.examples_km, code.keywords]
    phrases = [search_text(line) for line in code.keywords.splitlines() if line.strip()]
    phrases += [search_text(label) for label in labels if label]
    return ml.CodeCue(code.pk, search_text(" ".join(p for p in parts if p)), phrases)


def cold_start(plan, codes: list[Code]) -> ml.ColdStart:
    """The cold start for these active Codes, rebuilt only when a Code changed."""
    key = tuple((c.pk, c.updated_at) for c in codes)
    with _lock:
        cached = _cold.get(plan.pk)
    if cached and cached[0] == key:
        return cached[1]
    model = ml.ColdStart([_cue(c) for c in codes])
    with _lock:
        _cold[plan.pk] = (key, model)
    return model


def clear_caches() -> None:
    with _lock:
        _models.clear()
        _cold.clear()


# --- Suggesting -------------------------------------------------------------------------------

def _scores(plan, text: str, codes: list[Code], suggester: Suggester | None
            ) -> dict[int, tuple[float, bool]]:
    """{code id: (confidence, from the cold start)} for every active Code."""
    out: dict[int, tuple[float, bool]] = {}
    learnt: set[int] = set()
    active = {c.pk for c in codes}
    model = load_model(suggester) if suggester else None
    if model is not None and model.code_ids:
        probabilities = model.probabilities([text])[0]
        for code_id, p in zip(model.code_ids, probabilities, strict=True):
            if code_id in active:  # a Code archived or merged since the training: never
                out[code_id] = (float(p), False)
                learnt.add(code_id)
    cold = cold_start(plan, codes)
    for code_id, p in zip(cold.code_ids, cold.scores(text), strict=True):
        if code_id not in learnt:
            out[code_id] = (float(p), True)
    return out


def suggest(plan, statement, limit: int = 5, *, user=None) -> list[Suggestion]:
    """Up to `limit` Codes for the Statement, most confident first, above the threshold;
    never a Code already applied (final layer, and `user`'s own blind layer when given),
    a Code rejected for this Statement, or an archived Code."""
    codes = list(q.active_codes(plan))
    if not codes:
        return []
    applied = Coding.objects.filter(plan=plan, statement=statement, sample__isnull=True)
    excluded = set(applied.values_list("code_id", flat=True))
    if user is not None:
        excluded |= set(Coding.objects.filter(plan=plan, statement=statement, coder=user,
                                              sample__isnull=False)
                        .values_list("code_id", flat=True))
    excluded |= set(SuggestionDecision.objects.filter(plan=plan, statement=statement,
                                                      accepted=False)
                    .values_list("code_id", flat=True))
    suggester = q.current(plan)
    text = statement.search_text or search_text(f"{statement.text} {statement.translation}")
    scores = _scores(plan, text, codes, suggester)
    figures = (suggester.metrics.get("codes") or {}) if suggester else {}
    by_id = {c.pk: c for c in codes}
    ranked = sorted(((p, cold, code_id) for code_id, (p, cold) in scores.items()
                     if code_id not in excluded and p >= ml.SHOW_THRESHOLD),
                    key=lambda t: (-t[0], t[2]))
    out = []
    for p, cold, code_id in ranked[:limit]:
        code = by_id[code_id]
        f = figures.get(code.key) or {}
        out.append(Suggestion(code, round(p, 4), cold, None if cold else f.get("f1"),
                              None if cold else f.get("support")))
    return out


def confidence_for(plan, statement, code) -> float:
    """The assistant's confidence in one Code for one Statement (0 when it has none)."""
    codes = list(q.active_codes(plan))
    text = statement.search_text or search_text(f"{statement.text} {statement.translation}")
    p, _cold = _scores(plan, text, codes, q.current(plan)).get(code.pk, (0.0, True))
    return round(p, 4)


def decide(plan, statement, code, *, accepted: bool, by) -> Coding | None:
    """Record the analyst's answer to a suggestion (one per Statement and Code: a second answer
    replaces the first). Accepted: a Coding of the whole Statement, made by `by` through
    `add_coding` (source "suggestion", with the confidence). Rejected: the Code is not
    suggested again for this Statement. Returns the Coding when accepted."""
    from .coding import add_coding

    if by is None or not getattr(by, "is_authenticated", False):
        raise ValidationError(_("A suggestion is accepted or rejected by a person."))
    if code.plan_id != plan.pk or statement.plan_id != plan.pk:
        raise ValidationError(_("This Code or Statement belongs to another plan."))
    if code.archived_at is not None:
        raise ValidationError(_("This Code is archived and cannot be applied."))
    if not visible_statements(plan).filter(pk=statement.pk).exists():
        raise ValidationError(_("This Statement is no longer available."))
    confidence = confidence_for(plan, statement, code)
    suggester = q.current(plan)
    with transaction.atomic():
        coding = None
        if accepted:
            coding = add_coding(plan, statement, code, by=by, start=0, end=len(statement.text),
                                source=Coding.Source.SUGGESTION, confidence=confidence)
        values = {"plan": plan, "suggester": suggester, "confidence": confidence,
                  "accepted": bool(accepted), "coding": coding, "decided_by": by}
        try:
            with transaction.atomic():
                SuggestionDecision.objects.update_or_create(
                    statement=statement, code=code, defaults=values)
        except IntegrityError:  # the same answer sent twice at once: the other one won
            SuggestionDecision.objects.filter(statement=statement, code=code).update(**values)
    return coding


# --- Training ---------------------------------------------------------------------------------

TOO_FEW = gettext_lazy("Too few codings to evaluate the assistant: code at least %(statements)s "
            "Statements, with at least %(support)s Statements for some Code (now %(coded)s "
            "coded Statements, the most for one Code %(best)s).")


def _check_enough(data: q.TrainingData, folds: int) -> None:
    best = int(data.y.sum(axis=0).max()) if data.y.size else 0
    need = max(2 * folds, 10)
    if folds < 2:
        raise ValidationError(_("Cross-validation needs at least 2 folds."))
    if data.coded < need or best < ml.MIN_SUPPORT:
        raise ValidationError(TOO_FEW % {"statements": need, "support": ml.MIN_SUPPORT,
                                         "coded": data.coded, "best": best})


def evaluate(plan, folds: int = 5, *, progress=None) -> dict:
    """k-fold cross-validation on the Plan's accepted codings (the `autocode evaluate` JSON):
    {"codes": {KEY: {precision, recall, f1, support}}, "macro_f1", "micro_f1", ...}.
    Raises ValidationError when there are too few codings."""
    data = q.training_data(plan)
    _check_enough(data, folds)
    result, _decisions = ml.evaluate_arrays(data.texts, data.y, data.keys, data.mask,
                                            folds=folds, progress=progress or ml._noop)
    result["codings"] = data.codings
    return result


def claim(suggester_id: int) -> bool:
    """pending → training; True only for the one caller that wins (a double click trains once)."""
    return Suggester.objects.filter(pk=suggester_id, status=Suggester.Status.PENDING).update(
        status=Suggester.Status.TRAINING, progress=0) == 1


def request_training(plan, *, by=None) -> tuple[Suggester, bool]:
    """A pending Suggester for the Plan, or the one already waiting or training (then False)."""
    from wpsnap.plans.models import Plan

    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        busy = q.running(plan)
        if busy is not None:
            return busy, False
        return Suggester.objects.create(plan=plan, requested_by=by), True


def start_training(plan, *, by=None) -> tuple[Suggester, bool]:
    """Request a training and enqueue it in the background; (suggester, started)."""
    from ..tasks import train_suggester

    suggester, created = request_training(plan, by=by)
    if not created:
        return suggester, False
    try:
        train_suggester.enqueue(suggester.pk)
    except Exception as exc:
        logger.error("suggester %s: could not enqueue the training (%s)", suggester.pk,
                     type(exc).__name__)
        Suggester.objects.filter(pk=suggester.pk).update(
            status=Suggester.Status.FAILED, error=_("The training could not be started."),
            finished_at=timezone.now())
        suggester.refresh_from_db()
        return suggester, False
    suggester.refresh_from_db()
    return suggester, True


class _Progress:
    """Writes the percentage to the Suggester row (queryset update, no signals), only when it
    moves."""

    def __init__(self, suggester_id: int, start: int, end: int, outer=None):
        self.suggester_id, self.start, self.end, self.outer = suggester_id, start, end, outer
        self.last = -1

    def __call__(self, fraction: float) -> None:
        percent = int(self.start + (self.end - self.start) * min(max(fraction, 0.0), 1.0))
        if percent == self.last:
            return
        self.last = percent
        Suggester.objects.filter(pk=self.suggester_id,
                                 status=Suggester.Status.TRAINING).update(progress=percent)
        if self.outer is not None:
            self.outer(percent)


FAILED = gettext_lazy("The training stopped because of an unexpected error.")


def run_training(suggester_id: int, *, progress=None) -> Suggester:
    """Train the claimed (status training) Suggester: the model on every accepted coding, then
    the cross-validation for its figures and calibration; save it with joblib."""
    suggester = Suggester.objects.select_related("plan").get(pk=suggester_id)
    if suggester.status != Suggester.Status.TRAINING:
        return suggester
    plan = suggester.plan
    try:
        _train(suggester, plan, progress)
    except Exception as exc:
        # Never log the exception's message: it may quote a Statement.
        logger.error("suggester %s: training failed (%s)\n%s", suggester_id,
                     type(exc).__name__, "".join(traceback.format_tb(exc.__traceback__)))
        message = exc.messages[0] if isinstance(exc, ValidationError) else FAILED
        Suggester.objects.filter(pk=suggester_id).update(
            status=Suggester.Status.FAILED, error=str(message), finished_at=timezone.now())
    suggester.refresh_from_db()
    return suggester


def _train(suggester: Suggester, plan, progress) -> None:
    import joblib

    step = _Progress(suggester.pk, 0, 5, progress)
    step(0)
    data = q.training_data(plan)
    if data.coded < 2 or not ml.usable_codes(data.y, data.mask):
        raise ValidationError(_("Too few codings to train the assistant: code at least %(n)s "
                                "Statements with the same Code first.") % {"n": ml.MIN_POSITIVES})
    step(1)
    model = ml.fit(data.texts, data.y, data.mask, data.code_ids,
                   progress=_Progress(suggester.pk, 5, 50, progress))
    metrics: dict = {}
    folds = 5
    try:
        _check_enough(data, folds)
    except ValidationError as exc:
        metrics = {"codes": {}, "macro_f1": None, "micro_f1": None,
                   "min_support": ml.MIN_SUPPORT, "note": exc.messages[0]}
    else:
        metrics, decisions = ml.evaluate_arrays(
            data.texts, data.y, data.keys, data.mask, folds=folds,
            progress=_Progress(suggester.pk, 50, 95, progress))
        metrics["codings"] = data.codings
        ml.calibrate(model, decisions, data.y, data.mask)
    name = f"suggesters/{plan.slug}-{suggester.pk}.joblib"
    path = artifact_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    joblib.dump(model, tmp)
    os.replace(tmp, path)
    with _lock:
        _models[suggester.pk] = model
    _prune(plan, keep=suggester.pk)
    Suggester.objects.filter(pk=suggester.pk).update(
        status=Suggester.Status.READY, progress=100, artifact=name, trained_on=data.codings,
        statements=len(data.statement_ids), codes=len(model.code_ids), metrics=metrics,
        error="", finished_at=timezone.now())
    if progress is not None:
        progress(100)


def _prune(plan, *, keep: int) -> None:
    """Delete the model files of the Plan's older Suggesters (their rows and figures stay, as
    the history of the assistant's quality)."""
    for old in Suggester.objects.filter(plan=plan).exclude(pk=keep).exclude(artifact=""):
        try:
            artifact_path(old.artifact.name).unlink(missing_ok=True)
        except OSError:
            logger.warning("suggester %s: cannot delete its model file", old.pk)
        Suggester.objects.filter(pk=old.pk).update(artifact="")
        with _lock:
            _models.pop(old.pk, None)


def train_now(plan, *, by=None, progress=None) -> Suggester:
    """Train at once in this process (the `autocode train` command, tests, the demo)."""
    suggester = Suggester.objects.create(plan=plan, requested_by=by)
    claim(suggester.pk)
    return run_training(suggester.pk, progress=progress)


def figures(suggester: Suggester | None) -> dict:
    """The Suggester's metrics as stored (empty when none)."""
    return (suggester.metrics or {}) if suggester else {}


__all__ = ["Suggestion", "suggest", "decide", "train_now", "current", "evaluate",
           "start_training", "request_training", "claim", "run_training"]
