"""The demo Analyse (`wpsnap.analysis.demo`), loaded by `wpsnap load_demo`: the seeded Codebook,
the demo analysts' codings, the pilot double-coding sample and its agreement, the Findings and
their Evidence, and that a second run changes nothing.

`load_demo` runs once for the module (it takes a while): inside one transaction that is rolled
back at the end, each test in its own savepoint, as Django's setUpTestData does.
"""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.test import override_settings

from wpsnap.analysis.demo.annotations import NEAR_MISS, SENTENCE_CODES, TRANSCRIPT_CODES
from wpsnap.analysis.demo.coding import (
    FRAGMENTS,
    SAMPLE_SIZE,
    SAMPLE_TITLE,
    _annotation,
    read,
    roll,
    second_coder,
    sentences_in,
)
from wpsnap.analysis.demo.findings_content import FINDINGS
from wpsnap.analysis.demo.loader import DEMO_CONSULTATIONS, _says
from wpsnap.conftest import load_demo_once
from wpsnap.consultations.demo.sentences import SENTENCES, render
from wpsnap.core.text import KHMER_RE

DEMO_SLUG = "cambodia-demo"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """load_demo once for the module; everything it wrote is rolled back afterwards."""
    media = tmp_path_factory.mktemp("media")
    with load_demo_once(django_db_blocker, media, WPSNAP_DEMO_TRAIN_ASSISTANT=True) as (plan, out):
        yield plan, out, media


@pytest.fixture
def loaded(demo, db):
    return demo[0]


def _demo_statements(plan):
    from wpsnap.consultations.queries import visible_statements

    return visible_statements(plan).filter(consultation__slug__in=DEMO_CONSULTATIONS)


# --- Without the database -----------------------------------------------------------------------

def test_every_demo_sentence_has_one_reading():
    assert len(SENTENCE_CODES) == len(SENTENCES)
    pillars = {"participation", "prevention", "protection", "relief_recovery",
               "implementation-budget-data"}
    for index in range(len(SENTENCES)):
        pillar, extra = _annotation(index)
        assert pillar in pillars
        assert extra is None or extra != SENTENCES[index][0]
    # each sentence is recognised by fixed parts no other sentence has, in both languages
    for index, fragment in FRAGMENTS:
        assert len(fragment) >= 15
        assert [i for i, (_s, en, km) in enumerate(SENTENCES)
                if fragment in en or fragment in km] == [index]


def test_rendered_sentences_are_read_back_whatever_fills_the_slots():
    place, group, when = ("Anlong Veng", "ស្រុកអន្លង់វែង"), ("widows", "ស្ត្រីមេម៉ាយ"), (
        "last year", "ឆ្នាំមុន")
    for index in range(len(SENTENCES)):
        for opening in (None, ("I think ", "ខ្ញុំគិតថា ")):
            en, km = render(index, place=place, group=group, when=when, opening=opening)
            assert [i for _p, i in sentences_in(en)] == [index]
            assert [i for _p, i in sentences_in(km)] == [index]
    en2 = " ".join(render(i, place=place, group=group, when=when)[0] for i in (12, 61))
    assert [i for _p, i in sentences_in(en2)] == [12, 61]


def test_second_coder_disagrees_sometimes_and_always_the_same_way():
    keys = [f"demo/x/{n}" for n in range(400)]
    codes = ["landmines-erw", "protection"]
    answers = [second_coder(key, codes) for key in keys]
    assert answers == [second_coder(key, codes) for key in keys]  # deterministic
    changed = sum(1 for a in answers if a != codes)
    assert 0.15 * len(keys) < changed < 0.6 * len(keys)
    for answer in answers:  # a near miss, never a random Code
        assert set(answer) <= set(codes) | {NEAR_MISS[c] for c in codes}
    assert 0 <= roll("a") < 1 and roll("a") == roll("a") != roll("b")


