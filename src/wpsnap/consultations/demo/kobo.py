"""KoboToolbox-format files: an XLSForm and the XLSX export of its submissions, laid out as KPI's
export task writes them (XML names and values, groups not in headers, select_multiple "both",
metadata columns, one sheet per repeat group joined by `_parent_index`). See the real samples
and their README in shared/samples/kobo/.

`write_export` streams rows, so the benchmark can write 100,000 submissions with it.
"""

import datetime as dt
import random
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .content import PROVINCES
from .sentences import GENERAL, GROUPS, PLACES, SENTENCES, WHAT_HELPS, WHEN, render
from .xlsx import sheet_title, write_xlsx

EN = "English (en)"
KM = "Khmer (km)"
KPI_UID_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
META = ("_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
        "_submitted_by", "__version__", "_tags", "meta/rootUuid", "_index")
REPEAT_META = ("_index", "_parent_table_name", "_parent_index", "_submission__id",
               "_submission__uuid", "_submission__submission_time",
               "_submission__validation_status", "_submission__notes", "_submission__status",
               "_submission__submitted_by", "_submission___version__", "_submission__tags",
               "_submission_meta/rootUuid")


@dataclass
class Submission:
    answers: dict  # column header -> text
    id: int
    uuid: str
    submission_time: str
    version: str
    validation: str | None = None
    submitted_by: str | None = None
    tags: str | None = None
    repeat: list[dict] = field(default_factory=list)  # rows of the repeat group


def kpi_uid(rng: random.Random, prefix: str) -> str:
    return prefix + "".join(rng.choice(KPI_UID_ALPHABET) for _ in range(21))


def random_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def odk_time(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}+07:00"


def _meta(sub: Submission) -> list:
    return [sub.id, sub.uuid, sub.submission_time, sub.validation, None, "submitted_via_web",
            sub.submitted_by, sub.version, sub.tags, "uuid:" + sub.uuid]


def write_export(path, *, title: str, columns: list[str], repeat_name: str | None,
                 repeat_columns: list[str], submissions: Callable[[], Iterable[Submission]]
                 ) -> dict:
    """Write a Kobo XLSX export. `submissions` is called once per sheet (it must give the same
    submissions each time), so nothing has to be held in memory."""

    def main_rows() -> Iterator[list]:
        for index, sub in enumerate(submissions(), start=1):
            yield [sub.answers.get(c) for c in columns] + _meta(sub) + [index]

    def repeat_rows() -> Iterator[list]:
        number = 0
        for parent, sub in enumerate(submissions(), start=1):
            meta = _meta(sub)
            for row in sub.repeat:
                number += 1
                yield ([row.get(c) for c in repeat_columns]
                       + [number, title, parent] + meta)

    sheets = [(sheet_title(title), [*columns, *META], main_rows())]
    if repeat_name:
        sheets.append((repeat_name, [*repeat_columns, *REPEAT_META], repeat_rows()))
    return write_xlsx(path, sheets)


def write_xlsform(path, survey: list[dict], choices: list[dict], settings: dict) -> None:
    sheets = []
    for name, rows in (("survey", survey), ("choices", choices), ("settings", [settings])):
        header: list[str] = []
        for row in rows:
            header += [k for k in row if k not in header]
        sheets.append((name, header, [[row.get(k) for k in header] for row in rows]))
    write_xlsx(path, sheets)


def label(en: str, km: str, column: str = "label") -> dict:
    return {f"{column}::{EN}": en, f"{column}::{KM}": km}


def question(type_: str, name: str, en: str | None = None, km: str | None = None, **extra):
    row = {"type": type_, "name": name}
    if en is not None:
        row.update(label(en, km or ""))
    row.update(extra)
    return row


# --- The demo survey ----------------------------------------------------------------------------

TITLE = "Provincial survey on women, peace and security 2026"
FORM_ID = "wps_provincial_survey_2026"
FORM_VERSION = "3 (2026-01-20 03:12:45)"
SEED = 2026
N_SUBMISSIONS = 60
REPEAT = "household_member"
TEXT_QUESTIONS = ("biggest_concern", "what_helps", "one_change")
PROVINCE_CHOICES = {"12": ("phnom_penh", "Phnom Penh", "ភ្នំពេញ"),
                    "02": ("battambang", "Battambang", "បាត់ដំបង"),
                    "17": ("siem_reap", "Siem Reap", "សៀមរាប"),
                    "22": ("oddar_meanchey", "Oddar Meanchey", "ឧត្ដរមានជ័យ")}
