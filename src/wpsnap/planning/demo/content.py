"""What the demo draft NAP says (synthetic; the Organisations are the demo Plan's).

Organisations are named by abbreviation, or by English name when they have none. Findings are
the demo Plan's validated or amended ones (F-17, validated, is deliberately answered by no
Action). Areas are province codes; Siem Reap (17), where people were consulted, is deliberately
named by no Action.

Deliberate gaps, for the gaps page:
- F-17 (validated) is answered by no Action;
- Siem Reap (17) was consulted but no Action names it;
- A-1.3.2 has no lead; A-3.1.3 has no budget;
- one Indicator has no baseline ("Women on the national mediators' roster"), one no target
  ("Calls to the job-offer hotline");
- MoLVT has responsibilities but sits on no Body.
"""

from collections import namedtuple

# An Action: titles, lead (None: the deliberate gap), supporting, (start, end) years, Areas
# ("N": national, else province codes), Findings, budget lines
# (amount, currency, secured, year or None, source key).
A = namedtuple("A", "en km lead support years areas findings budget")
# An Output has a lead (who answers for it as a whole) and Organisations consulted or informed.
# An Indicator: titles, type, (unit_en, unit_km), direction, baseline (value, year, source key)
# or None, {year: target}, data source key, frequency, responsible, disaggregation.
I = namedtuple("I", "en km type unit direction baseline targets source frequency responsible "  # noqa: E741
                    "disaggregation")

NO_LEAD_ACTION = "A-1.3.2"
NO_BUDGET_ACTION = "A-3.1.3"
UNANSWERED_FINDING = "F-17"
UNCOVERED_AREA = "17"
NO_BODY_ORGANISATION = "MoLVT"

GOAL = {
    "title_en": "Women and girls in Cambodia live in peace and security, and take part equally "
                "in building and keeping it.",
    "title_km": "ស្ត្រី និងក្មេងស្រីនៅកម្ពុជារស់នៅប្រកបដោយសន្តិភាព និងសន្តិសុខ "
                "ហើយចូលរួមដោយស្មើភាពក្នុងការកសាង និងថែរក្សាសន្តិភាព។",
    "description_en": "Cambodia's first National Action Plan on Women, Peace and Security "
                      "(2026–2030), drafted from the consultations in Phnom Penh, Battambang, "
                      "Oddar Meanchey and Siem Reap and the Findings validated at the national "
                      "workshop. Draft for discussion (demo data).",
    "description_km": "ផែនការសកម្មភាពជាតិទីមួយរបស់កម្ពុជាស្តីពីស្ត្រី សន្តិភាព និងសន្តិសុខ "
                      "(២០២៦–២០៣០) រៀបចំឡើងពីការពិគ្រោះយោបល់នៅភ្នំពេញ បាត់ដំបង ឧត្តរមានជ័យ "
                      "និងសៀមរាប និងពីលទ្ធផលរកឃើញដែលបានផ្តល់សុពលភាពនៅសិក្ខាសាលាថ្នាក់ជាតិ។ "
                      "សេចក្តីព្រាងសម្រាប់ពិភាក្សា (ទិន្នន័យសាកល្បង)។",
}

SOURCES = {  # budget sources
    "GOV": ("Royal Government budget", "ថវិកាជាតិរបស់រាជរដ្ឋាភិបាល"),
    "UNW": ("UN Women", "UN Women"),
    "AUS": ("Embassy of Australia (demo grant)", "ស្ថានទូតអូស្ត្រាលី (ជំនួយសាកល្បង)"),
    "UK": ("British Embassy (demo grant)", "ស្ថានទូតចក្រភពអង់គ្លេស (ជំនួយសាកល្បង)"),
    "UNDP": ("UNDP", "UNDP"),
    "UNFPA": ("UNFPA", "UNFPA"),
    "IOM": ("IOM", "IOM"),
    "TBD": ("To be mobilised", "ត្រូវស្វែងរកបន្ថែម"),
}

DATA_SOURCES = {  # Indicator data and baseline sources
    "MFAIC": ("MFAIC delegation lists", "បញ្ជីគណៈប្រតិភូរបស់ក្រសួងការបរទេស"),
    "SURVEY": ("NAP household survey (baseline: the 2025 consultations)",
               "ការស្ទង់មតិគ្រួសារនៃផែនការសកម្មភាពជាតិ (មូលដ្ឋាន៖ ការពិគ្រោះយោបល់ឆ្នាំ២០២៥)"),
    "CDHS": ("Cambodia Demographic and Health Survey", "ការអង្កេតប្រជាសាស្ត្រ និងសុខភាពកម្ពុជា"),
    "CMAA": ("CMAA mine action database", "មូលដ្ឋានទិន្នន័យសកម្មភាពកំចាត់មីនរបស់ CMAA"),
    "MOWA": ("MoWA administrative records", "កំណត់ត្រារដ្ឋបាលរបស់ក្រសួងកិច្ចការនារី"),
    "MOI": ("MoI administrative records", "កំណត់ត្រារដ្ឋបាលរបស់ក្រសួងមហាផ្ទៃ"),
    "GCNP": ("National Police personnel records", "កំណត់ត្រាបុគ្គលិករបស់នគរបាលជាតិ"),
    "NPMEC": ("NPMEC deployment records", "កំណត់ត្រាការដាក់ពង្រាយរបស់ NPMEC"),
    "MND": ("MND policy register", "បញ្ជីគោលនយោបាយរបស់ក្រសួងការពារជាតិ"),
    "NEC": ("National Election Committee results", "លទ្ធផលរបស់គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត"),
    "NCCT": ("NCCT programme reports", "របាយការណ៍កម្មវិធីរបស់ NCCT"),
    "MOLVT": ("Hotline call log", "កំណត់ត្រាការហៅទូរស័ព្ទមកខ្សែជំនួយ"),
    "MOEYS": ("Education management information system", "ប្រព័ន្ធព័ត៌មានគ្រប់គ្រងការអប់រំ"),
    "NCDM": ("NCDM committee lists", "បញ្ជីគណៈកម្មាធិការរបស់ NCDM"),
    "MOSVY": ("Referral case files", "សំណុំឯកសារករណីបញ្ជូនបន្ត"),
    "MOJ": ("Court and legal aid records", "កំណត់ត្រាតុលាការ និងជំនួយផ្លូវច្បាប់"),
    "CMAC": ("CMAC personnel records", "កំណត់ត្រាបុគ្គលិករបស់ CMAC"),
    "MEF": ("Budget execution reports", "របាយការណ៍អនុវត្តថវិកា"),
    "MOP": ("NAP monitoring database", "មូលដ្ឋានទិន្នន័យតាមដានផែនការសកម្មភាពជាតិ"),
}

PCT = ("%", "%")
YES_NO = ("yes / no", "បាទ/ចាស ឬ ទេ")
WOMEN = ("women", "នាក់ (ស្ត្រី)")
PEOPLE = ("people", "នាក់")

