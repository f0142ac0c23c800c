"""The coding assistant: cold start, training, suggestions, decisions, evaluation."""

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from sklearn.metrics import precision_recall_fscore_support

from wpsnap.analysis import suggester as ml
from wpsnap.analysis.models import Code, Coding, Suggester, SuggestionDecision
from wpsnap.analysis.services import suggest as svc
from wpsnap.consultations.models import Consent, Consultation, Participant, Statement
from wpsnap.plans.models import Role

from .fixtures_suggest import *  # noqa: F403 - the fixtures coded, isolated_media


@pytest.fixture
def consult(plan):
    return Consultation.objects.create(plan=plan, slug="c1", kind=Consultation.Kind.SURVEY,
                                       title_en="Survey")


def statement(plan, consultation, text, language="en", participant=None):
    return Statement.objects.create(plan=plan, consultation=consultation, text=text,
                                    language=language, participant=participant)


@pytest.fixture
def keyword_codes(plan):
    mines = Code.objects.create(plan=plan, key="mines", label_en="Landmines",
                                label_km="គ្រាប់មីន", keywords="landmine\nunexploded\nគ្រាប់មីន")
    traffic = Code.objects.create(plan=plan, key="traffic", label_en="Human trafficking",
                                  label_km="ការជួញដូរមនុស្ស",
                                  keywords="broker\ntrafficking\nជួញដូរមនុស្ស\nមេខ្យល់")
    Code.objects.create(plan=plan, key="old", label_en="Old landmine code",
                        keywords="landmine", archived_at="2026-01-01T00:00Z")
    return {"mines": mines, "traffic": traffic}


# --- Cold start -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "key"), [
    ("Landmines still block access to farmland.", "en", "mines"),
    ("គ្រាប់មីននៅតែជាបញ្ហានៅភូមិយើង", "km", "mines"),
    ("A broker promised my sister a job abroad.", "en", "traffic"),
    ("ការជួញដូរមនុស្សកើតមាននៅព្រំដែន", "km", "traffic"),
])
def test_cold_start_suggests_a_code_from_its_keywords(plan, consult, keyword_codes,
                                                      isolated_media, text, language, key):
    s = statement(plan, consult, text, language)
    suggestions = svc.suggest(plan, s)
    assert suggestions, "a keyword in the text gives a suggestion without any training"
    first = suggestions[0]
    assert first.code.key == key
    assert first.cold and first.f1 is None
    assert ml.SHOW_THRESHOLD <= first.confidence <= ml.COLD_MAX
    assert "old" not in {x.code.key for x in suggestions}  # archived: never suggested


def test_cold_start_stays_quiet_on_unrelated_text(plan, consult, keyword_codes, isolated_media):
    s = statement(plan, consult, "We would like more teachers in the village school.")
    assert svc.suggest(plan, s) == []


def test_cold_start_follows_a_code_edit(plan, consult, keyword_codes, isolated_media):
    s = statement(plan, consult, "The flood destroyed our rice.")
    assert svc.suggest(plan, s) == []
    flood = Code.objects.create(plan=plan, key="floods", label_en="Floods", keywords="flood")
    assert [x.code for x in svc.suggest(plan, s)] == [flood]


# --- Exclusions and decisions -----------------------------------------------------------------

def test_applied_and_rejected_codes_are_not_suggested(plan, consult, keyword_codes, members,
                                                      isolated_media):
    s = statement(plan, consult, "A broker sold the land where the landmine exploded.")
    assert {x.code.key for x in svc.suggest(plan, s)} == {"mines", "traffic"}
    analyst = members[Role.ANALYST]
    svc.decide(plan, s, keyword_codes["traffic"], accepted=False, by=analyst)
    assert [x.code.key for x in svc.suggest(plan, s)] == ["mines"]
    Coding.objects.create(plan=plan, statement=s, code=keyword_codes["mines"], coder=analyst,
                          start=0, end=5)
    assert svc.suggest(plan, s) == []


