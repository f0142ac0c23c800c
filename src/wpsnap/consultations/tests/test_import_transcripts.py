"""DOCX and TXT transcripts: speaker turns, facilitator context, names never stored."""

import pytest

from wpsnap.consultations.importing import import_file, inspect_file
from wpsnap.consultations.importing.transcripts import speaker_kind, split_turns
from wpsnap.consultations.models import Participant, Statement

from . import importing_fixtures as fx

consultation = fx.consultation

PARAGRAPHS = [
    "Interview, Kampot, 4 March 2026",
    "Facilitator: What makes the market unsafe for women?",
    "P03: There is no light after six.",
    "Women walk home in the dark.",
    "",
    "Sokha Chan: The guards leave early.",
    "អ្នកសម្របសម្រួល៖ តើអ្វីដែលត្រូវផ្លាស់ប្តូរ?",
    "P03: We need a women's safety committee.",
    "Sokha Chan: ត្រូវការភ្លើងបំភ្លឺផ្លូវ។",
    "P03: Yes.",
    "P03: Yes.",
]


def docx_file(path, paragraphs=PARAGRAPHS):
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


def test_docx_turns_participants_and_questions(plan, consultation, tmp_path):
    path = docx_file(tmp_path / "kampot interview.docx")
    inspection = inspect_file(path, filename=path.name)
    assert inspection.format == "transcript" and inspection.rows == 6
    report = import_file(plan, consultation, path, filename=path.name)
    assert report.ok, report.errors
    assert (report.participants_new, report.statements_new) == (2, 6)
    assert [s["code"] for s in report.skipped] == ["no_speaker"]
    code_speaker = Participant.objects.get(attributes__speaker="P03")
    named = Participant.objects.exclude(pk=code_speaker.pk).get()
    assert named.attributes == {} and named.code.startswith("P-")
    # the name is stored nowhere
    for value in (named.source_key, named.code, str(named.attributes)):
        assert "Sokha" not in value
    assert not Statement.objects.filter(text__contains="Sokha").exists()
    assert not Statement.objects.filter(question__contains="Sokha").exists()
    first = Statement.objects.filter(participant=code_speaker).order_by("id").first()
    assert first.text == "There is no light after six.\nWomen walk home in the dark."
    assert first.question == "What makes the market unsafe for women?"
    assert first.question_label_en == first.question
    later = Statement.objects.get(text="We need a women's safety committee.")
    assert later.question_label_km == "តើអ្វីដែលត្រូវផ្លាស់ប្តូរ?"
    assert Statement.objects.filter(text="Yes.").count() == 2
    assert Statement.objects.get(text="ត្រូវការភ្លើងបំភ្លឺផ្លូវ។").language == "km"
    assert not Statement.objects.filter(text__startswith="What makes").exists()
    assert set(consultation.participants.all()) == {code_speaker, named}
    again = import_file(plan, consultation, tmp_path / "kampot interview.docx",
                        filename="renamed copy.docx")
    assert (again.participants_new, again.statements_new) == (0, 0)


def test_txt_by_paragraph_when_there_are_no_speakers(plan, consultation, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Women said the road is dark.\n\nThey asked for patrols.\n"
                    "ស្ត្រីចង់បានភ្លើងបំភ្លឺ។\n", encoding="utf-8")
    report = import_file(plan, consultation, path, filename="notes.txt")
    assert report.ok and report.statements_new == 3 and report.participants_new == 0
    assert not Statement.objects.filter(participant__isnull=False).exists()


def test_txt_in_latin1_is_rejected(plan, consultation, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes("P1: Café\nP2: très sûr\n".encode("latin-1"))
    report = import_file(plan, consultation, path, filename="notes.txt")
    assert report.status == "rejected" and report.errors[0]["code"] == "not_utf8"
    assert not Statement.objects.exists()


def test_corrupt_docx(plan, consultation, tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(docx_file(tmp_path / "ok.docx").read_bytes()[:300])
    report = import_file(plan, consultation, path, filename="broken.docx")
    assert report.status == "rejected" and report.errors[0]["code"] == "corrupt_file"
    assert not Participant.objects.exists()


@pytest.mark.parametrize(("label", "kind"), [
    ("Facilitator", "facilitator"), ("Interviewer 2", "facilitator"), ("Q", "facilitator"),
    ("អ្នកសម្របសម្រួល", "facilitator"), ("P03", "code"), ("R-12", "code"),
    ("Participant 4", "code"), ("Sokha Chan", "name"), ("Mrs Dara", "name"),
    ("10", None), ("This is a long sentence that is not a label", None), ("Note, then", None),
])
def test_speaker_kinds(label, kind):
    assert speaker_kind(label) == kind


def test_time_stamps_are_not_speakers():
    turns = split_turns(["The meeting started at 10:30 sharp.", "It ended at 12:00."])
    assert not turns.speakers and len(turns.turns) == 2