CHOICES = {
    "yes_no": [("yes", "Yes", "បាទ/ចាស"), ("no", "No", "ទេ")],
    "province": [PROVINCE_CHOICES[code] for code in PROVINCES],
    "sex": [("female", "Female", "ស្រី"), ("male", "Male", "ប្រុស"),
            ("other", "Other", "ផ្សេងទៀត")],
    "age_group": [("under_18", "Under 18", "ក្រោម ១៨ ឆ្នាំ"), ("18_24", "18–24", "១៨–២៤ ឆ្នាំ"),
                  ("25_34", "25–34", "២៥–៣៤ ឆ្នាំ"), ("35_44", "35–44", "៣៥–៤៤ ឆ្នាំ"),
                  ("45_59", "45–59", "៤៥–៥៩ ឆ្នាំ"), ("60_plus", "60 and over", "៦០ ឆ្នាំឡើងទៅ")],
    "disability": [("yes", "Yes", "បាទ/ចាស"), ("no", "No", "ទេ"),
                   ("unknown", "Prefer not to say", "មិនចង់ឆ្លើយ")],
    "group": [("women", "Woman or girl in the community", "ស្ត្រី ឬក្មេងស្រីក្នុងសហគមន៍"),
              ("youth", "Young person", "យុវជន"),
              ("marginalised", "Person from a marginalised group",
               "អ្នកមកពីក្រុមងាយរងគ្រោះ"),
              ("community_leader", "Community or religious leader",
               "អ្នកដឹកនាំសហគមន៍ ឬអ្នកដឹកនាំសាសនា"),
              ("civil_society", "NGO or civil society", "អង្គការមិនមែនរដ្ឋាភិបាល ឬសង្គមស៊ីវិល"),
              ("subnational", "Local authority", "អាជ្ញាធរមូលដ្ឋាន")],
    "concerns": [("landmines", "Landmines and unexploded ordnance", "មីន និងគ្រាប់មិនទាន់ផ្ទុះ"),
                 ("trafficking", "Human trafficking", "ការជួញដូរមនុស្ស"),
                 ("online_scams", "Online scams and fake job offers",
                  "ការឆបោកតាមអនឡាញ និងការផ្តល់ការងារក្លែងក្លាយ"),
                 ("border_conflict", "Border conflict and displacement",
                  "ជម្លោះព្រំដែន និងការភៀសខ្លួន"),
                 ("domestic_violence", "Violence at home", "អំពើហិង្សាក្នុងគ្រួសារ"),
                 ("floods_drought", "Floods and drought", "ទឹកជំនន់ និងគ្រោះរាំងស្ងួត"),
                 ("unsafe_migration", "Unsafe migration", "ការធ្វើចំណាកស្រុកដោយគ្មានសុវត្ថិភាព"),
                 ("land_disputes", "Land disputes", "វិវាទដីធ្លី"),
                 ("online_harassment", "Harassment online", "ការបៀតបៀនតាមអនឡាញ")],
    "safe3": [("yes", "Yes", "បាទ/ចាស"), ("somewhat", "Somewhat", "ខ្លះៗ"), ("no", "No", "ទេ")],
}
CONSENTED = "${consent} = 'yes'"


