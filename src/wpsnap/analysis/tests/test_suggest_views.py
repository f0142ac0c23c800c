"""The assistant's pages, fragments and command; the background training task."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from wpsnap.analysis.models import Code, Coding, Suggester, SuggestionDecision
from wpsnap.analysis.services import suggest as svc
from wpsnap.analysis.tasks import train_suggester
from wpsnap.consultations.models import Consultation, Statement
from wpsnap.plans.models import Role

from .fixtures_suggest import *  # noqa: F403 - the fixtures coded, isolated_media


@pytest.fixture
def mines(plan):
    return Code.objects.create(plan=plan, key="mines", label_en="Landmines",
                               label_km="គ្រាប់មីន", keywords="landmine\nគ្រាប់មីន")


@pytest.fixture
def one(plan, mines, isolated_media):
    consultation = Consultation.objects.create(plan=plan, slug="c1", title_en="Survey",
                                               kind=Consultation.Kind.SURVEY)
    return Statement.objects.create(plan=plan, consultation=consultation, language="km",
                                    text="គ្រាប់មីននៅតែជាបញ្ហានៅភូមិយើង")


def url(name, plan, *args):
    return reverse(f"analyse:{name}", args=[plan.slug, *args])


# --- Access -----------------------------------------------------------------------------------

@pytest.mark.parametrize("who", [Role.VIEWER, Role.FACILITATOR, Role.FOCAL_POINT])
def test_outside_the_workspace_is_forbidden(plan, one, client_as, who):
    client = client_as(who)
    assert client.get(url("suggester", plan)).status_code == 403
    assert client.get(url("suggestions", plan, one.pk)).status_code == 403
    assert client.post(url("suggestion_decide", plan, one.pk),
                       {"code": "mines", "accepted": "1"}).status_code == 403
    assert client.post(url("suggester_retrain", plan)).status_code == 403
    assert not Coding.objects.exists() and not Suggester.objects.exists()


def test_an_outsider_gets_404(plan, one, client_as):
    client = client_as("outsider")
    assert client.get(url("suggester", plan)).status_code == 404
    assert client.get(url("suggestions", plan, one.pk)).status_code == 404


def test_a_statement_of_another_plan_is_404(plan, other_plan, one, client_as):
    other = Statement.objects.create(
        plan=other_plan, text="Landmines", language="en",
        consultation=Consultation.objects.create(plan=other_plan, slug="x", title_en="X",
                                                 kind=Consultation.Kind.SURVEY))
    client = client_as(Role.ANALYST)
    assert client.get(url("suggestions", plan, other.pk)).status_code == 404
    assert client.post(url("suggestion_decide", plan, other.pk),
                       {"code": "mines", "accepted": "1"}).status_code == 404


# --- Suggestions fragment and decisions -------------------------------------------------------

def test_suggestions_fragment_has_accept_and_reject(plan, one, client_as):
    response = client_as(Role.ANALYST).get(url("suggestions", plan, one.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-accept aria-label="Accept Landmines"' in html
    assert 'data-reject aria-label="Reject Landmines"' in html
    assert "from the Code's description" in html
    assert 'name="code" value="mines"' in html


def test_accept_with_htmx_makes_a_coding_and_triggers(plan, one, client_as, members):
    client = client_as(Role.ANALYST)
    for _twice in range(2):
        response = client.post(url("suggestion_decide", plan, one.pk),
                               {"code": "mines", "accepted": "1"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert response["HX-Trigger"] == "codings-changed"
    coding = Coding.objects.get()
    assert coding.source == Coding.Source.SUGGESTION and coding.coder == members[Role.ANALYST]
    assert "Accept Landmines" not in response.content.decode()  # applied: not suggested again


def test_reject_without_js_redirects_to_the_coding_page(plan, one, client_as):
    response = client_as(Role.COORDINATOR).post(url("suggestion_decide", plan, one.pk),
                                                {"code": "mines", "accepted": "0"})
    assert response.status_code == 302
    assert response["Location"] == url("coding_statement", plan, one.pk)
    decision = SuggestionDecision.objects.get()
    assert not decision.accepted and not Coding.objects.exists()
    html = client_as(Role.COORDINATOR).get(url("suggestions", plan, one.pk)).content.decode()
    assert "Landmines" not in html


def test_an_empty_decision_changes_nothing(plan, one, client_as):
    client = client_as(Role.ANALYST)
    assert client.post(url("suggestion_decide", plan, one.pk)).status_code == 302
    response = client.post(url("suggestion_decide", plan, one.pk), {"code": "nope",
                                                                    "accepted": "1"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "HX-Trigger" not in response
    assert 'role="alert"' in response.content.decode()
    assert not Coding.objects.exists() and not SuggestionDecision.objects.exists()


# --- Training: task, claim, progress, page ----------------------------------------------------

def test_retrain_button_trains_once(plan, coded, client_as):
    client = client_as(Role.ANALYST)
    response = client.post(url("suggester_retrain", plan))
    assert response.status_code == 302
    suggester = Suggester.objects.get()
    assert suggester.status == Suggester.Status.READY and suggester.progress == 100
    assert suggester.metrics["macro_f1"] is not None
    page = client.get(url("suggester", plan)).content.decode()
    assert "Quality per Code" in page and "landmines-erw" in page
    assert "macro-averaged F1" in page


def test_a_claimed_training_is_not_run_twice(plan, coded):
    suggester, created = svc.request_training(plan)
    again, created_again = svc.request_training(plan)
    assert created and not created_again and again == suggester  # a double click
    assert svc.claim(suggester.pk)
    assert not svc.claim(suggester.pk)
    assert train_suggester.call(suggester.pk) == {"status": "skipped"}  # a repeated delivery
    Suggester.objects.filter(pk=suggester.pk).update(status=Suggester.Status.PENDING)
    result = train_suggester.call(suggester.pk)
    assert result["status"] == Suggester.Status.READY


def test_progress_is_written_while_training(plan, coded):
    seen = []
    svc.train_now(plan, progress=seen.append)
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 100
    assert any(0 < p < 100 for p in seen)


def test_a_failure_is_recorded_without_statement_text(plan, coded, monkeypatch, caplog):
    from wpsnap.analysis import suggester as ml

    def boom(texts, *args, **kwargs):
        raise RuntimeError(texts[0])  # an error whose message quotes a Statement

    monkeypatch.setattr(ml, "fit", boom)
    suggester = svc.train_now(plan)
    assert suggester.status == Suggester.Status.FAILED and suggester.finished_at
    quoted = coded["rows"][0][0].search_text.strip()
    assert "unexpected error" in suggester.error and quoted not in suggester.error
    assert "RuntimeError" in caplog.text and quoted not in caplog.text


def test_progress_fragment_and_json(plan, coded, client_as):
    suggester, _created = svc.request_training(plan)
    client = client_as(Role.ANALYST)
    fragment = client.get(url("suggester_progress", plan, suggester.pk), HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert 'hx-trigger="every 1s"' in fragment.content.decode()
    assert "<progress" in fragment.content.decode()
    page = client.get(url("suggester", plan)).content.decode()
    assert 'hx-trigger="every 1s"' in page  # the page shows the bar while waiting
    svc.claim(suggester.pk)
    svc.run_training(suggester.pk)
    data = client.get(url("suggester_progress", plan, suggester.pk) + "?format=json").json()
    assert data == {"id": suggester.pk, "status": "ready", "progress": 100, "finished": True,
                    "error": ""}
    done = client.get(url("suggester_progress", plan, suggester.pk), HTTP_HX_REQUEST="true")
    assert "every 1s" not in done.content.decode() and done["HX-Refresh"] == "true"


def test_progress_of_another_plans_suggester_is_404(plan, other_plan, coded, client_as):
    foreign = Suggester.objects.create(plan=other_plan)
    response = client_as(Role.ANALYST).get(url("suggester_progress", plan, foreign.pk))
    assert response.status_code == 404


def test_page_before_any_training(plan, one, client_as):
    html = client_as(Role.COORDINATOR).get(url("suggester", plan)).content.decode()
    assert "not trained yet" in html and "Retrain the assistant" in html


# --- Command ----------------------------------------------------------------------------------

def test_autocode_evaluate_json(plan, coded):
    out = StringIO()
    call_command("autocode", "evaluate", "--plan", plan.slug, "--folds", "3", "--json",
                 stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) >= {"codes", "macro_f1", "micro_f1"}
    figures = data["codes"]["landmines-erw"]
    assert set(figures) == {"precision", "recall", "f1", "support"}
    assert all(0 <= figures[k] <= 1 for k in ("precision", "recall", "f1"))
    assert data == svc.evaluate(plan, folds=3)


def test_autocode_evaluate_table_and_train(plan, coded):
    out = StringIO()
    call_command("autocode", "evaluate", "--plan", plan.slug, "--folds", "3", stdout=out)
    assert "landmines-erw" in out.getvalue() and "macro F1" in out.getvalue()
    out = StringIO()
    call_command("autocode", "train", "--plan", plan.slug, stdout=out)
    suggester = Suggester.objects.get()
    assert f"Suggester {suggester.pk} ready" in out.getvalue()


def test_autocode_errors(plan, one):
    with pytest.raises(CommandError, match="No Plan"):
        call_command("autocode", "evaluate", "--plan", "nope")
    with pytest.raises(CommandError, match="Too few codings"):
        call_command("autocode", "evaluate", "--plan", plan.slug)