def test_accepting_twice_makes_one_coding(plan, consult, keyword_codes, members, isolated_media):
    s = statement(plan, consult, "Landmines near the school.")
    analyst = members[Role.ANALYST]
    first = svc.decide(plan, s, keyword_codes["mines"], accepted=True, by=analyst)
    second = svc.decide(plan, s, keyword_codes["mines"], accepted=True, by=analyst)
    assert first.pk == second.pk
    coding = Coding.objects.get(statement=s)
    assert (coding.source, coding.coder, coding.start, coding.end) == (
        Coding.Source.SUGGESTION, analyst, 0, len(s.text))
    assert coding.sample is None
    assert 0 < coding.confidence <= ml.COLD_MAX
    decision = SuggestionDecision.objects.get(statement=s)
    assert decision.accepted and decision.coding == coding and decision.decided_by == analyst


def test_a_second_decision_replaces_the_first(plan, consult, keyword_codes, members,
                                              isolated_media):
    s = statement(plan, consult, "A broker came to the village.")
    analyst = members[Role.ANALYST]
    svc.decide(plan, s, keyword_codes["traffic"], accepted=False, by=analyst)
    svc.decide(plan, s, keyword_codes["traffic"], accepted=True, by=analyst)
    assert SuggestionDecision.objects.filter(statement=s).count() == 1
    assert SuggestionDecision.objects.get(statement=s).accepted
    assert Coding.objects.filter(statement=s, code=keyword_codes["traffic"]).count() == 1


def test_decide_needs_a_person_and_a_code_of_the_plan(plan, other_plan, consult, keyword_codes,
                                                      members, isolated_media):
    s = statement(plan, consult, "Landmines near the school.")
    with pytest.raises(ValidationError):
        svc.decide(plan, s, keyword_codes["mines"], accepted=True, by=None)
    foreign = Code.objects.create(plan=other_plan, key="mines", label_en="Mines")
    with pytest.raises(ValidationError):
        svc.decide(plan, s, foreign, accepted=True, by=members[Role.ANALYST])
    assert not Coding.objects.exists() and not SuggestionDecision.objects.exists()


def test_no_decision_on_a_withdrawn_participant(plan, consult, keyword_codes, members,
                                                isolated_media):
    person = Participant.objects.create(plan=plan, code="P-0001")
    Consent.objects.create(participant=person, given=True, withdrawn_at="2026-02-01T00:00Z")
    s = statement(plan, consult, "Landmines near the school.", participant=person)
    with pytest.raises(ValidationError):
        svc.decide(plan, s, keyword_codes["mines"], accepted=True, by=members[Role.ANALYST])
    assert not Coding.objects.exists()


# --- Training ---------------------------------------------------------------------------------

CLEAR_CASES = [
    ("Women who collect firewood near the border are afraid of mines in the fields.",
     "landmines-erw"),
    ("ស្ត្រីខ្លាចមីននៅវាលស្រែ ពេលរកអុស។", "landmines-erw"),
    ("A broker promised the girls jobs in Thailand without papers.", "human-trafficking"),
    ("មេខ្យល់បានសន្យាផ្តល់ការងារនៅប្រទេសថៃដល់ក្មេងស្រី។", "human-trafficking"),
]


def test_training_ranks_the_right_code_first(plan, coded, members):
    suggester = svc.train_now(plan, by=members[Role.ANALYST])
    assert suggester.status == Suggester.Status.READY, suggester.error
    assert suggester.progress == 100
    assert suggester.codes == 7 and suggester.trained_on == len(coded["rows"])
    assert suggester.artifact.name == f"suggesters/{plan.slug}-{suggester.pk}.joblib"
    assert svc.current(plan) == suggester
    metrics = suggester.metrics
    assert set(metrics["codes"]) >= {"landmines-erw", "human-trafficking"}
    assert metrics["macro_f1"] > 0.5
    consultation = coded["consultation"]
    for text, key in CLEAR_CASES:
        s = statement(plan, consultation, text, "km" if "ស" in text else "en")
        suggestions = svc.suggest(plan, s)
        assert suggestions[0].code.key == key, (text, [(x.code.key, x.confidence)
                                                       for x in suggestions])
        assert not suggestions[0].cold
        assert suggestions[0].f1 == metrics["codes"][key]["f1"]
        assert suggestions[0].support == metrics["codes"][key]["support"]