def test_findings_content_is_complete_in_both_languages():
    assert 18 <= len(FINDINGS) <= 25
    for spec in FINDINGS:
        for wording in filter(None, (spec.wording, spec.first_draft)):
            assert wording.title_en and wording.text_en and not KHMER_RE.search(
                wording.title_en)
            assert KHMER_RE.search(wording.title_km) and KHMER_RE.search(wording.text_km)
            assert len(wording.title_en) <= 300 and len(wording.title_km) <= 300
        assert 5 <= spec.n <= 30
    assert {s.kind for s in FINDINGS} == {"finding", "lesson_learned", "good_practice",
                                          "recommendation"}


# --- The loaded demo ----------------------------------------------------------------------------

def test_load_demo_prints_a_summary_and_sets_the_stage(demo, loaded):
    _plan, out, _media = demo
    assert "Demo Analyse:" in out
    assert loaded.stage == "validating"  # the Validate demo runs after it


def test_codebook_is_seeded_with_the_analysts_own_code(loaded):
    from wpsnap.analysis.models import Code
    from wpsnap.frameworks.models import Pillar, SecurityIssue

    keys = set(Code.objects.filter(plan=loaded).values_list("key", flat=True))
    assert set(Pillar.objects.filter(cross_cutting=False).values_list("key", flat=True)) <= keys
    assert set(SecurityIssue.objects.values_list("key", flat=True)) <= keys
    own = Code.objects.get(plan=loaded, key="implementation-budget-data")
    assert own.pillar.key == "implementation_coordination_me"
    assert own.parent.key == "wps-pillars" and own.label_km and own.created_by.username == (
        "demo-analyst")


def test_most_demo_statements_are_coded_by_the_two_analysts(loaded):
    from wpsnap.analysis.models import Coding

    statements = _demo_statements(loaded)
    final = Coding.objects.filter(plan=loaded, sample__isnull=True)
    coded = set(final.values_list("statement_id", flat=True))
    assert len(coded) >= 900
    in_sample = set(loaded.agreement_samples.get().statements.values_list("id", flat=True))
    uncoded = set(statements.values_list("id", flat=True)) - coded - in_sample
    share = len(uncoded) / statements.count()
    assert 0.05 <= share <= 0.15, share  # the queue has work
    assert not coded & in_sample  # the pilot sample waits for its resolution
    assert set(final.values_list("coder__username", flat=True)) == {"demo-analyst",
                                                                   "demo-analyst-2"}
    assert set(final.values_list("source", flat=True)) == {"manual"}
    # every coded Statement has a Pillar (or the implementation Code); some have two issues
    per_statement: dict[int, set] = {}
    for sid, key, issue in final.values_list("statement_id", "code__key",
                                             "code__security_issue_id"):
        per_statement.setdefault(sid, set()).add((key, issue is not None))
    pillar_keys = {"participation", "prevention", "protection", "relief_recovery",
                   "implementation-budget-data"}
    assert all({k for k, _i in codes} & pillar_keys for codes in per_statement.values())
    two_issues = sum(1 for codes in per_statement.values() if sum(i for _k, i in codes) >= 2)
    assert two_issues > 0.2 * len(per_statement)


def test_codes_follow_what_was_said(loaded):
    """A Statement built from a landmine sentence is coded landmines-erw, and so on."""
    from wpsnap.analysis.models import Coding

    final = Coding.objects.filter(plan=loaded, sample__isnull=True)
    keys: dict[int, set[str]] = {}
    for sid, key in final.values_list("statement_id", "code__key"):
        keys.setdefault(sid, set()).add(key)
    checked = 0
    for statement in _demo_statements(loaded).filter(pk__in=list(keys)).exclude(
            consultation__slug="fgd-transcript-anlong-veng")[:300]:
        for _position, index in sentences_in(statement.text)[:2]:
            issue = SENTENCES[index][0]
            if issue != "general":
                assert issue in keys[statement.pk], (statement.pk, issue)
                checked += 1
    assert checked > 200


