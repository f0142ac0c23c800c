"""The demo validation workshop, in English and Khmer (synthetic demo data).

Who came (60 Attendees with the profile they chose to declare), how they voted on each Finding,
what they commented and which new wordings they proposed. The Khmer is a draft awaiting review by
a native speaker, like the rest of the demo's Khmer.
"""

import datetime as dt
from dataclasses import dataclass

# The Consult demo records this Consultation; its Workshops belong to it.
CONSULTATION_SLUG = "validation-workshop-national"
CONSULTATION = {
    "kind": "validation_workshop",
    "title_en": "National validation workshop, Phnom Penh",
    "title_km": "សិក្ខាសាលាថ្នាក់ជាតិផ្តល់សុពលភាព រាជធានីភ្នំពេញ",
    "date": dt.date(2026, 9, 24),
    "area": "12",
    "language": "km_en",
    "facilitator": "MoWA gender adviser",
    "notes": "Synthetic demo data: the validation of the Situation Analysis's findings.",
}

# Join codes use V1's alphabet (no I, L, O, 0, 1), so they can be typed from a projector.
CLOSED_CODE = "NAPWPS26"
OPEN_CODE = "KHMERWPS"

CLOSED_WORKSHOP = {
    "title_en": "Validation of the Situation Analysis: morning session",
    "title_km": "ការផ្តល់សុពលភាពលើការវិភាគស្ថានភាព៖ វគ្គពេលព្រឹក",
}
OPEN_WORKSHOP = {
    "title_en": "Validation of the Situation Analysis: afternoon session",
    "title_km": "ការផ្តល់សុពលភាពលើការវិភាគស្ថានភាព៖ វគ្គពេលរសៀល",
}

# The morning agenda: the Findings already presented first, then six more across the pillars.
CLOSED_AGENDA = ("F-01", "F-05", "F-10", "F-12", "F-02", "F-04", "F-07", "F-08", "F-17", "F-19")
# The afternoon agenda (still open: try it on a phone), then the extra question.
OPEN_AGENDA = ("F-14", "F-20", "F-21", "F-22", "F-23")
QUESTION = {
    "question_en": "Which coordination mechanism option do you prefer?",
    "question_km": "តើអ្នកពេញចិត្តជម្រើសយន្តការសម្របសម្រួលមួយណា?",
    "choices": [
        {"key": "a",
         "label_en": "A national steering committee chaired by the Ministry of Women's Affairs",
         "label_km": "គណៈកម្មាធិការដឹកនាំថ្នាក់ជាតិ ដែលមានក្រសួងកិច្ចការនារីជាប្រធាន"},
        {"key": "b",
         "label_en": "A sub-group of the existing Technical Working Group on Gender",
         "label_km": "ក្រុមរងមួយនៃក្រុមការងារបច្ចេកទេសយេនឌ័រដែលមានស្រាប់"},
        {"key": "c",
         "label_en": "An inter-ministerial secretariat with focal points in every province",
         "label_km": "លេខាធិការដ្ឋានអន្តរក្រសួង ដែលមានមន្ត្រីបង្គោលនៅគ្រប់ខេត្ត"},
    ],
}
PRIORITY_POINTS = 10

# --- Attendees ----------------------------------------------------------------------------------
# (stakeholder group, how many, share of women, provinces to draw from, share answering in Khmer)
ATTENDEE_GROUPS = (
    ("women", 18, 1.0, ("22", "02", "17", "01", "13", "24", "12"), 1.0),
    ("civil_society", 10, 0.7, ("12", "12", "02", "17", "22"), 0.7),
    ("government", 9, 0.55, ("12",), 0.8),
    ("subnational", 7, 0.6, ("22", "02", "17", "01", "13"), 1.0),
    ("youth", 6, 0.65, ("12", "03", "02"), 0.85),
    ("un_partner", 4, 0.75, ("12",), 0.0),
    ("security_sector", 3, 0.35, ("12", "22"), 1.0),
    ("community_leader", 3, 0.35, ("24", "13", "01"), 1.0),
)
ADULT_BANDS = ("25_34", "35_44", "35_44", "45_59", "45_59", "60_plus")
YOUTH_BANDS = ("18_24", "18_24", "25_34")
UNDECLARED = 3  # Attendees who skipped the optional "about you" step


# --- Votes --------------------------------------------------------------------------------------
# Shares of agree / agree with changes / disagree / not sure; the rest of the room sat it out.
USUAL = (0.66, 0.22, 0.05, 0.07)
PROFILES = {
    "F-01": (0.74, 0.18, 0.02, 0.06),
    "F-05": (0.70, 0.20, 0.04, 0.06),
    "F-10": (0.62, 0.28, 0.04, 0.06),
    "F-04": (0.30, 0.52, 0.10, 0.08),  # agreed with changes: the accepted amendment
    "F-08": (0.22, 0.18, 0.40, 0.20),  # contested: below two thirds, rejected
}
TURNOUT = 0.93  # share of the room voting on each Finding


@dataclass(frozen=True)
class Remark:
    key: str  # the Finding's key
    language: str  # km | en
    text: str
    hidden: bool = False


