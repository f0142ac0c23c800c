"""How the demo analysts read the demo Consult: for each kind of thing people said, the Codes a
careful analyst applies. Synthetic demo data, written to be plausible, not measured.

- `SENTENCE_CODES`: for every sentence of the Consult demo's `SENTENCES` (found by a fragment of
  its English text), the Pillar it speaks to and, for some, a second Security issue it also
  raises. The first Security issue is the one the sentence was written for.
- `WHAT_HELPS_CODES`: the Kobo survey's answers to "What already helps?".
- `TRANSCRIPT_CODES`: the answers in the Anlong Veng focus-group transcript, coded on spans of
  the answer (the imported Statement begins with the facilitator's question).
- `NEAR_MISS`: the Code a second coder plausibly picks instead (for the double-coding sample).
"""

from wpsnap.consultations.demo.sentences import GENERAL

# The analysts' own Code for the cross-cutting pillar (the seeded Codebook has the four Pillars).
IMPLEMENTATION_CODE = {
    "key": "implementation-budget-data",
    "label_en": "Implementation: budget, reporting and data",
    "label_km": "ការអនុវត្ត៖ ថវិកា ការរាយការណ៍ និងទិន្នន័យ",
    "definition_en": ("What people say about carrying the plan out: money for the provinces, "
                      "public reporting by ministries, and data broken down by sex, age and "
                      "disability."),
    "definition_km": ("អ្វីដែលអ្នកចូលរួមនិយាយអំពីការអនុវត្តផែនការ៖ ថវិកាសម្រាប់ខេត្ត "
                      "ការរាយការណ៍ជាសាធារណៈរបស់ក្រសួង និងទិន្នន័យដែលបែងចែកតាមភេទ អាយុ "
                      "និងពិការភាព។"),
    "keywords": "budget\nreport\ndata\nថវិកា\nរបាយការណ៍\nទិន្នន័យ",
    "pillar": "implementation_coordination_me",
}

# English fragment of the sentence → (Pillar key, extra Security issue key or None).
# Sentences about the plan itself (issue "general") carry a Pillar (or the analysts' own
# implementation Code) and no Security issue.
SENTENCE_CODES: dict[str, tuple[str, str | None]] = {
    # Landmines and explosive remnants of war
    "collect firewood near fields": ("protection", None),
    "lost his leg to a mine": ("relief_recovery", None),
    "Mine risk education sessions": ("prevention", None),
    "deminers from our province": ("participation", None),
    "found unexploded shells": ("protection", None),
    "Survivors of mine accidents": ("relief_recovery", None),
    "registered in the name of the women": ("relief_recovery", "land-natural-resource-disputes"),
    "meeting about mine risks": ("participation", None),
    # Human trafficking
    "promised {group} good jobs": ("prevention", None),
    "sent to China to marry": ("protection", None),
    "trafficking victim comes home": ("protection", None),
    "legal recruitment agencies": ("prevention", None),
    "Debt to the microfinance": ("prevention", "economic-insecurity-debt"),
    "border checkpoint should have women": ("protection", "women-in-security-sector"),
    "reported a broker to the police": ("prevention", None),
    # Online scam compounds
    "advert on Facebook": ("protection", None),
    "do not believe the warnings": ("prevention", None),
    "escaped from scam compounds": ("protection", None),
    "Rescued workers need a safe place": ("relief_recovery", None),
    "teach students how to check": ("prevention", None),
    # Border conflict and displacement
    "When the shelling started": ("protection", "displacement-conflict"),
    "no separate toilet for women and girls": ("protection", None),
    "Pregnant women in the camp": ("relief_recovery", None),
    "still cannot go home": ("relief_recovery", None),
    "Nobody asked women what they needed": ("participation", None),
    "frightened by the sound of the guns": ("relief_recovery", None),
    "committee that plans the return": ("participation", None),
    "lost a whole harvest": ("relief_recovery", "economic-insecurity-debt"),
    # Peace processes
    "no women in the delegation": ("participation", None),
    "settle conflicts between families": ("participation", None),
    "list of women trained in mediation": ("participation", None),
    "Ceasefire monitoring teams": ("participation", None),
    # Peacekeeping and the security sector
    "Women peacekeepers can speak": ("participation", None),
    "women soldiers want to deploy": ("participation", None),
    "barracks have no separate rooms": ("participation", None),
    "mostly given office work": ("participation", None),
    "Promotion to senior ranks": ("participation", None),
    "desk for women and children": ("protection", "gbv-domestic-sexual"),
    # Gender-based violence
    "violence at home is a private matter": ("prevention", None),
    "make peace with her husband": ("protection", None),
    "Drinking gets worse": ("prevention", None),
    "There is no shelter in the district": ("protection", None),
    "Women with disabilities face violence": ("protection", None),
    "health centre treats the injuries": ("protection", None),
    "Men in the village should take part": ("prevention", None),
    "came back from the evacuation sites": ("protection", "displacement-conflict"),
    # Disasters and climate
    "cut the road to the health centre": ("relief_recovery", None),
    "Early warning messages": ("prevention", None),
    "rice fails because of drought": ("prevention", "unsafe-migration-returnees"),
    "commune disaster committee": ("participation", None),
    "the safe place is the pagoda": ("relief_recovery", None),
    "less water every dry season": ("prevention", None),
    # Unsafe migration and returnees
    "thousands of workers came back": ("relief_recovery", None),
    "looked down on by their neighbours": ("protection", None),
    "Returnees need help to find jobs": ("relief_recovery", "economic-insecurity-debt"),
    "without a passport": ("prevention", None),
    "Grandmothers in": ("relief_recovery", None),
    # Land
    "women are rarely invited to the meetings": ("participation", None),
    "speak out about the land concession": ("protection", "civic-space-whrds"),
    "Widows lose their land": ("protection", None),
    "other people had taken their land": ("relief_recovery", "displacement-conflict"),
    # Technology-facilitated GBV, digital fraud
    "messages on Telegram from strangers": ("prevention", None),
    "private photo is shared online": ("protection", None),
    "collect evidence from a phone": ("protection", None),
    "journalists and activists are insulted": ("protection", "civic-space-whrds"),
    "losing their savings to phone calls": ("prevention", None),
    "learn about online safety at school": ("prevention", None),
    # Civic space
    "careful about what they say in public": ("participation", None),
    "Local NGOs need permission": ("participation", None),
    "first time the government has asked": ("participation", None),
    # The plan itself (no Security issue)
    "only one of the commune councillors": ("participation", None),
    "budget for the provinces": (IMPLEMENTATION_CODE["key"], None),
    "report each year on what it did": (IMPLEMENTATION_CODE["key"], None),
    "broken down by sex, age and disability": (IMPLEMENTATION_CODE["key"], None),
    "asked directly, not through the village chief": ("participation", None),
    "ready to volunteer for awareness raising": ("prevention", None),
    "last to be invited to meetings": ("participation", None),
}