def test_spans_on_the_transcript_and_on_two_part_statements(loaded):
    from wpsnap.analysis.models import Coding

    final = Coding.objects.filter(plan=loaded, sample__isnull=True).select_related("statement")
    spans = [c for c in final if not (c.start == 0 and c.end == len(c.statement.text))]
    assert len(spans) >= 20
    for coding in spans:
        assert 0 <= coding.start < coding.end <= len(coding.statement.text)
    transcript = [c for c in final if c.statement.consultation.slug == (
        "fgd-transcript-anlong-veng")]
    assert len({c.statement_id for c in transcript}) == 16  # coded in full
    for coding in transcript:
        # the facilitator's question, when the importer kept it before the answer, is never
        # part of a coding
        text = coding.statement.text
        answer = min(text.find(o) for o in TRANSCRIPT_CODES if o in text)
        assert 0 <= answer <= coding.start
    assert sum(1 for c in spans if c in transcript) >= 6  # parts of the longer answers
    assert any(c.memo for c in transcript)
    kinds = Counter(c.statement.consultation.slug == "fgd-transcript-anlong-veng"
                    for c in spans)
    assert kinds[False] > 0  # two-part Statements coded part by part too


def test_pilot_sample_double_coded_with_a_realistic_kappa(loaded):
    from sklearn.metrics import cohen_kappa_score

    from wpsnap.analysis.models import AgreementSample, Coding
    from wpsnap.analysis.queries.agreement import progress, sample_figures, statement_rows

    sample = AgreementSample.objects.get(plan=loaded)
    assert sample.title == SAMPLE_TITLE and sample.status == AgreementSample.Status.OPEN
    assert (sample.coder_a.username, sample.coder_b.username) == ("demo-analyst",
                                                                  "demo-analyst-2")
    assert sample.statements.count() == SAMPLE_SIZE
    assert progress(sample).finished
    blind = Coding.objects.filter(plan=loaded, sample=sample)
    assert set(blind.values_list("coder__username", flat=True)) == {"demo-analyst",
                                                                    "demo-analyst-2"}
    figures = sample_figures(sample)
    assert 0.5 <= figures.kappa <= 0.9, figures.kappa
    assert figures.kappa < 0.99 and figures.percent_agreement < 1
    # the same figure from scikit-learn on a unit table built here
    layers: dict[str, dict[int, set[str]]] = {"demo-analyst": {}, "demo-analyst-2": {}}
    for coder, sid, key in blind.values_list("coder__username", "statement_id", "code__key"):
        layers[coder].setdefault(sid, set()).add(key)
    statements = sorted(layers["demo-analyst"])
    codes = sorted(set().union(*layers["demo-analyst"].values(),
                               *layers["demo-analyst-2"].values()))
    a = [int(k in layers["demo-analyst"].get(s, set())) for s in statements for k in codes]
    b = [int(k in layers["demo-analyst-2"].get(s, set())) for s in statements for k in codes]
    assert cohen_kappa_score(a, b) == pytest.approx(figures.kappa)
    # the disagreement view has work: disagreements, mostly near misses
    rows = statement_rows(sample)
    disagreements = [r for r in rows if r.disagrees]
    assert 8 <= len(disagreements) <= 40
    assert not any(r.resolved for r in rows)


def test_findings_cover_pillars_categories_and_kinds(loaded):
    from wpsnap.analysis.models import Finding

    findings = Finding.objects.filter(plan=loaded).prefetch_related(
        "pillars", "security_issues", "alignments")
    assert findings.count() == len(FINDINGS)
    assert {p.key for f in findings for p in f.pillars.all()} >= {
        "participation", "prevention", "protection", "relief_recovery"}
    assert {i.category for f in findings for i in f.security_issues.all()} == {
        "traditional", "non_traditional", "emerging"}
    assert set(findings.values_list("kind", flat=True)) == set(Finding.Kind.values)
    statuses = Counter(findings.values_list("status", flat=True))
    assert statuses["presented"] >= 2 and statuses["draft"] > statuses["presented"]
    for finding in findings:
        assert finding.title_en and finding.text_en and finding.title_km and finding.text_km
        assert KHMER_RE.search(finding.title_km) and KHMER_RE.search(finding.text_km)
        assert finding.alignments.exists()
        assert all(a.framework.plan_id is None for a in finding.alignments.all())
    assert [f.key for f in findings][:2] == ["F-01", "F-02"]