OUTCOMES = [
    {
        "title_en": "Women take part equally and meaningfully in decisions on peace and "
                    "security at every level",
        "title_km": "ស្ត្រីចូលរួមដោយស្មើភាព និងប្រកបដោយអត្ថន័យ ក្នុងការសម្រេចចិត្តលើបញ្ហា"
                    "សន្តិភាព និងសន្តិសុខគ្រប់កម្រិត",
        "pillars": ["participation"],
        "indicators": [
            I("Share of women in delegations to peace, ceasefire and border talks",
              "ភាគរយស្ត្រីក្នុងគណៈប្រតិភូចរចាសន្តិភាព បទឈប់បាញ់ និងព្រំដែន",
              "percentage", PCT, "increase", (0, 2025, "MFAIC"),
              {2027: 20, 2028: 25, 2030: 33}, "MFAIC", "annual", "MFAIC", []),
        ],
        "outputs": [
            {
                "title_en": "Women take part in peace talks, mediation and border dialogue",
                "title_km": "ស្ត្រីចូលរួមក្នុងការចរចាសន្តិភាព ការសម្រុះសម្រួល "
                            "និងកិច្ចសន្ទនាតាមព្រំដែន",
                "lead": "MoWA", "consulted": ["WPN"], "informed": [],
                "alignments": [("asean-rpa-wps", "rpa-participation"),
                               ("unscr-wps", "UNSCR-2493"),
                               ("cedaw-gr30", "gr30-participation")],
                "actions": [
                    A("Set a minimum of one third women in delegations to border and "
                      "ceasefire talks",
                      "កំណត់ឲ្យមានស្ត្រីយ៉ាងតិចមួយភាគបី នៅក្នុងគណៈប្រតិភូចរចាព្រំដែន "
                      "និងបទឈប់បាញ់",
                      "MFAIC", ["MoWA", "MND"], (2026, 2027), "N", ["F-07"],
                      [(40000, "USD", True, 2026, "GOV")]),
                    A("Train women village mediators and link them to commune conflict-"
                      "resolution committees",
                      "បណ្តុះបណ្តាលស្ត្រីសម្រុះសម្រួលថ្នាក់ភូមិ "
                      "និងភ្ជាប់ពួកគាត់ទៅនឹងគណៈកម្មការដោះស្រាយវិវាទថ្នាក់ឃុំ",
                      "MoI", ["MoWA", "WPN", "PDoWA-OMC"], (2026, 2028), ["22", "02"],
                      ["F-07", "F-19"],
                      [(180000000, "KHR", True, None, "GOV"), (35000, "USD", True, 2027, "UNW")]),
                    A("Build a roster of trained women mediators for national and ASEAN peace "
                      "processes",
                      "បង្កើតបញ្ជីឈ្មោះស្ត្រីសម្រុះសម្រួលដែលបានបណ្តុះបណ្តាល "
                      "សម្រាប់ដំណើរការសន្តិភាពថ្នាក់ជាតិ និងអាស៊ាន",
                      "MoWA", ["MFAIC", "UN Women"], (2027, 2029), "N", ["F-07"],
                      [(60000, "USD", False, None, "UNW")]),
                ],
                "indicators": [
                    I("Number of women mediators trained and active",
                      "ចំនួនស្ត្រីសម្រុះសម្រួលដែលបានបណ្តុះបណ្តាល និងកំពុងបំពេញការងារ",
                      "number", WOMEN, "increase", (35, 2025, "MOI"),
                      {2026: 80, 2027: 150, 2028: 220, 2030: 300}, "MOI", "annual", "MoI",
                      ["area"]),
                    I("Women on the national mediators' roster",
                      "ចំនួនស្ត្រីនៅក្នុងបញ្ជីឈ្មោះអ្នកសម្រុះសម្រួលថ្នាក់ជាតិ",
                      "number", WOMEN, "increase", None,  # deliberately no baseline
                      {2028: 40, 2030: 60}, "MOWA", "annual", "MoWA", []),
                ],
            },
            {
                "title_en": "More women serve and lead in the security sector and UN "
                            "peacekeeping, free from harassment",
                "title_km": "ស្ត្រីកាន់តែច្រើនបម្រើការងារ និងដឹកនាំក្នុងវិស័យសន្តិសុខ "
                            "និងប្រតិបត្តិការរក្សាសន្តិភាពរបស់អង្គការសហប្រជាជាតិ "
                            "ដោយគ្មានការយាយី",
                "lead": "MND", "consulted": [], "informed": ["UN Women"],
                "alignments": [("asean-rpa-wps", "rpa-participation"),
                               ("cambodia-policies", "KH-MOWIP-2024"),
                               ("unscr-wps", "UNSCR-2242")],
                "actions": [
                    A("Carry out the MOWIP barrier assessment in the police and armed forces "
                      "and act on it",
                      "ធ្វើការវាយតម្លៃឧបសគ្គ MOWIP នៅក្នុងកងនគរបាល និងកងយោធពល "
                      "ហើយអនុវត្តតាមលទ្ធផល",
                      "MND", ["GCNP", "NPMEC", "UN Women"], (2026, 2027), "N", ["F-07"],
                      [(75000, "USD", True, 2026, "AUS")]),
                    A("Provide childcare support and women's quarters so that women can deploy "
                      "on UN missions",
                      "ផ្តល់ការគាំទ្រថែទាំកុមារ និងកន្លែងស្នាក់នៅសម្រាប់ស្ត្រី "
                      "ដើម្បីឲ្យស្ត្រីអាចចេញបំពេញបេសកកម្មរបស់អង្គការសហប្រជាជាតិ",
                      "NPMEC", ["MND", "MoSVY"], (2027, 2030), ["12"], ["F-07"],
                      [(320000000, "KHR", False, None, "GOV")]),
                    A("Mentor women officers for command posts in the police",
                      "ណែនាំ និងបង្វឹកមន្ត្រីនគរបាលស្ត្រី សម្រាប់តំណែងបញ្ជាការ",
                      "GCNP", ["MoI", "MoWA"], (2026, 2030), ["12", "02"], ["F-10"],
                      [(50000, "USD", False, None, "UK")]),
                    A("Adopt and apply a sexual harassment policy with confidential reporting "
                      "in the police and armed forces",
                      "អនុម័ត និងអនុវត្តគោលនយោបាយប្រឆាំងការយាយីផ្លូវភេទ "
                      "ដែលមានយន្តការរាយការណ៍ជាការសម្ងាត់ នៅក្នុងកងនគរបាល និងកងយោធពល",
                      "MND", ["GCNP", "RGC", "MoWA"], (2026, 2027), "N", ["F-10"],
                      [(20000, "USD", True, 2026, "GOV")]),
                    A("Build separate facilities for women in police stations and barracks",
                      "សាងសង់កន្លែងដាច់ដោយឡែកសម្រាប់ស្ត្រី នៅប៉ុស្តិ៍នគរបាល និងបន្ទាយ",
                      "MoI", ["MND", "RGC"], (2027, 2030), ["12", "02", "22"], ["F-10"],
                      [(1200000000, "KHR", False, None, "GOV")]),
                ],
                "indicators": [
                    I("Share of women among police officers", "ភាគរយស្ត្រីក្នុងចំណោមមន្ត្រីនគរបាល",
                      "percentage", PCT, "increase", (9.5, 2025, "GCNP"),
                      {2027: 11, 2030: 14}, "GCNP", "annual", "GCNP", []),
                    I("Number of women deployed on UN peacekeeping missions",
                      "ចំនួនស្ត្រីដែលបានដាក់ពង្រាយក្នុងបេសកកម្មរក្សាសន្តិភាពរបស់អង្គការសហប្រជាជាតិ",
                      "number", WOMEN, "increase", (390, 2025, "NPMEC"),
                      {2027: 450, 2030: 550}, "NPMEC", "annual", "NPMEC", []),
                    I("Sexual harassment policy adopted in the police and armed forces",
                      "គោលនយោបាយប្រឆាំងការយាយីផ្លូវភេទ ត្រូវបានអនុម័តនៅក្នុងកងនគរបាល "
                      "និងកងយោធពល",
                      "yes_no", YES_NO, "increase", (0, 2025, "MND"),
                      {2027: 1, 2028: 1, 2029: 1, 2030: 1}, "MND", "annual", "MND", []),
                ],
            },
            {
                "title_en": "Women lead in commune and provincial decisions on peace and "
                            "security",
                "title_km": "ស្ត្រីដឹកនាំក្នុងការសម្រេចចិត្តលើបញ្ហាសន្តិភាព "
                            "និងសន្តិសុខនៅថ្នាក់ឃុំ និងខេត្ត",
                "lead": "MoI", "consulted": [], "informed": [],
                "alignments": [("asean-rpa-wps", "rpa-participation"),
                               ("cambodia-policies", "NR6-P5"), ("sdg", "16.7")],
                "actions": [
                    A("Give women commune councillors training and a network on local security "
                      "planning",
                      "ផ្តល់វគ្គបណ្តុះបណ្តាល និងបណ្តាញដល់សមាជិកក្រុមប្រឹក្សាឃុំជាស្ត្រី "
                      "ស្តីពីការរៀបចំផែនការសន្តិសុខមូលដ្ឋាន",
                      "MoI", ["MoWA", "WPN"], (2026, 2029), ["22", "02", "12"], ["F-07"],
                      [(150000, "USD", True, None, "UNDP")]),
                    A("Support young women's peace leadership clubs in border provinces",
                      "គាំទ្រក្លឹបភាពជាអ្នកដឹកនាំសន្តិភាពរបស់យុវនារី នៅខេត្តជាប់ព្រំដែន",
                      None, ["YPB", "BWA"], (2027, 2030), ["02", "22"], ["F-07", "F-01"],
                      [(90000000, "KHR", False, None, "TBD")]),
                ],
                "indicators": [
                    I("Share of commune councillors who are women",
                      "ភាគរយសមាជិកក្រុមប្រឹក្សាឃុំដែលជាស្ត្រី",
                      "percentage", PCT, "increase", (21.8, 2022, "NEC"),
                      {2027: 25}, "NEC", "mid_term_and_final", "MoI", ["area"]),
                ],
            },
        ],
    },
    {
        "title_en": "Conflict, violence and trafficking are prevented, with women leading early "
                    "warning and prevention",
        "title_km": "ជម្លោះ អំពើហិង្សា និងការជួញដូរមនុស្សត្រូវបានបង្ការ "
                    "ដោយស្ត្រីដើរតួនាំមុខក្នុងការព្រមានជាមុន និងការបង្ការ",
        "pillars": ["prevention"],
        "indicators": [
            I("Share of women in border villages who know at least three signs of a fake job "
              "offer",
              "ភាគរយស្ត្រីនៅភូមិជាប់ព្រំដែន ដែលស្គាល់សញ្ញាយ៉ាងតិចបីនៃការផ្តល់ការងារក្លែងក្លាយ",
              "percentage", PCT, "increase", (18, 2025, "SURVEY"),
              {2027: 35, 2030: 60}, "SURVEY", "mid_term_and_final", "MoWA", ["sex", "area"]),
        ],
        "outputs": [
            {
                "title_en": "Women and girls at risk know how to migrate safely and avoid "
                            "brokers' traps",
                "title_km": "ស្ត្រី និងក្មេងស្រីដែលប្រឈមនឹងហានិភ័យ ដឹងពីរបៀបធ្វើចំណាកស្រុក"
                            "ដោយសុវត្ថិភាព និងជៀសវាងអន្ទាក់មេខ្យល់",
                "lead": "NCCT", "consulted": ["MWSG"], "informed": [],
                "alignments": [("asean-rpa-wps", "rpa-prevention"),
                               ("cambodia-policies", "KH-NSP-TIP-2019"), ("sdg", "10.7"),
                               ("cedaw-gr30", "gr30-trafficking")],
                "actions": [
                    A("Run safe-migration sessions in villages in the evening, led by women "
                      "who have migrated",
                      "រៀបចំវគ្គផ្សព្វផ្សាយការធ្វើចំណាកស្រុកដោយសុវត្ថិភាពនៅតាមភូមិពេលល្ងាច "
                      "ដឹកនាំដោយស្ត្រីដែលធ្លាប់ធ្វើចំណាកស្រុក",
                      "NCCT", ["MoLVT", "IOM", "MWSG"], (2026, 2028), ["02", "22"], ["F-12"],
                      [(60000, "USD", True, 2026, "IOM"), (60000, "USD", False, 2027, "IOM")]),
                    A("Set up a hotline and provincial desks that check job offers abroad",
                      "បង្កើតខ្សែទូរស័ព្ទជំនួយ និងតុបម្រើការនៅខេត្ត "
                      "សម្រាប់ពិនិត្យការផ្តល់ការងារនៅបរទេស",
                      "MoLVT", ["MoI", "IOM"], (2026, 2027), ["02", "12"], ["F-12"],
                      [(200000000, "KHR", True, 2026, "GOV")]),
                    A("Offer low-interest credit and savings groups to families in debt, to stop "
                      "distress migration",
                      "ផ្តល់ឥណទានការប្រាក់ទាប និងក្រុមសន្សំប្រាក់ដល់គ្រួសារជំពាក់បំណុល "
                      "ដើម្បីបញ្ឈប់ការធ្វើចំណាកស្រុកដោយបង្ខំចិត្ត",
                      "MoWA", ["MEF", "UNDP"], (2027, 2030), ["22", "02"], ["F-12"],
                      [(250000, "USD", False, None, "TBD")]),
                ],
                "indicators": [
                    I("People reached by village safe-migration sessions",
                      "ចំនួនអ្នកដែលបានចូលរួមវគ្គផ្សព្វផ្សាយការធ្វើចំណាកស្រុកដោយសុវត្ថិភាពនៅភូមិ",
                      "number", PEOPLE, "increase", (0, 2025, "NCCT"),
                      {2026: 2000, 2027: 5000, 2028: 8000}, "NCCT", "quarterly", "NCCT",
                      ["sex", "area"]),
                    I("Calls to the job-offer hotline",
                      "ចំនួនការហៅទូរស័ព្ទមកខ្សែជំនួយពិនិត្យការផ្តល់ការងារ",
                      "number", ("calls", "ការហៅ"), "increase", (0, 2025, "MOLVT"),
                      {},  # deliberately no target
                      "MOLVT", "quarterly", "MoLVT", ["sex"]),
                ],
            },
            {
                "title_en": "Schools and communities prevent violence and trafficking",
                "title_km": "សាលារៀន និងសហគមន៍បង្ការអំពើហិង្សា និងការជួញដូរមនុស្ស",
                "lead": "MoWA", "consulted": [], "informed": [],
                "alignments": [("asean-rpa-wps", "rpa-prevention"), ("sdg", "4.7"),
                               ("cambodia-policies", "NAPVAW3-S1")],
                "actions": [
                    A("Add lessons on fake job offers, safe migration and gender equality to the "
                      "lower-secondary curriculum, in Khmer",
                      "បញ្ចូលមេរៀនស្តីពីការផ្តល់ការងារក្លែងក្លាយ ការធ្វើចំណាកស្រុកដោយសុវត្ថិភាព "
                      "និងសមភាពយេនឌ័រ ទៅក្នុងកម្មវិធីសិក្សាអនុវិទ្យាល័យ ជាភាសាខ្មែរ",
                      "MoEYS", ["NCCT", "MoWA"], (2026, 2028), "N", ["F-12"],
                      [(85000, "USD", True, None, "UNW")]),
                    A("Train commune committees for women and children to spot and refer early "
                      "signs of domestic violence",
                      "បណ្តុះបណ្តាលគណៈកម្មាធិការទទួលបន្ទុកកិច្ចការនារី និងកុមារឃុំ "
                      "ឲ្យចេះសម្គាល់ និងបញ្ជូនករណីអំពើហិង្សាក្នុងគ្រួសារតាំងពីដំបូង",
                      "MoWA", ["MoI", "CCWC"], (2026, 2030), ["22", "02", "12"], ["F-19"],
                      [(140000000, "KHR", True, None, "GOV")]),
                    A("Run community campaigns with men and monks: violence at home is a crime, "
                      "not a private matter",
                      "រៀបចំយុទ្ធនាការសហគមន៍ជាមួយបុរស និងព្រះសង្ឃ ថាអំពើហិង្សាក្នុងគ្រួសារ"
                      "ជាបទល្មើស មិនមែនជារឿងឯកជនទេ",
                      "MoWA", ["WPN", "UNFPA"], (2026, 2029), ["02", "22"], ["F-19"],
                      [(45000, "USD", True, 2026, "UNFPA"), (45000, "USD", False, 2028, "UNFPA")]),
                ],
                "indicators": [
                    I("Share of lower-secondary schools teaching the new lessons",
                      "ភាគរយអនុវិទ្យាល័យដែលបង្រៀនមេរៀនថ្មី",
                      "percentage", PCT, "increase", (0, 2025, "MOEYS"),
                      {2027: 30, 2028: 60, 2030: 100}, "MOEYS", "annual", "MoEYS", ["area"]),
                    I("Domestic violence cases referred by commune committees",
                      "ចំនួនករណីអំពើហិង្សាក្នុងគ្រួសារ ដែលគណៈកម្មាធិការឃុំបានបញ្ជូនបន្ត",
                      "number", ("cases", "ករណី"), "increase", (140, 2025, "MOWA"),
                      {2026: 180, 2028: 260, 2030: 320}, "MOWA", "quarterly", "MoWA",
                      ["area"]),
                ],
            },
            {
                "title_en": "Early warning of conflict and disaster reaches women and uses their "
                            "knowledge",
                "title_km": "ការព្រមានជាមុនអំពីជម្លោះ និងគ្រោះមហន្តរាយ ទៅដល់ស្ត្រី "
                            "និងប្រើប្រាស់ចំណេះដឹងរបស់ពួកគាត់",
                "lead": "NCDM", "consulted": [], "informed": [],
                "alignments": [("asean-rpa-wps", "rpa-prevention"),
                               ("cambodia-policies", "KH-NAP-DRR-2019"), ("sdg", "13.1")],
                "actions": [
                    A("Put women on every provincial and district disaster management committee",
                      "ដាក់ស្ត្រីឲ្យចូលរួមក្នុងគណៈកម្មាធិការគ្រប់គ្រងគ្រោះមហន្តរាយ "
                      "គ្រប់ខេត្ត និងស្រុក",
                      "NCDM", ["MoWA", "MoI"], (2026, 2027), "N", ["F-05"],
                      [(30000, "USD", True, 2026, "GOV")]),
                    A("Send early warnings by SMS and voice messages in Khmer that women with "
                      "basic phones can receive",
                      "ផ្ញើការព្រមានជាមុនតាមសារ SMS និងសារជាសំឡេងជាភាសាខ្មែរ "
                      "ដែលស្ត្រីប្រើទូរស័ព្ទធម្មតាអាចទទួលបាន",
                      "NCDM", ["MPTC", "UNDP"], (2027, 2028), ["22", "02"], ["F-05"],
                      [(95000, "USD", False, None, "UNDP")]),
                    A("Set up women-led community peace and early-warning groups along the "
                      "northern border",
                      "បង្កើតក្រុមសន្តិភាព និងការព្រមានជាមុនក្នុងសហគមន៍ ដឹកនាំដោយស្ត្រី "
                      "នៅតាមព្រំដែនភាគខាងជើង",
                      "MoI", ["BWA", "PDoWA-OMC", "UN Women"], (2026, 2030), ["22"],
                      ["F-07", "F-01"], [(120000, "USD", True, None, "AUS")]),
                ],
                "indicators": [
                    I("Share of disaster management committee members who are women",
                      "ភាគរយសមាជិកគណៈកម្មាធិការគ្រប់គ្រងគ្រោះមហន្តរាយដែលជាស្ត្រី",
                      "percentage", PCT, "increase", (12, 2025, "NCDM"),
                      {2027: 30, 2030: 40}, "NCDM", "annual", "NCDM", ["area"]),
                    I("Women-led community early-warning groups meeting regularly",
                      "ចំនួនក្រុមព្រមានជាមុនក្នុងសហគមន៍ ដឹកនាំដោយស្ត្រី ដែលប្រជុំជាប្រចាំ",
                      "number", ("groups", "ក្រុម"), "increase", (0, 2025, "MOI"),
                      {2026: 6, 2027: 12, 2030: 20}, "MOI", "semi_annual", "MoI", []),
                ],
            },
        ],
    },
    {
        "title_en": "Women and girls are protected from violence and exploitation, and survivors "
                    "get justice and services",
        "title_km": "ស្ត្រី និងក្មេងស្រីត្រូវបានការពារពីអំពើហិង្សា និងការកេងប្រវ័ញ្ច "
                    "ហើយជនរងគ្រោះទទួលបានយុត្តិធម៌ និងសេវា",
        "pillars": ["protection"],
        "indicators": [
            I("Share of women who experienced violence in the past year and sought help",
              "ភាគរយស្ត្រីដែលរងអំពើហិង្សាក្នុងរយៈពេលមួយឆ្នាំចុងក្រោយ ហើយបានស្វែងរកជំនួយ",
              "percentage", PCT, "increase", (24, 2022, "CDHS"),
              {2028: 35, 2030: 45}, "CDHS", "mid_term_and_final", "MoP", ["age_band", "area"]),
        ],
        "outputs": [
            {
                "title_en": "Survivors of violence get safe, quick help from police, health and "
                            "social services",
                "title_km": "ជនរងគ្រោះដោយអំពើហិង្សា ទទួលបានជំនួយប្រកបដោយសុវត្ថិភាព និងរហ័ស "
                            "ពីប៉ូលិស សេវាសុខាភិបាល និងសេវាសង្គម",
                "lead": "MoSVY", "consulted": ["DIF"], "informed": [],
                "alignments": [("asean-rpa-wps", "rpa-protection"),
                               ("cambodia-policies", "NAPVAW3-S2"), ("sdg", "5.2"),
                               ("unscr-wps", "UNSCR-2467")],
                "actions": [
                    A("Open police desks for women and children in every district of "
                      "Battambang, Oddar Meanchey and Phnom Penh",
                      "បើកតុទទួលពាក្យបណ្តឹងសម្រាប់ស្ត្រី និងកុមារ នៅគ្រប់ស្រុកនៃខេត្តបាត់ដំបង "
                      "ខេត្តឧត្តរមានជ័យ និងរាជធានីភ្នំពេញ",
                      "GCNP", ["MoWA", "MoI", "UNFPA"], (2026, 2028), ["02", "22", "12"],
                      ["F-10", "F-19"],
                      [(350000000, "KHR", True, 2026, "GOV"),
                       (80000, "USD", False, 2027, "UNFPA")]),
                    A("Train women police officers and health staff in survivor-centred care",
                      "បណ្តុះបណ្តាលមន្ត្រីនគរបាលស្ត្រី និងបុគ្គលិកសុខាភិបាល "
                      "អំពីការថែទាំដែលផ្តោតលើជនរងគ្រោះ",
                      "MoH", ["GCNP", "UNFPA"], (2026, 2027), ["12", "02"], ["F-10"],
                      [(70000, "USD", True, None, "UNFPA")]),
                    A("Make shelters and one-stop service centres accessible to women and girls "
                      "with disabilities",
                      "ធ្វើឲ្យផ្ទះសុវត្ថិភាព និងមជ្ឈមណ្ឌលសេវាពហុវិស័យ "
                      "អាចប្រើប្រាស់បានសម្រាប់ស្ត្រី និងក្មេងស្រីមានពិការភាព",
                      "MoSVY", ["DIF", "MoWA"], (2027, 2029), ["12", "22"], ["F-19"],
                      []),  # deliberately no budget
                ],
                "indicators": [
                    I("Districts with a police desk for women and children",
                      "ចំនួនស្រុកដែលមានតុទទួលពាក្យបណ្តឹងសម្រាប់ស្ត្រី និងកុមារ",
                      "number", ("districts", "ស្រុក"), "increase", (4, 2025, "GCNP"),
                      {2026: 10, 2027: 16, 2028: 22}, "GCNP", "semi_annual", "GCNP", ["area"]),
                    I("Average days from a survivor's report to a referral to services",
                      "ចំនួនថ្ងៃជាមធ្យម ចាប់ពីជនរងគ្រោះរាយការណ៍ ដល់ការបញ្ជូនទៅសេវា",
                      "number", ("days", "ថ្ងៃ"), "decrease", (9, 2025, "MOSVY"),
                      {2027: 5, 2030: 2}, "MOSVY", "annual", "MoSVY", []),
                ],
            },
            {
                "title_en": "Women and girls get justice for violence and trafficking",
                "title_km": "ស្ត្រី និងក្មេងស្រីទទួលបានយុត្តិធម៌ចំពោះអំពើហិង្សា "
                            "និងការជួញដូរមនុស្ស",
                "lead": "MoJ", "consulted": [], "informed": ["LAW"],
                "alignments": [("asean-rpa-wps", "rpa-protection"),
                               ("cambodia-policies", "KH-DV-LAW-2005"),
                               ("cambodia-policies", "KH-TIP-LAW-2008"), ("sdg", "16.3")],
                "actions": [
                    A("Issue guidance so that courts and commune chiefs stop sending women back "
                      "to 'make peace' with violent husbands",
                      "ចេញសេចក្តីណែនាំ ដើម្បីឲ្យតុលាការ និងមេឃុំឈប់បញ្ជូនស្ត្រីត្រឡប់ទៅ "
                      "«ផ្សះផ្សា» ជាមួយប្តីដែលប្រើអំពើហិង្សា",
                      "MoJ", ["MoI", "MoWA", "LAW"], (2026, 2027), "N", ["F-19"],
                      [(25000, "USD", True, 2026, "GOV")]),
                    A("Fund free legal aid for survivors of violence and trafficking in the "
                      "provinces",
                      "ផ្តល់ថវិកាសម្រាប់ជំនួយផ្លូវច្បាប់ដោយឥតគិតថ្លៃ "
                      "ដល់ជនរងគ្រោះដោយអំពើហិង្សា និងការជួញដូរមនុស្សនៅតាមខេត្ត",
                      "MoJ", ["LAW"], (2026, 2030), ["02", "22", "12"], ["F-19", "F-12"],
                      [(110000, "USD", False, None, "UK"),
                       (60000000, "KHR", True, 2027, "GOV")]),
                    A("Treat people who escape scam compounds as victims: screening and referral "
                      "at the border",
                      "ចាត់ទុកអ្នកដែលរត់គេចពីមជ្ឈមណ្ឌលបោកប្រាស់ថាជាជនរងគ្រោះ៖ "
                      "ការត្រួតពិនិត្យ និងការបញ្ជូនបន្តនៅព្រំដែន",
                      "NCCT", ["GCNP", "MoSVY", "IOM"], (2026, 2028), ["22", "02"], ["F-12"],
                      [(90000, "USD", True, 2027, "IOM")]),
                ],
                "indicators": [
                    I("Share of domestic violence cases at commune level sent back for "
                      "reconciliation",
                      "ភាគរយករណីអំពើហិង្សាក្នុងគ្រួសារនៅថ្នាក់ឃុំ ដែលត្រូវបានបញ្ជូនទៅផ្សះផ្សាវិញ",
                      "percentage", PCT, "decrease", (62, 2025, "SURVEY"),
                      {2027: 40, 2030: 15}, "MOJ", "annual", "MoJ", ["area"]),
                    I("Survivors given free legal aid",
                      "ចំនួនជនរងគ្រោះដែលទទួលបានជំនួយផ្លូវច្បាប់ដោយឥតគិតថ្លៃ",
                      "number", PEOPLE, "increase", (210, 2025, "MOJ"),
                      {2026: 300, 2028: 500, 2030: 700}, "MOJ", "annual", "MoJ",
                      ["sex", "age_band"]),
                ],
            },
        ],
    },
    {
        "title_en": "Relief, recovery and mine action meet the needs of women and girls and are "
                    "led with them",
        "title_km": "ការសង្គ្រោះ ការស្តារឡើងវិញ និងសកម្មភាពកំចាត់មីន ឆ្លើយតបនឹងតម្រូវការរបស់"
                    "ស្ត្រី និងក្មេងស្រី និងដឹកនាំរួមជាមួយពួកគេ",
        "pillars": ["relief_recovery", "protection"],
        "indicators": [
            I("Hectares of cleared land registered jointly or in a woman's name",
              "ចំនួនហិកតានៃដីដែលបានបោសសម្អាតមីនរួច ចុះបញ្ជីជាឈ្មោះរួម ឬជាឈ្មោះស្ត្រី",
              "number", ("hectares", "ហិកតា"), "increase", (0, 2025, "CMAA"),
              {2027: 500, 2028: 1500, 2030: 4000}, "CMAA", "annual", "CMAA", ["area"]),
        ],
        "outputs": [
            {
                "title_en": "Mine action reaches and employs women",
                "title_km": "សកម្មភាពកំចាត់មីនទៅដល់ស្ត្រី និងផ្តល់ការងារដល់ស្ត្រី",
                "lead": "CMAA", "consulted": ["BWA"], "informed": [],
                "alignments": [("asean-rpa-wps", "rpa-relief-recovery"),
                               ("cambodia-policies", "KH-GMAP-2021"),
                               ("cambodia-policies", "KH-NMAS-2018")],
                "actions": [
                    A("Hold mine risk education in the evenings and at markets, with women "
                      "educators, and invite women directly",
                      "រៀបចំការអប់រំអំពីគ្រោះថ្នាក់មីននៅពេលល្ងាច និងនៅផ្សារ "
                      "ដោយមានអ្នកអប់រំជាស្ត្រី និងអញ្ជើញស្ត្រីឲ្យចូលរួមដោយផ្ទាល់",
                      "CMAA", ["CMAC", "BWA"], (2026, 2028), ["22", "02"], ["F-02", "F-01"],
                      [(65000, "USD", True, 2026, "AUS"), (65000, "USD", False, 2027, "AUS")]),
                    A("Clear first the farmland and firewood areas that women use, from maps "
                      "women draw",
                      "ផ្តល់អាទិភាពលើការបោសសម្អាតមីននៅដីស្រែចម្ការ និងតំបន់រកអុសដែលស្ត្រីប្រើប្រាស់ "
                      "ដោយផ្អែកលើផែនទីដែលស្ត្រីគូរ",
                      "CMAA", ["CMAC", "PDoWA-OMC", "PDoWA-BTB"], (2026, 2030), ["22", "02"],
                      ["F-01"],
                      [(2000000000, "KHR", True, None, "GOV"),
                       (300000, "USD", False, None, "UNDP")]),
                    A("Recruit and promote women deminers and team leaders",
                      "ជ្រើសរើស និងដំឡើងតំណែងស្ត្រីអ្នកដោះមីន និងប្រធានក្រុម",
                      "CMAC", ["CMAA", "NPMEC"], (2026, 2029), ["02", "22"], ["F-01"],
                      [(40000, "USD", True, 2026, "UK")]),
                ],
                "indicators": [
                    I("Share of mine risk education participants who are women",
                      "ភាគរយអ្នកចូលរួមការអប់រំអំពីគ្រោះថ្នាក់មីនដែលជាស្ត្រី",
                      "percentage", PCT, "increase", (28, 2025, "CMAA"),
                      {2027: 45, 2030: 50}, "CMAA", "quarterly", "CMAA", ["age_band", "area"]),
                    I("Share of deminers who are women", "ភាគរយអ្នកដោះមីនដែលជាស្ត្រី",
                      "percentage", PCT, "increase", (14, 2025, "CMAC"),
                      {2027: 18, 2030: 25}, "CMAC", "annual", "CMAC", []),
                ],
            },
            {
                "title_en": "Women own and use the land freed from mines",
                "title_km": "ស្ត្រីមានកម្មសិទ្ធិ និងប្រើប្រាស់ដីដែលបានបោសសម្អាតមីនរួច",
                "lead": "CMAA", "consulted": [], "informed": [],
                "alignments": [("asean-rpa-wps", "rpa-relief-recovery"), ("sdg", "5.a"),
                               ("cambodia-policies", "NR6-P1")],
                "actions": [
                    A("Register cleared land jointly in the names of wives and husbands, and in "
                      "widows' own names",
                      "ចុះបញ្ជីដីដែលបានបោសសម្អាតមីនរួច ជាឈ្មោះរួមរបស់ប្រពន្ធ និងប្តី "
                      "ហើយជាឈ្មោះផ្ទាល់ខ្លួនរបស់ស្ត្រីមេម៉ាយ",
                      "CMAA", ["MoWA", "Oddar Meanchey Provincial Administration"],
                      (2027, 2029), ["22", "02"], ["F-04", "F-01"],
                      [(55000, "USD", False, None, "UNW")]),
                    A("Give women farmers on cleared land seeds, tools and training",
                      "ផ្តល់គ្រាប់ពូជ ឧបករណ៍ និងវគ្គបណ្តុះបណ្តាលដល់ស្ត្រីកសិករ "
                      "នៅលើដីដែលបានបោសសម្អាតមីនរួច",
                      "MoWA", ["Women Farmers' Group, Banan (demo)", "UNDP"], (2027, 2030),
                      ["02", "22"], ["F-04"],
                      [(180000000, "KHR", True, 2027, "GOV"), (40000, "USD", False, 2028, "UNDP")]),
                    A("Help mine survivors and their families, most of them women carers, to "
                      "earn a living",
                      "ជួយជនរងគ្រោះដោយមីន និងគ្រួសាររបស់ពួកគេ ដែលភាគច្រើនជាស្ត្រីអ្នកថែទាំ "
                      "ឲ្យមានប្រាក់ចំណូលចិញ្ចឹមជីវិត",
                      "MoSVY", ["CMAA", "DIF"], (2026, 2030), ["02", "22"], ["F-01"],
                      [(75000, "USD", True, None, "GOV")]),
                ],
                "indicators": [
                    I("Women farmers supported on cleared land",
                      "ចំនួនស្ត្រីកសិករដែលទទួលបានការគាំទ្រនៅលើដីដែលបានបោសសម្អាតមីនរួច",
                      "number", WOMEN, "increase", (0, 2025, "MOWA"),
                      {2027: 400, 2028: 900, 2030: 1500}, "MOWA", "annual", "MoWA", ["area"]),
                ],
            },
            {
                "title_en": "Evacuation and relief are safe and private for women and girls",
                "title_km": "ការជម្លៀស និងការសង្គ្រោះ មានសុវត្ថិភាព និងភាពឯកជនសម្រាប់ស្ត្រី "
                            "និងក្មេងស្រី",
                "lead": "NCDM", "consulted": [], "informed": ["Embassy of Australia"],
                "alignments": [("asean-rpa-wps", "rpa-relief-recovery"),
                               ("cambodia-policies", "KH-DM-LAW-2015"),
                               ("asean-rpa-wps", "ARF-PGI-2021"), ("sdg", "11.5")],
                "actions": [
                    A("Set minimum standards for evacuation sites: separate lit toilets, "
                      "sleeping areas for women, women staff",
                      "កំណត់ស្តង់ដារអប្បបរមាសម្រាប់ទីតាំងជម្លៀស៖ បង្គន់ដាច់ដោយឡែកមានភ្លើងបំភ្លឺ "
                      "កន្លែងដេកសម្រាប់ស្ត្រី និងបុគ្គលិកស្ត្រី",
                      "NCDM", ["MoWA", "MoSVY"], (2026, 2026), "N", ["F-05"],
                      [(15000, "USD", True, 2026, "GOV")]),
                    A("Stock dignity kits and train women volunteers for evacuation sites in "
                      "border provinces",
                      "ត្រៀមកញ្ចប់សម្ភារៈថ្លៃថ្នូរ និងបណ្តុះបណ្តាលស្ត្រីស្ម័គ្រចិត្ត "
                      "សម្រាប់ទីតាំងជម្លៀសនៅខេត្តជាប់ព្រំដែន",
                      "NCDM", ["UNFPA", "BWA", "PDoWA-OMC"], (2026, 2028), ["22", "02"],
                      ["F-05"],
                      [(120000, "USD", True, 2026, "UNFPA"), (40000, "USD", False, 2028, "UNFPA")]),
                    A("Provide health care, psychosocial support and referral for gender-based "
                      "violence in relief operations",
                      "ផ្តល់សេវាថែទាំសុខភាព ការគាំទ្រផ្លូវចិត្តសង្គម "
                      "និងការបញ្ជូនបន្តករណីអំពើហិង្សាផ្អែកលើយេនឌ័រ ក្នុងប្រតិបត្តិការសង្គ្រោះ",
                      "MoH", ["MoSVY", "UNFPA"], (2026, 2030), ["22", "02", "12"],
                      ["F-05", "F-19"], [(220000000, "KHR", False, None, "GOV")]),
                ],
                "indicators": [
                    I("Share of evacuation sites meeting the minimum standards for women and "
                      "girls",
                      "ភាគរយទីតាំងជម្លៀសដែលបំពេញស្តង់ដារអប្បបរមាសម្រាប់ស្ត្រី និងក្មេងស្រី",
                      "percentage", PCT, "increase", (10, 2024, "NCDM"),
                      {2027: 50, 2030: 90}, "NCDM", "annual", "NCDM", ["area"]),
                ],
            },
        ],
    },
    {
        "title_en": "The NAP is coordinated, funded, monitored and reported on, with civil "
                    "society",
        "title_km": "ផែនការសកម្មភាពជាតិត្រូវបានសម្របសម្រួល ផ្តល់ថវិកា តាមដាន និងរាយការណ៍ "
                    "ដោយមានការចូលរួមពីសង្គមស៊ីវិល",
        "pillars": ["implementation_coordination_me"],
        "indicators": [
            I("NAP yearly progress report published in Khmer and English",
              "របាយការណ៍វឌ្ឍនភាពប្រចាំឆ្នាំនៃផែនការសកម្មភាពជាតិ ត្រូវបានបោះពុម្ពផ្សាយជាភាសាខ្មែរ "
              "និងអង់គ្លេស",
              "yes_no", YES_NO, "increase", (0, 2025, "MOWA"),
              {2027: 1, 2028: 1, 2029: 1, 2030: 1}, "MOWA", "annual", "MoWA", []),
        ],
        "outputs": [
            {
                "title_en": "The NAP is coordinated and funded, and its spending tracked",
                "title_km": "ផែនការសកម្មភាពជាតិត្រូវបានសម្របសម្រួល ទទួលបានថវិកា "
                            "និងការចំណាយត្រូវបានតាមដាន",
                "lead": "MoWA", "consulted": [], "informed": ["MEF"],
                "alignments": [("asean-rpa-wps", "rpa-implementation"), ("sdg", "5.c")],
                "actions": [
                    A("Hold the National Steering Committee twice a year and the Technical "
                      "Working Group every quarter",
                      "រៀបចំកិច្ចប្រជុំគណៈកម្មាធិការដឹកនាំជាតិពីរដងក្នុងមួយឆ្នាំ "
                      "និងក្រុមការងារបច្ចេកទេសរៀងរាល់ត្រីមាស",
                      "MoWA", ["CNCW", "UN Women"], (2026, 2030), ["12"], ["F-07"],
                      [(100000000, "KHR", True, None, "GOV")]),
                    A("Set up WPS working groups in Battambang, Oddar Meanchey and Phnom Penh",
                      "បង្កើតក្រុមការងារស្ត្រី សន្តិភាព និងសន្តិសុខ នៅខេត្តបាត់ដំបង "
                      "ខេត្តឧត្តរមានជ័យ និងរាជធានីភ្នំពេញ",
                      "MoI", ["MoWA", "PDoWA-BTB", "PDoWA-OMC", "DoWA-PP"], (2026, 2027),
                      ["02", "22", "12"], ["F-01", "F-12"],
                      [(30000, "USD", True, 2026, "UNW")]),
                    A("Train each ministry's focal points in gender-responsive planning and the "
                      "NAP",
                      "បណ្តុះបណ្តាលមន្ត្រីបង្គោលនៃក្រសួងនីមួយៗ "
                      "ស្តីពីការរៀបចំផែនការឆ្លើយតបនឹងយេនឌ័រ និងផែនការសកម្មភាពជាតិ",
                      "MoWA", ["MoP", "UN Women"], (2026, 2027), "N", ["F-07"],
                      [(35000, "USD", True, 2026, "UNW")]),
                    A("Tag WPS spending in ministry budget plans and report it every year",
                      "សម្គាល់ការចំណាយលើស្ត្រី សន្តិភាព និងសន្តិសុខ នៅក្នុងផែនការថវិការបស់ក្រសួង "
                      "និងរាយការណ៍ជារៀងរាល់ឆ្នាំ",
                      "MEF", ["MoWA", "MoP"], (2026, 2030), "N", ["F-01", "F-12"],
                      [(20000, "USD", True, None, "GOV")]),
                    A("Open a small-grants window for women's organisations in the provinces",
                      "បង្កើតមូលនិធិជំនួយតូចៗ សម្រាប់អង្គការស្ត្រីនៅតាមខេត្ត",
                      "UN Women", ["MoWA", "WPN", "Embassy of Australia"], (2027, 2030),
                      ["02", "22"], ["F-07", "F-12"],
                      [(400000, "USD", False, None, "AUS")]),
                ],
                "indicators": [
                    I("Ministries that report their WPS spending",
                      "ចំនួនក្រសួងដែលរាយការណ៍ការចំណាយលើស្ត្រី សន្តិភាព និងសន្តិសុខ",
                      "number", ("ministries", "ក្រសួង"), "increase", (0, 2025, "MEF"),
                      {2027: 5, 2030: 12}, "MEF", "annual", "MEF", []),
                ],
            },
            {
                "title_en": "Progress is monitored with sex-disaggregated data and reported "
                            "publicly",
                "title_km": "វឌ្ឍនភាពត្រូវបានតាមដានដោយប្រើទិន្នន័យបែងចែកតាមភេទ "
                            "និងរាយការណ៍ជាសាធារណៈ",
                "lead": "MoP", "consulted": ["RUPP"], "informed": [],
                "alignments": [("asean-rpa-wps", "rpa-implementation"), ("sdg", "17.18"),
                               ("cambodia-policies", "NAPVAW3-S4")],
                "actions": [
                    A("Collect sex- and age-disaggregated data for every NAP indicator through "
                      "the national statistics system",
                      "ប្រមូលទិន្នន័យបែងចែកតាមភេទ និងអាយុ សម្រាប់សូចនាករនីមួយៗនៃផែនការ"
                      "សកម្មភាពជាតិ តាមរយៈប្រព័ន្ធស្ថិតិជាតិ",
                      "MoP", ["MoWA", "UNFPA"], (2026, 2030), "N", ["F-19", "F-12"],
                      [(60000, "USD", True, None, "UNFPA")]),
                    A("Publish a yearly progress report in Khmer and English and present it in "
                      "the provinces",
                      "បោះពុម្ពផ្សាយរបាយការណ៍វឌ្ឍនភាពប្រចាំឆ្នាំជាភាសាខ្មែរ និងអង់គ្លេស "
                      "ហើយបង្ហាញជូននៅតាមខេត្ត",
                      "MoWA", ["CNCW", "RUPP"], (2027, 2030), ["12", "02", "22"], ["F-07"],
                      [(45000000, "KHR", False, None, "GOV")]),
                    A("Carry out a mid-term review in 2028 and a final evaluation in 2030 with "
                      "civil society",
                      "ធ្វើការត្រួតពិនិត្យពាក់កណ្តាលអាណត្តិនៅឆ្នាំ២០២៨ "
                      "និងការវាយតម្លៃចុងក្រោយនៅឆ្នាំ២០៣០ ដោយមានការចូលរួមពីសង្គមស៊ីវិល",
                      "MoWA", ["RUPP", "WPN", "UN Women"], (2028, 2030), "N", ["F-07", "F-19"],
                      [(30000, "USD", True, 2028, "UNW"), (40000, "USD", False, 2030, "UNW")]),
                ],
                "indicators": [
                    I("Share of NAP indicators reported with sex-disaggregated data",
                      "ភាគរយសូចនាករនៃផែនការសកម្មភាពជាតិ ដែលរាយការណ៍ដោយមានទិន្នន័យបែងចែកតាមភេទ",
                      "percentage", PCT, "increase", (0, 2025, "MOP"),
                      {2027: 60, 2030: 90}, "MOP", "annual", "MoP", []),
                ],
            },
        ],
    },
]

