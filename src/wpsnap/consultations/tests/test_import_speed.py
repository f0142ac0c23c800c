"""What the import's speed-ups must not change: the legacy-font check's shortcut, the indexes the
idempotency lookups use, rows counted only when asked, links of Participants met before, and the
SQLite cache put back after an import."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from wpsnap.consultations.importing import import_file, readers
from wpsnap.consultations.importing.values import looks_like_legacy_khmer
from wpsnap.consultations.models import Consultation, Participant, Statement

from . import importing_fixtures as fx

areas = fx.areas
consultation = fx.consultation

QUESTIONS = ["respondent/sex", "respondent/age", "respondent/province", "respondent/consent",
             "story"]
MAPPING = {"participant": {"sex": "sex", "age_band": "age", "area": "province"},
           "consent": {"column": "consent", "yes": "yes"}, "statements": ["story"]}


def answers(n: int, consent: str = "yes") -> dict:
    return {"respondent/sex": "f", "respondent/age": "30", "respondent/province": "pp",
            "respondent/consent": consent, "story": f"Answer {n}: the road is dark at night."}


def workbook(tmp_path, count: int, name: str = "export.xlsx", repeat=None):
    return fx.kobo_workbook(tmp_path / name, [answers(n) for n in range(count)],
                            questions=QUESTIONS, repeat=repeat)


def run(plan, consultation, path, **kwargs):
    return import_file(plan, consultation, path, filename=path.name,
                       mapping=kwargs.pop("mapping", MAPPING), **kwargs)


# --- the legacy-font check ----------------------------------------------------------------------

_CASE_SWITCH = re.compile(r"[a-z][A-Z]")
_INNER_SYMBOL = re.compile(r"[A-Za-z][^\sA-Za-z0-9'\-.&’][A-Za-z]")
_LIMON_CHARS = re.compile(r"[\u00a1-\u00bf\u00d7\u00f7\u00fe\u00de\u00f1\u00fa\u00e0-\u00e5]")


def reference_legacy(text: str) -> bool:
    """The check word by word, without the whole-text shortcut."""
    if re.search(r"[\u1780-\u17ff]", text):
        return False
    words = [w.strip(".,;:!?\"'()[]") for w in text.split()]
    words = [w for w in words if len(w) >= 2 and re.search(r"[A-Za-z]", w)]
    if len(words) < 3:
        return False
    odd = sum(1 for w in words if _CASE_SWITCH.search(w) or _INNER_SYMBOL.search(w)
              or _LIMON_CHARS.search(w))
    return odd / len(words) >= 0.4


LEGACY_ALPHABET = "aAbBeEhHkKrRsS ;:)(.,'-&©¬þñú)ក\n\t\"[]!?’"


@given(st.text(alphabet=LEGACY_ALPHABET, max_size=40))
def test_the_legacy_font_shortcut_gives_the_word_by_word_answer(text):
    assert looks_like_legacy_khmer(text) == reference_legacy(text)


def test_the_legacy_font_check_still_finds_limon_text():
    assert looks_like_legacy_khmer("RksYgkic©karnaCn )anpþl;esvaCUnsRmab; RsþI rgeRKaH ehIy")
    assert not looks_like_legacy_khmer("The market is unsafe at night, people say.")


# --- lookups by source key use the unique indexes -----------------------------------------------

@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plans")
def test_source_key_lookups_use_the_partial_unique_index(plan, consultation, areas, tmp_path):
    """Without the index's own condition (source_key != '') SQLite cannot use the partial
    unique index and reads every Participant of the Plan once per batch (quadratic)."""
    path = workbook(tmp_path, 3)
    with CaptureQueriesContext(connection) as first:  # the new Participants' ids
        assert run(plan, consultation, path).participants_new == 3
    with CaptureQueriesContext(connection) as second:  # the Participants met before
        report = run(plan, consultation, path)
    assert report.ok and report.participants_existing == 3
    lookups = [q["sql"] for q in first.captured_queries + second.captured_queries
               if q["sql"].lstrip().upper().startswith("SELECT")
               and "consultations_participant" in q["sql"] and "source_key" in q["sql"]
               and " IN (" in q["sql"]]
    assert len(lookups) == 2
    with connection.cursor() as cursor:
        for sql in lookups:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan_text = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "participant_source_key_per_plan" in plan_text, (sql, plan_text)


# --- Participants met before, Statements met before ---------------------------------------------

def test_a_second_consultation_links_the_same_participants_and_adds_its_statements(
        plan, consultation, areas, tmp_path):
    path = workbook(tmp_path, 4)
    run(plan, consultation, path)
    other = Consultation.objects.create(plan=plan, slug="second", kind="survey",
                                        title_en="Second round", language="km_en")
    report = run(plan, other, path)
    assert report.ok
    assert (report.participants_new, report.participants_existing) == (0, 4)
    assert (report.statements_new, report.statements_existing) == (4, 0)
    assert Participant.objects.count() == 4
    for participant in Participant.objects.all():
        assert set(participant.consultations.values_list("slug", flat=True)) == {
            consultation.slug, "second"}
    again = run(plan, other, path)
    assert (again.statements_new, again.statements_existing) == (0, 4)
    assert Participant.consultations.through.objects.count() == 8
    assert Statement.objects.count() == 8


def test_statements_get_their_language_and_search_words(plan, consultation, areas, tmp_path):
    khmer = "ផ្លូវងងឹតនៅពេលយប់"
    rows = [{**answers(1), "story": khmer}, {**answers(2), "story": khmer}, answers(3)]
    path = fx.kobo_workbook(tmp_path / "x.xlsx", rows, questions=QUESTIONS)
    report = run(plan, consultation, path)
    assert report.ok and report.statements_new == 3
    from wpsnap.core.text import search_text

    for statement in Statement.objects.all():
        assert statement.search_text == search_text(statement.text)
        assert statement.language == ("km" if statement.text == khmer else "en")
        assert statement.created_at is not None


# --- rows counted only when asked ---------------------------------------------------------------

def test_an_import_counts_a_sheet_from_its_rows(tmp_path):
    path = workbook(tmp_path, 7, repeat=("members", ["name"], [[{"name": "a"}]] * 7))
    counted = readers.read_workbook(str(path), path.name)
    assert [t.known_count for t in (counted.main, *counted.repeats)] == [7, 7]
    lazy = readers.read_workbook(str(path), path.name, count_rows=False)
    assert lazy.main.known_count is None and lazy.repeats[0].known_count is None
    assert len(list(lazy.main.rows())) == 7
    assert lazy.main.known_count == 7  # from the loaded sheet
    assert lazy.repeats[0].known_count is None  # never read, never counted
    assert lazy.repeats[0].count == 7  # counted when asked


def test_a_sheet_with_only_a_header_is_refused_without_counting(plan, consultation, tmp_path):
    path = fx.kobo_workbook(tmp_path / "empty.xlsx", [], questions=QUESTIONS)
    report = run(plan, consultation, path)
    assert report.status == "rejected"
    assert report.errors[0]["code"] == "no_rows"


def test_too_many_rows_is_still_refused_when_rows_are_not_counted(plan, consultation, areas,
                                                                   tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    report = run(plan, consultation, workbook(tmp_path, 5))
    assert report.status == "rejected"
    assert report.errors[0]["code"] == "too_many_rows"
    assert not Participant.objects.exists() and not Statement.objects.exists()


def test_progress_counts_the_rows_that_are_read(plan, consultation, areas, tmp_path):
    """A repeat sheet without statement columns is not read, so it is not in the total."""
    path = workbook(tmp_path, 6, repeat=("members", ["name"], [[{"name": "a"}, {"name": "b"}]]
                                         * 6))
    calls = []
    report = run(plan, consultation, path, progress=lambda done, total: calls.append(
        (done, total)))
    assert report.ok
    assert calls[-1] == (6, 6)
    assert all(total == 6 and done <= total for done, total in calls)


# --- SQLite settings ----------------------------------------------------------------------------

@pytest.mark.skipif(connection.vendor != "sqlite", reason="an SQLite setting")
def test_the_sqlite_cache_is_put_back_after_an_import(plan, consultation, areas, tmp_path,
                                                     monkeypatch):
    from wpsnap.consultations.importing import engine

    seen = []
    original = engine._TableImport.run

    def watching(self):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            seen.append(cursor.fetchone()[0])
        return original(self)

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
    monkeypatch.setattr(engine._TableImport, "run", watching)
    assert run(plan, consultation, workbook(tmp_path, 2)).ok
    assert seen == [-engine.SQLITE_IMPORT_CACHE_KIB]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == before