def test_findings_evidence_and_strengths_vary(loaded):
    from wpsnap.analysis.models import Evidence, Finding
    from wpsnap.analysis.queries.findings import strengths

    findings = list(Finding.objects.filter(plan=loaded))
    visible = set(_demo_statements(loaded).values_list("id", flat=True))
    for finding in findings:
        evidence = list(Evidence.objects.filter(finding=finding).select_related("coding"))
        assert 5 <= len(evidence) <= 30, finding.key
        for e in evidence:
            assert e.statement_id in visible  # never a withdrawn Participant's Statement
            assert e.coding is None or (e.coding.statement_id == e.statement_id
                                        and e.coding.sample_id is None)
        assert sum(1 for e in evidence if e.coding_id) >= len(evidence) - 1
    levels = Counter(s.level for s in strengths(findings).values())
    assert levels["weak"] >= 1 and levels["moderate"] >= 1 and levels["strong"] >= 1


def test_every_point_a_finding_makes_has_evidence(loaded):
    """Each fragment a Finding is written from is said by at least one of its Statements."""
    from wpsnap.analysis.demo.loader import Read
    from wpsnap.analysis.models import Evidence, Finding

    for number, spec in enumerate(FINDINGS, start=1):
        finding = Finding.objects.get(plan=loaded, number=number)
        # The analysts' wording (the Validate demo may accept an Amendment on top of it).
        analysts = finding.revisions.filter(source="edit").order_by("-number").first()
        assert analysts.title_en == spec.wording.title_en
        statements = [e.statement for e in Evidence.objects.filter(finding=finding)
                      .select_related("statement__consultation")]
        readings = [Read(s, read(s)) for s in statements]
        for fragment in spec.match:
            assert any(_says(r, fragment) for r in readings), (finding.key, fragment)


def test_two_findings_have_a_second_revision(loaded):
    from wpsnap.analysis.models import Finding, Revision

    revised = [f for f in Finding.objects.filter(plan=loaded) if f.revisions.count() == 2]
    assert len(revised) >= 2
    for finding in revised:
        first, second = finding.revisions.order_by("number")
        assert (first.number, second.number) == (1, 2)
        assert first.title_en != second.title_en and first.text_km != second.text_km
        assert (second.title_en, second.text_km) == (finding.title_en, finding.text_km)
        assert second.author and second.author != first.author
    assert not Revision.objects.filter(finding__plan=loaded, number__gt=2).exists()


def test_the_assistant_is_trained_once_and_suggests_on_khmer(demo, loaded):
    from wpsnap.analysis.models import Coding, Suggester
    from wpsnap.analysis.services.suggest import suggest

    suggester = Suggester.objects.get(plan=loaded)
    assert suggester.status == Suggester.Status.READY, suggester.error
    assert suggester.metrics["macro_f1"] is not None and suggester.metrics["codes"]
    coded = Coding.objects.filter(plan=loaded, sample__isnull=True).values("statement_id")
    # Khmer Statements left for the queue that the analysts would code
    khmer = [st for st in _demo_statements(loaded).filter(language="km").exclude(
        pk__in=coded).exclude(agreement_samples__isnull=False).select_related(
        "consultation").order_by("id") if read(st) and read(st).sentences][:10]
    assert len(khmer) == 10
    with override_settings(MEDIA_ROOT=str(demo[2])):
        suggested = {st.pk: suggest(loaded, st, limit=3) for st in khmer}
    for suggestions in suggested.values():
        assert all(0 < s.confidence <= 1 for s in suggestions)
    # what the analysts would code is among the first suggestions for most of them
    hits = sum(1 for st in khmer if set(read(st).codes) & {
        s.code.key for s in suggested[st.pk]})
    assert hits >= 7, hits