def survey_form() -> tuple[list[dict], list[dict], dict]:
    survey = [
        question("start", "start"),
        question("end", "end"),
        question("note", "consent_note",
                 "Read the consent statement aloud. Answers are anonymous and the person may "
                 "stop at any time.",
                 "សូមអានសេចក្តីថ្លែងអំពីការយល់ព្រមឱ្យឮៗ។ ចម្លើយគឺអនាមិក "
                 "ហើយអ្នកឆ្លើយអាចឈប់នៅពេលណាក៏បាន។"),
        question("select_one yes_no", "consent",
                 "Do you agree to take part in this survey?",
                 "តើអ្នកយល់ព្រមចូលរួមក្នុងការស្ទង់មតិនេះដែរឬទេ?", required="true"),
        question("begin_group", "respondent", "About you", "អំពីអ្នក", relevant=CONSENTED),
        question("select_one province", "province", "Province", "ខេត្ត/រាជធានី",
                 required="true", appearance="minimal"),
        question("select_one sex", "sex", "Sex", "ភេទ", required="true"),
        question("select_one age_group", "age_group", "Age group", "ក្រុមអាយុ", required="true"),
        question("select_one disability", "disability",
                 "Do you have a disability or serious difficulty seeing, hearing, walking or "
                 "remembering?",
                 "តើអ្នកមានពិការភាព ឬមានការលំបាកធ្ងន់ធ្ងរក្នុងការមើល ស្តាប់ ដើរ ឬចងចាំដែរឬទេ?"),
        question("select_one group", "stakeholder_group", "Which group do you belong to?",
                 "តើអ្នកស្ថិតនៅក្នុងក្រុមណា?", required="true"),
        {"type": "end_group"},
        question("begin_group", "views", "Your views", "មតិរបស់អ្នក", relevant=CONSENTED),
        question("select_multiple concerns", "concerns",
                 "Which of these are serious problems for women and girls in your area? (select "
                 "all that apply)",
                 "តើបញ្ហាណាខ្លះខាងក្រោមនេះ ជាបញ្ហាធ្ងន់ធ្ងរសម្រាប់ស្ត្រី និងក្មេងស្រីនៅតំបន់របស់អ្នក? "
                 "(អាចជ្រើសរើសបានច្រើន)"),
        question("select_one safe3", "feel_safe",
                 "Do women and girls in your area feel safe?",
                 "តើស្ត្រី និងក្មេងស្រីនៅតំបន់របស់អ្នកមានអារម្មណ៍សុវត្ថិភាពដែរឬទេ?"),
        question("text", "biggest_concern",
                 "What is the biggest safety problem for women and girls where you live?",
                 "តើបញ្ហាសុវត្ថិភាពធំបំផុតសម្រាប់ស្ត្រី និងក្មេងស្រីនៅកន្លែងដែលអ្នករស់នៅគឺអ្វី?",
                 appearance="multiline"),
        question("text", "what_helps",
                 "What already helps women and girls to be safe?",
                 "តើអ្វីខ្លះដែលកំពុងជួយឲ្យស្ត្រី និងក្មេងស្រីមានសុវត្ថិភាព?",
                 appearance="multiline"),
        question("text", "one_change",
                 "If the national plan could change one thing, what should it be?",
                 "ប្រសិនបើផែនការជាតិអាចផ្លាស់ប្តូររឿងមួយ តើគួរតែជារឿងអ្វី?",
                 appearance="multiline"),
        {"type": "end_group"},
        question("begin_repeat", REPEAT, "Household member", "សមាជិកគ្រួសារ",
                 relevant=CONSENTED),
        question("select_one sex", "hh_sex", "Sex", "ភេទ", required="true"),
        dict(question("integer", "hh_age", "Age (years)", "អាយុ (ឆ្នាំ)",
                      constraint=". >= 0 and . <= 110"),
             **label("Enter an age from 0 to 110", "សូមបញ្ចូលអាយុពី ០ ដល់ ១១០",
                     "constraint_message")),
        question("select_one yes_no", "hh_migrated",
                 "Has this person worked outside Cambodia in the last three years?",
                 "តើអ្នកនេះបានធ្វើការនៅក្រៅប្រទេសកម្ពុជា ក្នុងរយៈពេលបីឆ្នាំចុងក្រោយដែរឬទេ?"),
        {"type": "end_repeat"},
    ]
    choices = [dict({"list_name": list_name, "name": name}, **label(en, km))
               for list_name, items in CHOICES.items() for name, en, km in items]
    settings = {"form_title": TITLE, "form_id": FORM_ID, "version": FORM_VERSION,
                "default_language": EN}
    return survey, choices, settings


MAIN_COLUMNS = (["start", "end", "consent_note", "consent", "province", "sex", "age_group",
                 "disability", "stakeholder_group", "concerns"]
                + [f"concerns/{name}" for name, _en, _km in CHOICES["concerns"]]
                + ["feel_safe", *TEXT_QUESTIONS])
