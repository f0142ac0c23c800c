"""What the demo Consult holds, generated without touching the database: the Consultations,
their Participants and what they said. Deterministic: the same seed gives the same rows, keyed by
stable slugs and source keys so that `load()` can add only what is missing.

All of it is synthetic demo data. Facilitators are role titles, not names; Participants are
pseudonymous; no Statement quotes a real person.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from .sentences import GENERAL, GROUPS, OPENINGS, PLACES, SENTENCES, WHEN, render

SEED = 2026
SOURCE_PREFIX = "demo/"
PROVINCES = ("12", "02", "17", "22")  # Phnom Penh, Battambang, Siem Reap, Oddar Meanchey

BORDER_ISSUES = {"interstate-border-conflict", "displacement-conflict", "landmines-erw"}
ALL_ISSUES = tuple(sorted({issue for issue, _, _ in SENTENCES} - {GENERAL}))


@dataclass(frozen=True)
class ConsultationSpec:
    slug: str
    kind: str
    title_en: str
    title_km: str
    date: dt.date
    area: str  # province code
    language: str  # km, en or km_en
    facilitator: str
    organisations: tuple[str, ...]  # abbreviations or English names of the demo Organisations
    size: int  # Participants
    groups: tuple[tuple[str, int], ...]  # stakeholder group weights
    female: float  # share of women among those not in the "women" group
    issues: tuple[str, ...]
    per_person: int  # Statements per Participant (on average)
    notes: str = ""
    questions: tuple[tuple[str, str, str], ...] = ()  # survey questions (name, English, Khmer)


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


KII, FGD, SURVEY, WORKSHOP, VALIDATION = (
    "interview", "focus_group", "survey", "workshop", "validation_workshop")

YOUTH_SURVEY_QUESTIONS = (
    ("q1_online_risks", "What online risks do young people in your area face?",
     "តើយុវជននៅតំបន់របស់អ្នកប្រឈមនឹងហានិភ័យអ្វីខ្លះតាមអនឡាញ?"),
    ("q2_what_helps", "What would help young people stay safe?",
     "តើអ្វីខ្លះអាចជួយឲ្យយុវជនមានសុវត្ថិភាព?"),
    ("q3_message", "What message would you give to the people writing the national plan?",
     "តើអ្នកចង់ផ្ញើសារអ្វីទៅកាន់អ្នករៀបចំផែនការជាតិ?"),
)

CONSULTATIONS: tuple[ConsultationSpec, ...] = (
    ConsultationSpec(
        "kii-mowa-gender-mainstreaming", KII,
        "Key-informant interviews: gender mainstreaming in national ministries",
        "បទសម្ភាសន៍អ្នកផ្តល់ព័ត៌មានសំខាន់៖ ការបញ្ជ្រាបយេនឌ័រក្នុងក្រសួងជាតិ",
        _d("2025-09-16"), "12", "km", "MoWA gender adviser", ("MoWA", "MoI", "MoSVY"), 2,
        (("government", 1),), 0.6,
        (GENERAL, "women-in-security-sector", "gbv-domestic-sexual"), 9),
    ConsultationSpec(
        "kii-mine-action", KII,
        "Key-informant interviews: women in mine action",
        "បទសម្ភាសន៍អ្នកផ្តល់ព័ត៌មានសំខាន់៖ ស្ត្រីក្នុងសកម្មភាពកំចាត់មីន",
        _d("2025-09-23"), "12", "km_en", "UN Women programme analyst", ("CMAA", "CMAC"), 2,
        (("government", 1), ("security_sector", 1)), 0.5,
        ("landmines-erw", "women-in-security-sector"), 9),
    ConsultationSpec(
        "kii-counter-trafficking", KII,
        "Key-informant interviews: counter-trafficking and online scams",
        "បទសម្ភាសន៍អ្នកផ្តល់ព័ត៌មានសំខាន់៖ ការប្រយុទ្ធប្រឆាំងការជួញដូរមនុស្ស និងការឆបោកតាមអនឡាញ",
        _d("2025-10-02"), "12", "km", "MoWA gender adviser", ("NCCT", "MoI"), 2,
        (("government", 1),), 0.5,
        ("human-trafficking", "online-scam-compounds", "unsafe-migration-returnees"), 9),
    ConsultationSpec(
        "kii-un-partners", KII,
        "Key-informant interviews with UN and development partners",
        "បទសម្ភាសន៍អ្នកផ្តល់ព័ត៌មានសំខាន់ជាមួយដៃគូអង្គការសហប្រជាជាតិ និងដៃគូអភិវឌ្ឍន៍",
        _d("2025-10-14"), "12", "en", "National WPS consultant", ("UN Women", "UNDP", "UNFPA",
                                                                   "IOM"), 4,
        (("un_partner", 1),), 0.6,
        (GENERAL, "peace-processes-mediation", "women-peacekeeping", "unsafe-migration-returnees",
         "tech-facilitated-gbv"), 9),
    ConsultationSpec(
        "kii-women-affairs-oddar-meanchey", KII,
        "Key-informant interviews: provincial women's affairs, Oddar Meanchey",
        "បទសម្ភាសន៍អ្នកផ្តល់ព័ត៌មានសំខាន់៖ មន្ទីរកិច្ចការនារីខេត្តឧត្ដរមានជ័យ",
        _d("2025-11-05"), "22", "km", "MoWA gender adviser",
        ("PDoWA-OMC", "Oddar Meanchey Provincial Administration"), 2,
        (("subnational", 1),), 0.6,
        ("interstate-border-conflict", "displacement-conflict", "landmines-erw",
         "gbv-domestic-sexual"), 9),
    ConsultationSpec(
        "kii-police-battambang", KII,
        "Key-informant interviews: the police desk for women and children, Battambang",
        "បទសម្ភាសន៍អ្នកផ្តល់ព័ត៌មានសំខាន់៖ តុទទួលពាក្យបណ្តឹងស្ត្រី និងកុមាររបស់ប៉ូលិស ខេត្តបាត់ដំបង",
        _d("2025-11-12"), "02", "km", "Provincial women's affairs officer, Battambang",
        ("GCNP", "PDoWA-BTB"), 2,
        (("security_sector", 1),), 0.5,
        ("women-in-security-sector", "gbv-domestic-sexual", "human-trafficking"), 9),
    ConsultationSpec(
        "fgd-women-farmers-oddar-meanchey", FGD,
        "Focus group: women farmers near the border, Oddar Meanchey",
        "ការពិភាក្សាក្រុម៖ ស្ត្រីកសិករនៅជិតព្រំដែន ខេត្តឧត្ដរមានជ័យ",
        _d("2025-11-06"), "22", "km", "Provincial women's affairs officer, Oddar Meanchey",
        ("BWA", "CCWC", "PDoWA-OMC"), 11,
        (("women", 8), ("community_leader", 1), ("marginalised", 1)), 1.0,
        ("landmines-erw", "land-natural-resource-disputes", "climate-security-nexus",
         "displacement-conflict"), 6),
    ConsultationSpec(
        "fgd-returnees-battambang", FGD,
        "Focus group: returning migrant workers, Battambang",
        "ការពិភាក្សាក្រុម៖ ពលករចំណាកស្រុកដែលត្រឡប់មកវិញ ខេត្តបាត់ដំបង",
        _d("2025-11-13"), "02", "km", "NGO field coordinator (demo)", ("PDoWA-BTB", "YPB"), 12,
        (("women", 5), ("youth", 2), ("marginalised", 2), ("community_leader", 2)), 0.6,
        ("unsafe-migration-returnees", "human-trafficking", "online-scam-compounds",
         "climate-security-nexus"), 6),
    ConsultationSpec(
        "fgd-youth-online-siem-reap", FGD,
        "Focus group: young people on online safety, Siem Reap",
        "ការពិភាក្សាក្រុម៖ យុវជនអំពីសុវត្ថិភាពតាមអនឡាញ ខេត្តសៀមរាប",
        _d("2025-12-03"), "17", "km_en", "UN Women programme analyst", ("PDoWA-SRP", "MWSG"), 12,
        (("youth", 1),), 0.6,
        ("tech-facilitated-gbv", "online-scam-compounds", "cybersecurity-digital-fraud",
         "civic-space-whrds"), 6),
    ConsultationSpec(
        "fgd-women-disabilities-phnom-penh", FGD,
        "Focus group: women with disabilities, Phnom Penh",
        "ការពិភាក្សាក្រុម៖ ស្ត្រីមានពិការភាព រាជធានីភ្នំពេញ",
        _d("2025-12-10"), "12", "km", "NGO field coordinator (demo)", ("DIF", "DoWA-PP"), 10,
        (("marginalised", 4), ("women", 1)), 1.0,
        ("gbv-domestic-sexual", "disasters-climate", GENERAL, "tech-facilitated-gbv"), 6),
    ConsultationSpec(
        "fgd-displaced-women-oddar-meanchey", FGD,
        "Focus group: women displaced by the border fighting, Oddar Meanchey",
        "ការពិភាក្សាក្រុម៖ ស្ត្រីដែលបានភៀសខ្លួនដោយសារការប៉ះទង្គិចតាមព្រំដែន ខេត្តឧត្ដរមានជ័យ",
        _d("2026-01-14"), "22", "km", "Provincial women's affairs officer, Oddar Meanchey",
        ("BWA", "PDoWA-OMC", "UNFPA"), 12,
        (("women", 6), ("marginalised", 1)), 1.0,
        ("displacement-conflict", "interstate-border-conflict", "gbv-domestic-sexual",
         "peace-processes-mediation", "landmines-erw"), 6),
    ConsultationSpec(
        "fgd-flood-communities-siem-reap", FGD,
        "Focus group: flood-affected communities, Siem Reap",
        "ការពិភាក្សាក្រុម៖ សហគមន៍រងផលប៉ះពាល់ដោយទឹកជំនន់ ខេត្តសៀមរាប",
        _d("2026-01-21"), "17", "km", "Provincial women's affairs officer, Siem Reap",
        ("PDoWA-SRP", "NCDM"), 10,
        (("women", 6), ("community_leader", 2), ("marginalised", 2)), 0.7,
        ("disasters-climate", "climate-security-nexus", "unsafe-migration-returnees",
         "gbv-domestic-sexual"), 6,
        notes="One savings group spoke as one voice and is recorded as a group."),
    ConsultationSpec(
        "survey-youth-online-safety", SURVEY,
        "Survey: young people's online safety (paper questionnaire)",
        "ការស្ទង់មតិ៖ សុវត្ថិភាពតាមអនឡាញរបស់យុវជន (កម្រងសំណួរលើក្រដាស)",
        _d("2025-12-15"), "12", "km_en", "Youth volunteer team leader (demo)",
        ("MoEYS", "RUPP", "WPN"), 40,
        (("youth", 6), ("women", 1)), 0.55,
        ("tech-facilitated-gbv", "online-scam-compounds", "cybersecurity-digital-fraud",
         "human-trafficking"), 3,
        questions=YOUTH_SURVEY_QUESTIONS),
    ConsultationSpec(
        "ws-national-launch", WORKSHOP,
        "National consultation workshop: launching the NAP-WPS process",
        "សិក្ខាសាលាពិគ្រោះយោបល់ថ្នាក់ជាតិ៖ ការចាប់ផ្តើមដំណើរការរៀបចំផែនការសកម្មភាពជាតិ"
        "ស្តីពីស្ត្រី សន្តិភាព និងសន្តិសុខ",
        _d("2025-09-30"), "12", "km_en", "MoWA department director (chair)",
        ("MoWA", "MoI", "MND", "MFAIC", "CNCW", "UN Women", "UNDP", "WPN", "LAW", "RUPP"), 30,
        (("government", 7), ("civil_society", 4), ("un_partner", 3), ("academic", 2),
         ("security_sector", 2), ("subnational", 2)), 0.6,
        (GENERAL, *ALL_ISSUES), 4),
    ConsultationSpec(
        "ws-provincial-battambang", WORKSHOP,
        "Provincial consultation workshop, Battambang",
        "សិក្ខាសាលាពិគ្រោះយោបល់ថ្នាក់ខេត្ត បាត់ដំបង",
        _d("2026-02-11"), "02", "km", "Provincial women's affairs officer, Battambang",
        ("PDoWA-BTB", "Battambang Provincial Administration", "YPB",
         "Women Farmers' Group, Banan (demo)"), 22,
        (("subnational", 7), ("civil_society", 4), ("community_leader", 4), ("women", 3),
         ("youth", 2)), 0.6,
        ("landmines-erw", "human-trafficking", "unsafe-migration-returnees",
         "land-natural-resource-disputes", "gbv-domestic-sexual", GENERAL), 4),
    ConsultationSpec(
        "ws-provincial-siem-reap", WORKSHOP,
        "Provincial consultation workshop, Siem Reap",
        "សិក្ខាសាលាពិគ្រោះយោបល់ថ្នាក់ខេត្ត សៀមរាប",
        _d("2026-02-18"), "17", "km", "Provincial women's affairs officer, Siem Reap",
        ("PDoWA-SRP", "Siem Reap Provincial Administration", "MWSG"), 22,
        (("subnational", 7), ("civil_society", 4), ("community_leader", 4), ("women", 3),
         ("youth", 2), ("private_sector", 1)), 0.6,
        ("disasters-climate", "unsafe-migration-returnees", "online-scam-compounds",
         "gbv-domestic-sexual", "tech-facilitated-gbv", GENERAL), 4),
    ConsultationSpec(
        "ws-security-sector", WORKSHOP,
        "Workshop: women in the security sector and peacekeeping",
        "សិក្ខាសាលា៖ ស្ត្រីក្នុងវិស័យសន្តិសុខ និងការរក្សាសន្តិភាព",
        _d("2026-03-04"), "12", "km_en", "UN Women programme analyst",
        ("MND", "NPMEC", "GCNP", "RGC", "MoI", "UN Women"), 20,
        (("security_sector", 7), ("government", 2), ("un_partner", 1)), 0.55,
        ("women-peacekeeping", "women-in-security-sector", "peace-processes-mediation",
         GENERAL), 4),
    ConsultationSpec(
        "validation-workshop-national", VALIDATION,
        "National validation workshop on the Situation Analysis",
        "សិក្ខាសាលាផ្តល់សុពលភាពថ្នាក់ជាតិលើការវិភាគស្ថានភាព",
        _d("2026-06-17"), "12", "km_en", "MoWA department director (chair)",
        ("MoWA", "CNCW", "UN Women", "MoI", "MND", "WPN", "BWA"), 0,
        (), 0.6, (), 0,
        notes="The Findings of the Situation Analysis presented and voted on (see Validate)."),
)

# The two Consultations whose data arrives through the importer (see data/ and make_files).
KOBO_CONSULTATION = ConsultationSpec(
    "survey-provincial-kobo", SURVEY,
    "Provincial survey on women, peace and security (KoboToolbox)",
    "ការស្ទង់មតិថ្នាក់ខេត្តស្តីពីស្ត្រី សន្តិភាព និងសន្តិសុខ (KoboToolbox)",
    _d("2026-02-02"), "", "km_en", "Provincial women's affairs officers (enumerators)",
    ("PDoWA-BTB", "PDoWA-SRP", "PDoWA-OMC", "DoWA-PP"), 0, (), 0.6, (), 0,
    notes="Imported from a KoboToolbox export (synthetic demo data).")
TRANSCRIPT_CONSULTATION = ConsultationSpec(
    "fgd-transcript-anlong-veng", FGD,
    "Focus group transcript: women's safety after the ceasefire, Anlong Veng",
    "ប្រតិចារិកការពិភាក្សាក្រុម៖ សុវត្ថិភាពស្ត្រីក្រោយបទឈប់បាញ់ ស្រុកអន្លង់វែង",
    _d("2026-02-25"), "22", "km_en", "Provincial women's affairs officer, Oddar Meanchey",
    ("PDoWA-OMC", "BWA"), 0, (), 1.0, (), 0,
    notes="Imported from a Word transcript (synthetic demo data).")

GROUP_ORG_TYPE = {
    "government": "national_government",
    "subnational": "subnational_authority",
    "civil_society": "ngo_cso",
    "academic": "academic",
    "security_sector": "security_sector",
    "community_leader": "community_group",
    "private_sector": "private_sector",
}
ADULT_AGES = (("18_24", 8), ("25_34", 25), ("35_44", 26), ("45_59", 28), ("60_plus", 10),
              ("unknown", 3))
YOUTH_AGES = (("under_18", 25), ("18_24", 75))


@dataclass
class PersonRow:
    key: str  # source key
    consultation: str  # slug
    sex: str
    age_band: str
    disability: str
    stakeholder_group: str
    organisation_type: str
    area: str  # province code
    consent_scope: str
    consent_date: dt.date
    withdrawn: bool = False
    is_group: bool = False
    group_size: int | None = None
    also_in: list[str] = field(default_factory=list)  # other Consultations attended


@dataclass
class StatementRow:
    key: str  # source key, unique in its Consultation
    consultation: str
    person: str  # the Participant's source key
    text: str
    language: str
    translation: str = ""
    question: str = ""
    question_label_en: str = ""
    question_label_km: str = ""


def _pick(rng: random.Random, weighted) -> str:
    names = [name for name, _ in weighted]
    return rng.choices(names, weights=[w for _, w in weighted], k=1)[0]


def _person(rng: random.Random, spec: ConsultationSpec, n: int) -> PersonRow:
    group = _pick(rng, spec.groups)
    if group == "women":
        sex = "female"
    else:
        roll = rng.random()
        sex = ("female" if roll < spec.female else
               "other" if roll > 0.985 else "unknown" if roll > 0.975 else "male")
    age = _pick(rng, YOUTH_AGES if group == "youth" else ADULT_AGES)
    if spec.kind == KII and age in ("18_24", "under_18"):
        age = "35_44"
    disability_rate = 0.65 if group == "marginalised" else 0.07
    roll = rng.random()
    disability = "yes" if roll < disability_rate else "unknown" if roll > 0.95 else "no"
    if group == "un_partner":
        org_type = "un_agency" if rng.random() < 0.7 else "development_partner"
    elif group in GROUP_ORG_TYPE:
        org_type = GROUP_ORG_TYPE[group]
    else:  # women, youth, marginalised: sometimes through a community group
        org_type = "community_group" if rng.random() < 0.3 else ""
    area = spec.area
    if spec.area == "12" and spec.kind in (WORKSHOP, SURVEY) and rng.random() < 0.25:
        area = rng.choice(PROVINCES[1:])  # people came to the capital from the provinces
    scope = "do_not_quote" if rng.random() < 0.15 else "quote_anonymously"
    return PersonRow(
        key=f"{SOURCE_PREFIX}{spec.slug}/{n:02d}", consultation=spec.slug, sex=sex,
        age_band=age, disability=disability, stakeholder_group=group,
        organisation_type=org_type, area=area, consent_scope=scope, consent_date=spec.date)


def _sentence_pool(spec: ConsultationSpec) -> list[int]:
    return [i for i, (issue, _, _) in enumerate(SENTENCES) if issue in spec.issues]


def _language(rng: random.Random, spec: ConsultationSpec) -> str:
    # Khmer sessions: note-takers wrote part of the notes in English.
    share_km = {"km": 0.56, "en": 0.08, "km_en": 0.45}[spec.language]
    return "km" if rng.random() < share_km else "en"


def _say(rng: random.Random, spec: ConsultationSpec, person: PersonRow, pool: list[int],
         language: str, previous: set[str]) -> tuple[str, str]:
    """One thing a person said: (text in `language`, the same in the other language)."""
    places = PLACES.get(person.area) or PLACES[spec.area or "12"]
    for _attempt in range(6):
        first = rng.choice(pool)
        if SENTENCES[first][0] in BORDER_ISSUES and person.area not in ("02", "22"):
            places = PLACES["22"]  # shelling and mines: a border district, not the capital
        parts = [first]
        if rng.random() < 0.3 and len(pool) > 1:
            parts.append(rng.choice([i for i in pool if i != first]))
        rendered = []
        for number, index in enumerate(parts):
            opening = None
            if number == 0 and rng.random() < 0.25 and not SENTENCES[index][1].startswith(
                    "{when}"):
                opening = rng.choice(OPENINGS)
            rendered.append(render(index, place=rng.choice(places), group=rng.choice(GROUPS),
                                   when=rng.choice(WHEN), opening=opening))
        en = " ".join(r[0] for r in rendered)
        km = " ".join(r[1] for r in rendered)
        text, other = (km, en) if language == "km" else (en, km)
        if text not in previous:
            break
    previous.add(text)
    return text, other


def generate() -> tuple[list[ConsultationSpec], list[PersonRow], list[StatementRow]]:
    """Every directly created demo row, in a stable order."""
    rng = random.Random(SEED)
    people: list[PersonRow] = []
    statements: list[StatementRow] = []
    said: set[str] = set()
    by_slug: dict[str, list[PersonRow]] = {}
    for spec in CONSULTATIONS:
        group_people = [_person(rng, spec, n) for n in range(1, spec.size + 1)]
        if spec.slug == "fgd-flood-communities-siem-reap":
            voice = group_people[-1]
            voice.is_group, voice.group_size = True, 14
            voice.stakeholder_group, voice.sex, voice.age_band = "women", "female", "unknown"
            voice.organisation_type, voice.disability = "community_group", "unknown"
        by_slug[spec.slug] = group_people
        people.extend(group_people)
        pool = _sentence_pool(spec)
        general = [i for i, (issue, _, _) in enumerate(SENTENCES) if issue == GENERAL]
        for person in group_people:
            language = _language(rng, spec)
            count = max(1, spec.per_person + rng.choice((-1, 0, 0, 1)))
            if spec.questions:
                count = len(spec.questions)
            for k in range(1, count + 1):
                question = spec.questions[k - 1] if spec.questions else None
                use = general if question and question[0] == "q3_message" else pool
                text, other = _say(rng, spec, person, use, language, said)
                translation = other if language == "km" and rng.random() < 0.3 else ""
                statements.append(StatementRow(
                    key=f"{person.key}/{k}", consultation=spec.slug, person=person.key,
                    text=text, language=language, translation=translation,
                    question=question[0] if question else "",
                    question_label_en=question[1] if question else "",
                    question_label_km=question[2] if question else ""))
    # Two Participants later withdrew their consent (their Statements stay, hidden).
    by_slug["fgd-returnees-battambang"][2].withdrawn = True
    by_slug["ws-provincial-siem-reap"][4].withdrawn = True
    # Some people came to more than one Consultation.
    for person in by_slug["fgd-returnees-battambang"][:2]:
        person.also_in.append("ws-provincial-battambang")
    for person in by_slug["fgd-youth-online-siem-reap"][:2]:
        person.also_in.append("ws-provincial-siem-reap")
    for person in by_slug["kii-women-affairs-oddar-meanchey"]:
        person.also_in.append("ws-national-launch")
    return list(CONSULTATIONS), people, statements