def test_the_audit_trail_is_not_flooded(loaded):
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from wpsnap.analysis.models import Code, Coding, Evidence, Finding

    types = ContentType.objects.get_for_models(Code, Coding, Evidence, Finding).values()
    assert LogEntry.objects.filter(content_type__in=types).count() == 0


def _snapshot(plan):
    from auditlog.models import LogEntry

    from wpsnap.analysis.models import (
        AgreementSample,
        Code,
        Coding,
        Evidence,
        Finding,
        Revision,
        Suggester,
    )

    return {
        "codes": Code.objects.filter(plan=plan).count(),
        "codings": sorted(Coding.objects.filter(plan=plan).values_list(
            "statement_id", "code__key", "start", "end", "coder_id", "sample_id")),
        "samples": AgreementSample.objects.filter(plan=plan).count(),
        "findings": sorted(Finding.objects.filter(plan=plan).values_list(
            "key", "title_en", "status")),
        "evidence": Evidence.objects.filter(finding__plan=plan).count(),
        "revisions": Revision.objects.filter(finding__plan=plan).count(),
        "suggesters": Suggester.objects.filter(plan=plan).count(),
        "log": LogEntry.objects.count(),
    }


def test_second_run_changes_nothing(demo, loaded):
    _plan, _out, media = demo
    before = _snapshot(loaded)
    out = io.StringIO()
    with override_settings(MEDIA_ROOT=str(media), WPSNAP_DEMO_TRAIN_ASSISTANT=True):
        call_command("load_demo", stdout=out)
    assert "codings, 0 new), a double-coding sample" in out.getvalue()
    assert "findings (0 new)" in out.getvalue()
    assert _snapshot(loaded) == before


@pytest.mark.parametrize("language", ["en", "km"])
def test_analyse_pages_show_the_demo(loaded, client, language):
    """The Analyse pages open on the demo data, for the coordinator, in both languages."""
    from django.contrib.auth import get_user_model
    from django.urls import NoReverseMatch, reverse

    from wpsnap.analysis.models import AgreementSample, Finding

    client.force_login(get_user_model().objects.get(username="demo-coordinator"))
    client.cookies["django_language"] = language
    finding = Finding.objects.get(plan=loaded, number=5)  # presented, two Revisions
    sample = AgreementSample.objects.get(plan=loaded)
    statement = sample.statements.order_by("id").first()
    coded = loaded.codings.filter(sample__isnull=True).order_by("id").first().statement
    pages = [
        ("overview", {}), ("codebook", {}), ("coding_queue", {}),
        ("coding_statement", {"statement_id": coded.pk}), ("suggester", {}),
        ("agreement_list", {}), ("agreement_detail", {"sample_id": sample.pk}),
        ("agreement_resolve", {"sample_id": sample.pk, "statement_id": statement.pk}),
        ("matrix", {"dimension": "area"}), ("matrix", {"dimension": "cooccurrence"}),
        ("finding_list", {}), ("finding_detail", {"finding_key": finding.key}),
        ("finding_revisions", {"finding_key": finding.key}), ("situation_analysis", {}),
    ]
    opened = 0
    for name, kwargs in pages:
        try:
            url = reverse(f"analyse:{name}", kwargs={"plan_slug": loaded.slug, **kwargs})
        except NoReverseMatch:
            continue  # a page another part has not added yet
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        opened += 1
    assert opened >= 10
    page = client.get(reverse("analyse:finding_detail", kwargs={
        "plan_slug": loaded.slug, "finding_key": finding.key})).content.decode()
    assert (finding.title_km if language == "km" else finding.title_en) in page