# The coordination mechanism: (key, name_en, name_km, kind, level, area, pillar, mandate_en,
# mandate_km, meets, reports_to key, [(organisation, role)]).
B = namedtuple("B", "key en km kind level area pillar mandate_en mandate_km meets reports_to "
                    "members")

NATIONAL_MEMBERS = ["MND", "MFAIC", "MoSVY", "MoJ", "MEF", "MoP", "CMAA", "NCDM", "NCCT"]

BODIES = [
    B("nsc", "National Steering Committee on Women, Peace and Security",
      "គណៈកម្មាធិការដឹកនាំជាតិស្តីពីស្ត្រី សន្តិភាព និងសន្តិសុខ",
      "steering_committee", "national", None, None,
      "Sets the NAP's direction, approves its yearly work plan and budget, and reports to the "
      "Royal Government.",
      "កំណត់ទិសដៅនៃផែនការសកម្មភាពជាតិ អនុម័តផែនការការងារ និងថវិកាប្រចាំឆ្នាំ "
      "និងរាយការណ៍ជូនរាជរដ្ឋាភិបាល។",
      "semi_annual", None,
      [("MoWA", "chair"), ("MoI", "co_chair"), ("CNCW", "secretariat"),
       *[(o, "member") for o in NATIONAL_MEMBERS], ("UN Women", "observer")]),
    B("twg", "Technical Working Group on Women, Peace and Security",
      "ក្រុមការងារបច្ចេកទេសស្តីពីស្ត្រី សន្តិភាព និងសន្តិសុខ",
      "technical_working_group", "national", None, None,
      "Plans and follows the Actions, brings the pillar sub-groups and the provinces together, "
      "and prepares the Steering Committee's decisions.",
      "រៀបចំផែនការ និងតាមដានសកម្មភាព ប្រមូលផ្តុំក្រុមការងាររងតាមសសរស្តម្ភ និងខេត្ត "
      "និងរៀបចំការសម្រេចចិត្តសម្រាប់គណៈកម្មាធិការដឹកនាំជាតិ។",
      "quarterly", "nsc",
      [("MoWA", "chair"), ("UN Women", "co_chair"), ("CNCW", "secretariat"),
       *[(o, "member") for o in ("MoI", "MND", "MoSVY", "MoJ", "MoH", "MoEYS", "MoP", "MEF",
                                 "CMAA", "NCDM", "NCCT", "UNDP", "UNFPA", "IOM", "WPN",
                                 "RUPP")],
       ("Embassy of Australia", "observer")]),
    B("participation", "Participation sub-group", "ក្រុមការងាររងផ្នែកការចូលរួម",
      "pillar_subgroup", "national", None, "participation",
      "Follows the Actions of Outcome 1.", "តាមដានសកម្មភាពនៃលទ្ធផលទី១។", "quarterly", "twg",
      [("MoWA", "chair"), ("WPN", "co_chair"),
       *[(o, "member") for o in ("MFAIC", "MND", "GCNP", "NPMEC", "MoI", "RGC", "UN Women")]]),
    B("prevention", "Prevention sub-group", "ក្រុមការងាររងផ្នែកការបង្ការ",
      "pillar_subgroup", "national", None, "prevention",
      "Follows the Actions of Outcome 2.", "តាមដានសកម្មភាពនៃលទ្ធផលទី២។", "quarterly", "twg",
      [("NCCT", "chair"), ("IOM", "co_chair"),
       *[(o, "member") for o in ("MoEYS", "MoI", "MPTC", "NCDM", "MWSG", "YPB", "UNFPA")]]),
    B("protection", "Protection sub-group", "ក្រុមការងាររងផ្នែកការការពារ",
      "pillar_subgroup", "national", None, "protection",
      "Follows the Actions of Outcome 3.", "តាមដានសកម្មភាពនៃលទ្ធផលទី៣។", "quarterly", "twg",
      [("MoSVY", "chair"), ("LAW", "co_chair"),
       *[(o, "member") for o in ("MoJ", "MoH", "GCNP", "DIF", "UNFPA", "MoWA")]]),
    B("relief", "Relief and Recovery sub-group",
      "ក្រុមការងាររងផ្នែកការសង្គ្រោះ និងការស្តារឡើងវិញ",
      "pillar_subgroup", "national", None, "relief_recovery",
      "Follows the Actions of Outcome 4, mine action included.",
      "តាមដានសកម្មភាពនៃលទ្ធផលទី៤ រួមទាំងសកម្មភាពកំចាត់មីន។", "quarterly", "twg",
      [("CMAA", "chair"), ("NCDM", "co_chair"),
       *[(o, "member") for o in ("CMAC", "MND", "MoSVY", "BWA", "UNDP", "MoWA")]]),
    B("pwg-02", "Battambang Provincial WPS Working Group",
      "ក្រុមការងារស្ត្រី សន្តិភាព និងសន្តិសុខ ខេត្តបាត់ដំបង",
      "provincial_working_group", "provincial", "02", None,
      "Plans and follows the NAP's Actions in Battambang and reports to the Technical Working "
      "Group.",
      "រៀបចំផែនការ និងតាមដានសកម្មភាពនៃផែនការសកម្មភាពជាតិនៅខេត្តបាត់ដំបង "
      "និងរាយការណ៍ជូនក្រុមការងារបច្ចេកទេស។",
      "quarterly", "twg",
      [("PDoWA-BTB", "chair"), ("Battambang Provincial Administration", "co_chair"),
       ("YPB", "member"), ("Women Farmers' Group, Banan (demo)", "member")]),
    B("pwg-22", "Oddar Meanchey Provincial WPS Working Group",
      "ក្រុមការងារស្ត្រី សន្តិភាព និងសន្តិសុខ ខេត្តឧត្តរមានជ័យ",
      "provincial_working_group", "provincial", "22", None,
      "Plans and follows the NAP's Actions in Oddar Meanchey, along the border, and reports to "
      "the Technical Working Group.",
      "រៀបចំផែនការ និងតាមដានសកម្មភាពនៃផែនការសកម្មភាពជាតិនៅខេត្តឧត្តរមានជ័យ តាមបណ្តោយព្រំដែន "
      "និងរាយការណ៍ជូនក្រុមការងារបច្ចេកទេស។",
      "quarterly", "twg",
      [("PDoWA-OMC", "chair"), ("Oddar Meanchey Provincial Administration", "co_chair"),
       ("BWA", "member"), ("CCWC", "member")]),
    B("pwg-12", "Phnom Penh Capital WPS Working Group",
      "ក្រុមការងារស្ត្រី សន្តិភាព និងសន្តិសុខ រាជធានីភ្នំពេញ",
      "provincial_working_group", "provincial", "12", None,
      "Plans and follows the NAP's Actions in Phnom Penh and reports to the Technical Working "
      "Group.",
      "រៀបចំផែនការ និងតាមដានសកម្មភាពនៃផែនការសកម្មភាពជាតិនៅរាជធានីភ្នំពេញ "
      "និងរាយការណ៍ជូនក្រុមការងារបច្ចេកទេស។",
      "quarterly", "twg",
      [("DoWA-PP", "chair"), ("LAW", "member"), ("DIF", "member")]),
]