# The Kobo survey's "What already helps?" answers (English text) → Codes. An answer that names
# nothing to code ("not much helps yet") is left for the analysts.
WHAT_HELPS_CODES: dict[str, tuple[str, ...]] = {
    "Women in our village walk to the market in groups.": ("gbv-domestic-sexual", "prevention"),
    "The commune focal point for women and children visits the family after a complaint.":
        ("gbv-domestic-sexual", "protection"),
    "Mine clearance teams come to the school every year and explain the danger signs.":
        ("landmines-erw", "prevention"),
    "The savings group lends to women at a low rate, so they do not need the brokers.":
        ("economic-insecurity-debt", "human-trafficking", "prevention"),
    "A women's group on Telegram warns its members about fake job offers.":
        ("online-scam-compounds", "prevention"),
    "The health centre has a midwife who knows how to help women who were hurt at home.":
        ("gbv-domestic-sexual", "protection"),
    "The pagoda opens its hall to families when the water rises.":
        ("disasters-climate", "relief_recovery"),
    "Neighbours watch each other's houses and call the police post quickly.": ("prevention",),
    "The hotline number is written on the wall of the commune hall.":
        ("gbv-domestic-sexual", "protection"),
    "Teachers talk with girls about safe migration before they finish school.":
        ("unsafe-migration-returnees", "prevention"),
    "Since the ceasefire, the police patrol the evacuation sites at night.":
        ("displacement-conflict", "protection"),
}
# The Khmer answer with a line break (street lights broken since the shelling).
NEWLINE_ANSWER_CODES = ("interstate-border-conflict", "protection")