REPEAT_COLUMNS = ["hh_sex", "hh_age", "hh_migrated"]
MAPPING = {
    "participant": {"sex": "sex", "age_band": "age_group", "area": "province",
                    "stakeholder_group": "stakeholder_group", "disability": "disability"},
    "consent": {"column": "consent", "yes": "yes"},
    "statements": list(TEXT_QUESTIONS),
}
PROVINCE_ISSUES = {
    "22": ("landmines-erw", "interstate-border-conflict", "displacement-conflict",
           "land-natural-resource-disputes", "unsafe-migration-returnees"),
    "02": ("landmines-erw", "human-trafficking", "unsafe-migration-returnees",
           "land-natural-resource-disputes", "online-scam-compounds"),
    "17": ("disasters-climate", "climate-security-nexus", "unsafe-migration-returnees",
           "online-scam-compounds", "tech-facilitated-gbv"),
    "12": ("tech-facilitated-gbv", "online-scam-compounds", "gbv-domestic-sexual",
           "human-trafficking", "cybersecurity-digital-fraud", "civic-space-whrds"),
}
CONCERNS_BY_ISSUE = {
    "landmines-erw": "landmines", "human-trafficking": "trafficking",
    "online-scam-compounds": "online_scams", "interstate-border-conflict": "border_conflict",
    "displacement-conflict": "border_conflict", "gbv-domestic-sexual": "domestic_violence",
    "disasters-climate": "floods_drought", "climate-security-nexus": "floods_drought",
    "unsafe-migration-returnees": "unsafe_migration",
    "land-natural-resource-disputes": "land_disputes",
    "tech-facilitated-gbv": "online_harassment",
}
ENUMERATORS = {"12": "dowa_pp_enum", "02": "pdowa_btb_enum", "17": "pdowa_srp_enum",
               "22": "pdowa_omc_enum"}
NEWLINE_ANSWER_KM = ("ភ្លើងបំភ្លឺផ្លូវនៅតែខូច តាំងពីការបាញ់ផ្លោង។\r\n"
                     "ស្ត្រីមិនហ៊ានចេញពីផ្ទះក្រោយម៉ោងប្រាំពីរយប់ទេ។")


def _is_recommendation(en: str) -> bool:
    return " should " in en or " need " in en or " needs " in en or en.startswith("Please")


def _answer(rng: random.Random, pool: list[int], lang: str, code: str) -> str:
    first = rng.choice(pool)
    picks = [first] if rng.random() < 0.75 else [first, rng.choice(pool)]
    texts = []
    for index in dict.fromkeys(picks):
        en, km = render(index, place=rng.choice(PLACES[code]), group=rng.choice(GROUPS),
                        when=rng.choice(WHEN))
        texts.append(km if lang == "km" else en)
    return " ".join(texts)


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([k for k, _ in weighted], weights=[w for _, w in weighted], k=1)[0]