COMMENTS = (
    Remark("F-01", "km", "សូមបញ្ជាក់ថា ស្ត្រីមេម៉ាយ និងស្ត្រីជាមេគ្រួសារ ងាយរងគ្រោះជាងគេ "
                         "ព្រោះពួកគាត់ត្រូវរកអុសតែម្នាក់ឯង។"),
    Remark("F-01", "en", "Children who herd cattle near the fields face the same risk."),
    Remark("F-05", "km", "នៅទីតាំងជម្លៀស គ្មានបង្គន់ដាច់ដោយឡែកសម្រាប់ស្ត្រី "
                         "និងគ្មានភ្លើងបំភ្លឺនៅពេលយប់ទេ។"),
    Remark("F-05", "en", "Agree. The finding should also mention pregnant women and older "
                         "women."),
    Remark("F-10", "km", "តុទទួលពាក្យបណ្តឹងនេះមាននៅតែក្នុងក្រុង ភូមិឆ្ងាយៗមិនទាន់មានទេ។"),
    Remark("F-10", "en", "A good practice, but the desks need women officers on every shift."),
    Remark("F-12", "km", "មេខ្យល់ខ្លះជាសាច់ញាតិរបស់ជនរងគ្រោះផ្ទាល់។"),
    Remark("F-02", "km", "គួររៀបចំវគ្គនៅពេលល្ងាច ឬនៅថ្ងៃបុណ្យ ដើម្បីឲ្យស្ត្រីអាចចូលរួមបាន។"),
    Remark("F-02", "en", "I know the woman who said this; she lives next to the pagoda in my "
                         "commune.", hidden=True),  # would identify a participant: hidden
    Remark("F-04", "km", "ដីគួរចុះបញ្ជីជាឈ្មោះរួមរបស់ប្តីប្រពន្ធ មិនមែនតែឈ្មោះស្ត្រីម្នាក់ទេ។"),
    Remark("F-04", "en", "Women who are widowed or divorced must not lose the land they farm."),
    Remark("F-07", "km", "ស្ត្រីនៅភូមិសម្រុះសម្រួលជម្លោះដីធ្លី និងជម្លោះគ្រួសាររាល់ថ្ងៃ។"),
    Remark("F-07", "en", "Women from the provinces should be named for the next round of "
                         "talks."),
    Remark("F-08", "km", "នេះជាសំណើរបស់ដៃគូ មិនមែនជាអ្វីដែលសហគមន៍បាននិយាយទេ។"),
    Remark("F-08", "en", "We need Cambodian women mediators trained here first, not a list "
                         "kept by partners."),
    Remark("F-17", "km", "ឪពុកម្តាយមិនដឹងថាត្រូវរាយការណ៍ទៅណាទេ "
                         "នៅពេលកូនស្រីត្រូវគេគំរាមតាមបណ្តាញសង្គម។"),
    Remark("F-19", "km", "មេភូមិខ្លះនៅតែប្រាប់ស្ត្រីឲ្យអត់ធ្មត់ ដើម្បីរក្សាគ្រួសារ។"),
    Remark("F-19", "en", "Add that reaching a shelter is hard outside Phnom Penh."),
)


@dataclass(frozen=True)
class Proposal:
    key: str
    language: str
    text: str
    outcome: str = "open"  # open | accepted | declined


AMENDMENTS = (
    Proposal("F-04", "km", "ចុះបញ្ជីដីដែលបានបោសសម្អាតមីនរួច ជាឈ្មោះរួមរបស់ស្ត្រី "
                           "និងបុរសដែលធ្វើស្រែលើដីនោះ ហើយការពារសិទ្ធិរបស់ស្ត្រីមេម៉ាយ",
             outcome="accepted"),
    Proposal("F-01", "en", "Women and children in border districts still farm, herd cattle and "
                           "collect firewood near land not cleared of mines",
             outcome="declined"),  # the evidence does not speak of children
    Proposal("F-08", "en", "Trained women mediators, including women from the provinces, should "
                           "be proposed for every negotiation team"),
    Proposal("F-10", "km", "តុទទួលពាក្យបណ្តឹងសម្រាប់ស្ត្រី និងកុមារ "
                           "ដែលមានមន្ត្រីប៉ូលិសស្ត្រីប្រចាំការ "
                           "ធ្វើឲ្យស្ត្រីមករាយការណ៍កាន់តែច្រើន"),
    Proposal("F-17", "km", "ការរំលោភបំពានលើក្មេងស្រីតាមអនឡាញកម្រត្រូវបានផ្តន្ទាទោស "
                           "ព្រោះប៉ូលិសខ្វះឧបករណ៍ និងការបណ្តុះបណ្តាលក្នុងការប្រមូលភស្តុតាង"
                           "ពីទូរស័ព្ទ"),
)

# The wording the facilitator and the analysts agreed for F-04 from the accepted amendment: the
# Revision it makes (both languages; the amendment itself was typed in Khmer).
ACCEPTED_WORDING = {
    "title_en": "Register cleared land jointly in the names of the women and men who farm it, "
                "and protect widows' rights to it",
    "title_km": "ចុះបញ្ជីដីដែលបានបោសសម្អាតមីនរួច ជាឈ្មោះរួមរបស់ស្ត្រី និងបុរសដែលធ្វើស្រែលើដីនោះ "
                "ហើយការពារសិទ្ធិរបស់ស្ត្រីមេម៉ាយលើដីនោះ",
    "text_extra_en": " Participants at the validation workshop asked that titles be joint, and "
                     "that widowed and divorced women keep the land they farm.",
    "text_extra_km": " អ្នកចូលរួមក្នុងសិក្ខាសាលាផ្តល់សុពលភាពបានស្នើឲ្យប័ណ្ណកម្មសិទ្ធិដីធ្លីជាឈ្មោះរួម "
                     "ហើយឲ្យស្ត្រីមេម៉ាយ និងស្ត្រីលែងលះ រក្សាបាននូវដីដែលពួកគាត់ធ្វើស្រែ។",
}