def test_the_model_is_read_back_from_its_file(plan, coded, isolated_media):
    suggester = svc.train_now(plan)
    assert (isolated_media / suggester.artifact.name).exists()
    s = statement(plan, coded["consultation"], CLEAR_CASES[0][0])
    before = [(x.code.key, x.confidence) for x in svc.suggest(plan, s)]
    svc.clear_caches()
    assert [(x.code.key, x.confidence) for x in svc.suggest(plan, s)] == before


def test_rejected_codes_are_not_suggested_after_training(plan, coded, members):
    svc.train_now(plan)
    s = statement(plan, coded["consultation"], CLEAR_CASES[0][0])
    top = svc.suggest(plan, s)[0].code
    svc.decide(plan, s, top, accepted=False, by=members[Role.ANALYST])
    assert top not in [x.code for x in svc.suggest(plan, s)]
    # and the rejection is a negative example in the next training
    data = svc.q.training_data(plan)
    row = data.statement_ids.index(s.pk)
    column = data.code_ids.index(top.pk)
    assert data.mask[row].sum() == 1 and data.mask[row, column] and not data.y[row, column]


def test_training_with_too_few_codings_fails_clearly(plan, consult, keyword_codes, members,
                                                     isolated_media):
    s = statement(plan, consult, "Landmines near the school.")
    Coding.objects.create(plan=plan, statement=s, code=keyword_codes["mines"], start=0, end=4)
    suggester = svc.train_now(plan)
    assert suggester.status == Suggester.Status.FAILED
    assert "Too few codings" in suggester.error
    assert svc.current(plan) is None


# --- Evaluation -------------------------------------------------------------------------------