def survey_submissions() -> list[Submission]:
    rng = random.Random(SEED)
    version = kpi_uid(rng, "v")
    langs = ["km", "en"] * (N_SUBMISSIONS // 2)
    rng.shuffle(langs)
    day0 = dt.date(2026, 1, 26)
    days = sorted(day0 + dt.timedelta(days=rng.randint(0, 25)) for _ in range(N_SUBMISSIONS))
    subs = []
    next_id = 81204117
    codes = [PROVINCES[i % 4] for i in range(N_SUBMISSIONS)]
    rng.shuffle(codes)
    for i in range(N_SUBMISSIONS):
        code, lang = codes[i], langs[i]
        start = dt.datetime.combine(days[i], dt.time(rng.choice([8, 9, 10, 14, 15]),
                                                     rng.randint(0, 59), rng.randint(0, 59),
                                                     rng.randint(0, 999) * 1000))
        end = start + dt.timedelta(minutes=rng.randint(12, 40), seconds=rng.randint(0, 59),
                                   milliseconds=rng.randint(0, 999))
        received = end - dt.timedelta(hours=7) + dt.timedelta(
            minutes=rng.choice([1, 2, 5, 30, 240, 1300]), seconds=rng.randint(0, 59))
        the_uuid = random_uuid(rng)
        answers = {"start": odk_time(start), "end": odk_time(end), "consent": "yes"}
        sub = Submission(answers=answers, id=next_id, uuid=the_uuid,
                         submission_time=received.strftime("%Y-%m-%dT%H:%M:%S"),
                         version=version)
        next_id += rng.choice([1, 1, 1, 2, 5, 13])
        if rng.random() < 0.8:
            sub.submitted_by = ENUMERATORS[code]
        if rng.random() < 0.45:
            sub.validation = "validation_status_approved"
        if rng.random() < 0.08:
            sub.tags = "quote"
        subs.append(sub)
        if i in (17, 44):  # two people said no: nothing else is recorded
            answers["consent"] = "no"
            continue
        group = _pick(rng, [("women", 45), ("youth", 20), ("community_leader", 10),
                            ("marginalised", 10), ("civil_society", 8), ("subnational", 7)])
        sex = "female" if group == "women" else _pick(rng, [("female", 62), ("male", 35),
                                                            ("other", 3)])
        age = (_pick(rng, [("under_18", 25), ("18_24", 75)]) if group == "youth" else
               _pick(rng, [("18_24", 10), ("25_34", 27), ("35_44", 26), ("45_59", 27),
                           ("60_plus", 10)]))
        disability = ("yes" if group == "marginalised" and rng.random() < 0.6 else
                      _pick(rng, [("no", 88), ("yes", 7), ("unknown", 5)]))
        issues = PROVINCE_ISSUES[code]
        concerns = sorted({CONCERNS_BY_ISSUE[x] for x in rng.sample(issues, rng.randint(1, 3))
                           if x in CONCERNS_BY_ISSUE} | (
            {"domestic_violence"} if rng.random() < 0.4 else set()))
        names = [n for n, _en, _km in CHOICES["concerns"]]
        concerns.sort(key=names.index)
        answers.update({
            "province": PROVINCE_CHOICES[code][0], "sex": sex, "age_group": age,
            "disability": disability, "stakeholder_group": group,
            "concerns": " ".join(concerns),
            **{f"concerns/{n}": "1" if n in concerns else "0" for n in names},
            "feel_safe": _pick(rng, [("yes", 20), ("somewhat", 45), ("no", 35)]),
        })
        problems = [j for j, (issue, en, _km) in enumerate(SENTENCES)
                    if issue in issues and not _is_recommendation(en)]
        changes = [j for j, (issue, en, _km) in enumerate(SENTENCES)
                   if (issue in issues or issue == GENERAL) and _is_recommendation(en)]
        answers["biggest_concern"] = _answer(rng, problems, lang, code)
        helps = rng.choice(WHAT_HELPS)
        answers["what_helps"] = helps[1] if lang == "km" else helps[0]
        answers["one_change"] = _answer(rng, changes, lang, code)
        for _member in range(rng.choice([1, 2, 2, 3, 3, 4, 5])):
            member_age = rng.randint(1, 78)
            row = {"hh_sex": rng.choice(["female", "male"]), "hh_age": str(member_age),
                   "hh_migrated": "yes" if 18 <= member_age <= 50 and rng.random() < 0.3
                   else "no"}
            sub.repeat.append(row)
    # Edge cases as real exports have them: one answer with a CR LF line break, a few blanks.
    khmer = [s for s in subs if s.answers["consent"] == "yes"
             and any("\u1780" <= ch <= "\u17ff" for ch in s.answers["what_helps"])]
    khmer[3].answers["what_helps"] = NEWLINE_ANSWER_KM
    consenting = [s for s in subs if s.answers["consent"] == "yes"]
    for s in rng.sample(consenting, 3):
        s.answers.pop(rng.choice(TEXT_QUESTIONS[1:]), None)
    return subs


def write_survey_files(form_path, export_path) -> dict:
    survey, choices, settings = survey_form()
    write_xlsform(form_path, survey, choices, settings)
    subs = survey_submissions()
    counts = write_export(export_path, title=TITLE, columns=MAIN_COLUMNS, repeat_name=REPEAT,
                          repeat_columns=REPEAT_COLUMNS, submissions=lambda: subs)
    return {"submissions": len(subs), "sheets": counts,
            "consent_no": sum(1 for s in subs if s.answers["consent"] == "no")}