# Transcript answers: the first words of the answer → [(Code, words that start the coded span
# or None for the whole answer, memo)].
TRANSCRIPT_CODES: dict[str, list[tuple[str, str | None, str]]] = {
    "ពេលនោះ យើងត្រូវចាកចេញពីផ្ទះទាំងយប់": [
        ("displacement-conflict", None, ""),
        ("interstate-border-conflict", "ឥឡូវយើងត្រឡប់មកវិញហើយ",
         "Still afraid of the fields near the border after returning."),
        ("relief_recovery", None, ""),
    ],
    "ខ្ញុំក៏ដូចគ្នាដែរ។ ប្តីរបស់ខ្ញុំ": [
        ("unsafe-migration-returnees", "ប្តីរបស់ខ្ញុំទៅធ្វើការនៅប្រទេសថៃ",
         "Husband working in Thailand: she carries the household alone."),
        ("relief_recovery", None, ""),
    ],
    "If I may add in English": [
        ("displacement-conflict", "in the sites we supported", ""),
        ("protection", None, ""),
    ],
    "គ្រាប់មិនទាន់ផ្ទុះ។": [
        ("landmines-erw", None, "Three days for the clearance team to come."),
        ("protection", None, ""),
    ],
    "សម្រាប់ខ្ញុំ គឺបំណុល។": [
        ("economic-insecurity-debt", None, ""),
        ("relief_recovery", None, ""),
    ],
    "Young women here are getting job offers": [
        ("online-scam-compounds", None, ""),
        ("human-trafficking", "Some of my friends went", "Possible trafficking: no contact."),
        ("prevention", None, ""),
    ],
    "នៅពេលយប់ ភូមិងងឹតណាស់": [
        ("interstate-border-conflict", None, "Street lights broken by the shelling."),
        ("protection", None, ""),
    ],
    "ភាគច្រើនទៅរកមេភូមិ": [
        ("women-in-security-sector", "យើងមិនសូវទៅប៉ុស្តិ៍ប៉ូលិសទេ",
         "Police post far away and only men."),
        ("protection", None, ""),
    ],
    "ខ្ញុំជាជនមានពិការភាព។": [
        ("displacement-conflict", None, "Evacuation without help for people with disabilities."),
        ("relief_recovery", None, ""),
    ],
    "The commune committee for women and children": [
        ("displacement-conflict", None, ""),
        (IMPLEMENTATION_CODE["key"], "but it has no budget of its own", "CCWC has no budget."),
        ("relief_recovery", None, ""),
    ],
    "សូមបោសសម្អាតដីស្រែរបស់យើង": [
        ("landmines-erw", None, ""),
        ("relief_recovery", None, ""),
    ],
    "ស្ត្រីគួរតែមានកន្លែងអង្គុយ": [
        ("displacement-conflict", None, ""),
        ("participation", None, ""),
    ],
    "Please teach us how to check": [
        ("online-scam-compounds", None, ""),
        ("prevention", None, ""),
    ],
    "សេវាទាំងអស់ត្រូវតែគិតដល់ជនមានពិការភាព": [
        ("displacement-conflict", None, ""),
        ("relief_recovery", None, ""),
    ],
    "ខ្ញុំចង់ឲ្យមានមន្ត្រីប៉ូលិសស្ត្រី": [
        ("women-in-security-sector", None, "Women police officers near the village."),
        ("gbv-domestic-sexual", "ដើម្បីឲ្យស្ត្រីហ៊ានទៅរាយការណ៍", ""),
        ("participation", None, ""),
    ],
    "ហើយសូមកុំភ្លេចយើង": [
        ("interstate-border-conflict", None, ""),
        ("relief_recovery", None, ""),
    ],
}

# For the second coder of the double-coding sample: the neighbouring Code one picks by mistake.
NEAR_MISS: dict[str, str] = {
    "landmines-erw": "interstate-border-conflict",
    "interstate-border-conflict": "displacement-conflict",
    "displacement-conflict": "interstate-border-conflict",
    "peace-processes-mediation": "interstate-border-conflict",
    "women-peacekeeping": "women-in-security-sector",
    "women-in-security-sector": "women-peacekeeping",
    "human-trafficking": "unsafe-migration-returnees",
    "online-scam-compounds": "human-trafficking",
    "unsafe-migration-returnees": "human-trafficking",
    "gbv-domestic-sexual": "tech-facilitated-gbv",
    "tech-facilitated-gbv": "cybersecurity-digital-fraud",
    "cybersecurity-digital-fraud": "online-scam-compounds",
    "disasters-climate": "climate-security-nexus",
    "climate-security-nexus": "disasters-climate",
    "land-natural-resource-disputes": "displacement-conflict",
    "civic-space-whrds": "peace-processes-mediation",
    "economic-insecurity-debt": "unsafe-migration-returnees",
    "participation": "prevention",
    "prevention": "protection",
    "protection": "prevention",
    "relief_recovery": "protection",
    IMPLEMENTATION_CODE["key"]: "participation",
}

__all__ = ["GENERAL", "IMPLEMENTATION_CODE", "NEAR_MISS", "NEWLINE_ANSWER_CODES",
           "SENTENCE_CODES", "TRANSCRIPT_CODES", "WHAT_HELPS_CODES"]