def test_score_against_a_hand_computed_case():
    # Code a: truth 1,1,1,0,0,0  predicted 1,1,0,1,0,0 → tp 2, fp 1, fn 1: P 2/3, R 2/3, F1 2/3
    # Code b: truth 1,1,1,1,1,0  predicted 1,1,1,0,0,0 → tp 3, fp 0, fn 2: P 1, R 3/5, F1 3/4
    # Code c: truth 1,0,0,0,0,0  predicted 0,0,0,0,0,1 (support 1 < 5: not in the averages)
    # Macro over a, b is not counted as a has support 3 < 5 … so with min_support 3:
    truth = np.array([[1, 1, 1], [1, 1, 0], [1, 1, 0], [0, 1, 0], [0, 1, 0], [0, 0, 0]])
    pred = np.array([[1, 1, 0], [1, 1, 0], [0, 1, 0], [1, 0, 0], [0, 0, 0], [0, 0, 1]])
    result = ml.score(truth, pred, ["a", "b", "c"], min_support=3)
    assert result["codes"]["a"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667,
                                    "support": 3}
    assert result["codes"]["b"] == {"precision": 1.0, "recall": 0.6, "f1": 0.75, "support": 5}
    assert result["codes"]["c"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert result["macro_f1"] == round((2 / 3 + 0.75) / 2, 4)
    # micro over a and b: tp 5, fp 1, fn 3 → P 5/6, R 5/8, F1 = 2*5/(2*5+1+3) = 10/14
    assert result["micro_f1"] == round(10 / 14, 4)
    _p, _r, f, _s = precision_recall_fscore_support(truth[:, :2], pred[:, :2], average="micro")
    assert result["micro_f1"] == round(float(f), 4)
    assert ml.score(truth, pred, ["a", "b", "c"])["macro_f1"] == 0.75  # only b has >= 5


def test_score_honours_the_mask():
    truth = np.array([[1], [0], [0]])
    pred = np.array([[1], [1], [0]])
    mask = np.array([[True], [False], [True]])  # row 2 only counts for another Code
    assert ml.score(truth, pred, ["a"], mask, min_support=1)["codes"]["a"]["precision"] == 1.0


def test_evaluate_on_the_plan(plan, coded):
    result = svc.evaluate(plan, folds=3)
    assert result["folds"] == 3 and result["statements"] == len(coded["rows"])
    assert set(result) >= {"codes", "macro_f1", "micro_f1"}
    for key in ("landmines-erw", "human-trafficking"):
        figures = result["codes"][key]
        assert set(figures) == {"precision", "recall", "f1", "support"}
        assert figures["support"] == sum(1 for _s, k in coded["rows"] if k == key)
    assert 0.5 < result["macro_f1"] <= 1 and 0.5 < result["micro_f1"] <= 1
    assert svc.evaluate(plan, folds=3) == result  # fixed folds: the same figures every time


def test_evaluate_with_too_few_codings_is_a_clear_error(plan, consult, keyword_codes,
                                                        isolated_media):
    with pytest.raises(ValidationError, match="Too few codings"):
        svc.evaluate(plan)


def test_calibration_uses_the_codes_own_columns():
    # Code ids far from column numbers: calibration must follow the columns, not the ids.
    rng = np.random.default_rng(0)
    words = {0: "mine field farmer", 1: "broker job abroad", 2: "flood rice water"}
    labels = rng.integers(0, 3, size=90)
    texts = [f" {words[k]} {rng.integers(1000)} " for k in labels]
    y = np.stack([labels == k for k in range(3)], axis=1)
    y[:8, 2] = ~y[:8, 2]  # some noise, so the calibration has something to fit
    model = ml.fit(texts, y, code_ids=[501, 77, 1000])
    assert model.code_ids == [501, 77, 1000] and model.columns == [0, 1, 2]
    _result, decisions = ml.evaluate_arrays(texts, y, ["a", "b", "c"], folds=3)
    ml.calibrate(model, decisions, y, np.ones_like(y))
    assert (model.calibration[:, 0] > 0).all()
    assert not np.allclose(model.calibration, [[1.0, 0.0]] * 3)
    p = model.probabilities([" broker job abroad 5 "])[0]
    assert p.argmax() == 1 and 0 < p.min() < p.max() < 1


def test_a_code_archived_after_training_is_not_suggested(plan, coded, isolated_media):
    first = svc.train_now(plan)
    s = statement(plan, coded["consultation"], CLEAR_CASES[0][0])
    mines = coded["codes"]["landmines-erw"]
    assert svc.suggest(plan, s)[0].code == mines
    Code.objects.filter(pk=mines.pk).update(archived_at="2026-03-01T00:00Z")
    assert mines not in [x.code for x in svc.suggest(plan, s)]
    # a retraining keeps one model file: the older one is deleted, its figures stay
    second = svc.train_now(plan)
    first.refresh_from_db()
    assert not first.artifact and first.metrics
    assert [p.name for p in (isolated_media / "suggesters").iterdir()] == [
        f"{plan.slug}-{second.pk}.joblib"]
    assert "landmines-erw" not in second.metrics["codes"]


def test_score_leaves_out_codes_without_examples_or_predictions():
    truth = np.array([[1, 0, 0], [0, 0, 0]])
    pred = np.array([[1, 0, 1], [0, 0, 0]])
    codes = ml.score(truth, pred, ["a", "never", "guessed"], min_support=1)["codes"]
    assert set(codes) == {"a", "guessed"} and codes["guessed"]["precision"] == 0.0
