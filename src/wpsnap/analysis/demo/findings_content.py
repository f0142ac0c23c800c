"""The demo analysts' Findings, in English and Khmer.

Synthetic demo data. Each Finding only says what the demo Statements behind it say (the Consult
demo's sentences); none states a figure or a fact about Cambodia beyond the reference library.
Evidence is chosen from the Statements coded with `codes` (and, when `match` is given, built
from a sentence whose English text contains one of those fragments, or containing one of them
as typed), `n` of them, spread over many Consultations ("wide") or taken from as few as
possible ("narrow"), so that Strengths differ.
"""

from dataclasses import dataclass

FINDING = "finding"
LESSON = "lesson_learned"
PRACTICE = "good_practice"
RECOMMENDATION = "recommendation"
DRAFT = "draft"
PRESENTED = "presented"


@dataclass(frozen=True)
class Wording:
    title_en: str
    title_km: str
    text_en: str
    text_km: str


@dataclass(frozen=True)
class FindingSpec:
    wording: Wording
    kind: str
    pillars: tuple[str, ...]
    issues: tuple[str, ...]
    alignments: tuple[str, ...]  # FrameworkItem keys of the reference library
    codes: tuple[str, ...]  # Evidence comes from Statements coded with one of these
    n: int  # how many Statements of Evidence (at most)
    match: tuple[str, ...] = ()
    spread: str = "wide"  # wide | narrow
    # Only these Consultations (slugs): Statements that match come first, then the others
    # coded with `codes` fill up to `n` (a Finding that rests on a few interviews).
    consultations: tuple[str, ...] = ()
    status: str = DRAFT
    author: int = 0  # 0: demo-analyst, 1: demo-analyst-2
    first_draft: Wording | None = None  # an earlier wording: the Finding gets two Revisions


FINDINGS: tuple[FindingSpec, ...] = (
    FindingSpec(
        Wording(
            "Women in border districts still farm and collect firewood near land not cleared "
            "of mines",
            "ស្ត្រីនៅតាមស្រុកជាប់ព្រំដែននៅតែធ្វើស្រែ និងរកអុសក្បែរដីដែលមិនទាន់បានបោសសម្អាតមីន",
            "Participants said that women still collect firewood and farm near fields that "
            "were never cleared, and families found unexploded shells "
            "near their houses after the fighting without knowing whom to call. Women's daily "
            "work keeps them on land that still holds mines and explosive remnants of war.",
            "អ្នកចូលរួមបាននិយាយថា ស្ត្រីនៅតែរកអុស "
            "និងធ្វើស្រែក្បែរវាលដែលមិនទាន់បានបោសសម្អាតមីន ហើយក្រោយការប៉ះទង្គិច គ្រួសារនានាបាន"
            "រកឃើញគ្រាប់មិនទាន់ផ្ទុះនៅក្បែរផ្ទះ ដោយមិនដឹងថាត្រូវទាក់ទងទៅអ្នកណា។ "
            "ការងារប្រចាំថ្ងៃរបស់ស្ត្រីធ្វើឲ្យពួកគាត់នៅតែធ្វើការលើដីដែលនៅមានមីន "
            "និងសំណល់ជាតិផ្ទុះពីសង្គ្រាម។"),
        FINDING, ("protection", "prevention"), ("landmines-erw",),
        ("E.2", "KH-GMAP-2021", "16.1", "rpa-protection"),
        ("landmines-erw",), 24,
        match=("collect firewood near fields", "found unexploded shells", "គ្រាប់មិនទាន់ផ្ទុះ"),
        status=PRESENTED),
    FindingSpec(
        Wording(
            "Mine risk education misses women when it is held in the daytime and only men are "
            "invited",
            "ការអប់រំអំពីគ្រោះថ្នាក់មីនមិនទៅដល់ស្ត្រី នៅពេលវគ្គរៀបចំនៅពេលថ្ងៃ "
            "ហើយមានតែបុរសប៉ុណ្ណោះដែលត្រូវបានអញ្ជើញ",
            "Participants said mine risk education sessions are held in the daytime, when most "
            "women are working in the fields, and that a commune meeting on mine risks invited "
            "only men. Sessions planned around women's working hours, with women invited in "
            "their own right, would reach the people who spend most time on the land.",
            "អ្នកចូលរួមបាននិយាយថា វគ្គអប់រំអំពីគ្រោះថ្នាក់មីនត្រូវបានរៀបចំនៅពេលថ្ងៃ "
            "ខណៈដែលស្ត្រីភាគច្រើនកំពុងធ្វើការនៅស្រែ ហើយកិច្ចប្រជុំរបស់ឃុំអំពីគ្រោះថ្នាក់មីន"
            "បានអញ្ជើញតែបុរសប៉ុណ្ណោះ។ វគ្គដែលរៀបចំស្របតាមម៉ោងធ្វើការរបស់ស្ត្រី "
            "ហើយអញ្ជើញស្ត្រីដោយផ្ទាល់ នឹងទៅដល់អ្នកដែលនៅលើដីច្រើនជាងគេ។"),
        LESSON, ("prevention", "participation"), ("landmines-erw",),
        ("KH-GMAP-2021", "UNSCR-1325", "rpa-prevention"),
        ("landmines-erw",), 12,
        match=("Mine risk education sessions", "meeting about mine risks"), author=1),
    FindingSpec(
        Wording(
            "Women deminers are valued in their communities, but few lead teams",
            "អ្នកដោះមីនជាស្ត្រីត្រូវបានសហគមន៍ឲ្យតម្លៃ ប៉ុន្តែមានតិចតួចណាស់ដែលដឹកនាំក្រុម",
            "Participants spoke of women deminers with pride, and noted that very few team "
            "leaders are women. A path to team leader for women deminers would build on work "
            "that communities already respect.",
            "អ្នកចូលរួមបាននិយាយអំពីអ្នកដោះមីនជាស្ត្រីដោយមោទនភាព ហើយបានកត់សម្គាល់ថា "
            "ប្រធានក្រុមជាស្ត្រីនៅមានតិចតួចណាស់។ ផ្លូវឡើងដល់តួនាទីជាប្រធានក្រុមសម្រាប់អ្នកដោះមីន"
            "ជាស្ត្រី នឹងពង្រឹងការងារដែលសហគមន៍ឲ្យតម្លៃរួចហើយ។"),
        PRACTICE, ("participation",), ("landmines-erw",),
        ("KH-GMAP-2021", "5.5", "rpa-participation"),
        ("landmines-erw",), 5, match=("deminers from our province",), spread="narrow"),
    FindingSpec(
        Wording(
            "Register cleared land in the names of the women who farm it",
            "ចុះបញ្ជីដីដែលបានបោសសម្អាតមីនរួច ក្នុងឈ្មោះស្ត្រីដែលធ្វើស្រែលើដីនោះ",
            "Participants asked that land released after clearance be registered in the name of "
            "the women who farm it, not only their husbands, and that survivors of mine "
            "accidents get help to earn a living, not only a wheelchair. The plan could tie "
            "land release to joint titles and to livelihood support for survivors' families.",
            "អ្នកចូលរួមបានស្នើឲ្យដីដែលបានបោសសម្អាតមីនរួច ត្រូវចុះបញ្ជីក្នុងឈ្មោះស្ត្រី"
            "ដែលធ្វើស្រែលើដីនោះផង មិនមែនតែក្នុងឈ្មោះប្តីប៉ុណ្ណោះទេ ហើយឲ្យជនរងគ្រោះដោយសារមីន"
            "ទទួលបានជំនួយដើម្បីរកប្រាក់ចិញ្ចឹមជីវិត មិនមែនត្រឹមតែរទេះរុញប៉ុណ្ណោះទេ។ "
            "ផែនការនេះអាចភ្ជាប់ការប្រគល់ដីដែលបានបោសសម្អាតរួច ទៅនឹងការចុះបញ្ជីកម្មសិទ្ធិរួម "
            "និងការគាំទ្រជីវភាពសម្រាប់គ្រួសាររបស់ជនរងគ្រោះ។"),
        RECOMMENDATION, ("relief_recovery",), ("landmines-erw", "land-natural-resource-disputes"),
        ("5.a", "KH-GMAP-2021", "rpa-relief-recovery"),
        ("landmines-erw", "land-natural-resource-disputes"), 9,
        match=("registered in the name of the women", "Survivors of mine accidents"), author=1),
    FindingSpec(
        Wording(
            "Evacuation sites lacked privacy and safety for women and girls",
            "ទីតាំងជម្លៀសខ្វះភាពឯកជន និងសុវត្ថិភាពសម្រាប់ស្ត្រី និងក្មេងស្រី",
            "Participants described evacuation sites with no separate toilets "
            "or places to bathe, so women and girls were afraid to go out at night; pregnant "
            "women waited a long time for a midwife, and relief items were handed out without "
            "asking women what they needed.",
            "អ្នកចូលរួមបានរៀបរាប់ថា "
            "នៅទីតាំងជម្លៀសគ្មានបង្គន់ ឬកន្លែងងូតទឹកដាច់ដោយឡែកទេ ដូច្នេះស្ត្រី និងក្មេងស្រី"
            "ខ្លាចចេញទៅក្រៅនៅពេលយប់ ស្ត្រីមានផ្ទៃពោះត្រូវរង់ចាំយូរទើបឆ្មបអាចពិនិត្យបាន "
            "ហើយជំនួយសង្គ្រោះត្រូវបានចែកចាយដោយមិនបានសួរស្ត្រីថា ពួកគាត់ត្រូវការអ្វីខ្លះ។"),
        FINDING, ("protection", "relief_recovery"), ("displacement-conflict",),
        ("gr30-displacement", "E.5", "UNSCR-1325", "rpa-relief-recovery"),
        ("displacement-conflict",), 28,
        match=("no separate toilet for women", "Pregnant women in the camp",
               "Nobody asked women what they needed", "in the sites we supported"),
        status=PRESENTED,
        first_draft=Wording(
            "Evacuation sites were not safe for women",
            "ទីតាំងជម្លៀសមិនមានសុវត្ថិភាពសម្រាប់ស្ត្រី",
            "Participants said the evacuation sites had no separate toilets, pregnant women "
            "waited for a midwife, and nobody asked women what they needed.",
            "អ្នកចូលរួមបាននិយាយថា នៅទីតាំងជម្លៀសគ្មានបង្គន់ដាច់ដោយឡែកទេ "
            "ស្ត្រីមានផ្ទៃពោះត្រូវរង់ចាំឆ្មប ហើយគ្មាននរណាសួរស្ត្រីថា ពួកគាត់ត្រូវការអ្វីទេ។")),
    FindingSpec(
        Wording(
            "Include women in the committees that plan returns and in ceasefire monitoring",
            "បញ្ចូលស្ត្រីក្នុងគណៈកម្មការរៀបចំការត្រឡប់មកវិញ និងក្នុងក្រុមតាមដានបទឈប់បាញ់",
            "Participants said women want to sit on the committee that plans the return of "
            "displaced families; as one woman in Anlong Veng put it, women know which families "
            "need what. Participants also asked that "
            "ceasefire monitoring teams include women, so that people in the camps can report "
            "problems to them.",
            "អ្នកចូលរួមបាននិយាយថា ស្ត្រីចង់ចូលរួមក្នុងគណៈកម្មការដែលរៀបចំផែនការសម្រាប់"
            "ការត្រឡប់មកវិញរបស់គ្រួសារដែលបានភៀសខ្លួន ហើយដូចដែលស្ត្រីម្នាក់នៅស្រុកអន្លង់វែង"
            "បាននិយាយ ស្ត្រីដឹងច្បាស់ថា គ្រួសារណាត្រូវការអ្វី។ "
            "អ្នកចូលរួមក៏បានស្នើឲ្យក្រុមតាមដានបទឈប់បាញ់មានស្ត្រីចូលរួមផងដែរ "
            "ដើម្បីឲ្យប្រជាជននៅក្នុងជំរំអាចរាយការណ៍បញ្ហាទៅពួកគាត់បាន។"),
        RECOMMENDATION, ("participation", "relief_recovery"),
        ("displacement-conflict", "peace-processes-mediation"),
        ("UNSCR-1325", "UNSCR-2493", "gr30-participation", "16.7"),
        ("displacement-conflict", "peace-processes-mediation"), 14,
        match=("committee that plans the return", "Ceasefire monitoring teams",
               "ស្ត្រីគួរតែមានកន្លែងអង្គុយ"), author=1),
    FindingSpec(
        Wording(
            "There were no women in the ceasefire delegation, though women already mediate in "
            "their villages",
            "គ្មានស្ត្រីនៅក្នុងគណៈប្រតិភូចរចាបទឈប់បាញ់ ទោះបីស្ត្រីសម្រុះសម្រួលជម្លោះ"
            "នៅក្នុងភូមិរួចហើយក៏ដោយ",
            "Participants noted that there were no women in the delegation that negotiated the "
            "ceasefire, although women suffered most from the fighting and already settle "
            "conflicts between families in their villages.",
            "អ្នកចូលរួមបានកត់សម្គាល់ថា គ្មានស្ត្រីនៅក្នុងគណៈប្រតិភូដែលចរចាបទឈប់បាញ់ទេ "
            "ទោះបីជាស្ត្រីរងផលប៉ះពាល់ច្រើនជាងគេពីការប៉ះទង្គិច "
            "ហើយតែងតែដោះស្រាយជម្លោះរវាងគ្រួសារនៅក្នុងភូមិរបស់ពួកគាត់រួចហើយក៏ដោយ។"),
        FINDING, ("participation",), ("peace-processes-mediation",),
        ("UNSCR-1325", "UNSCR-2122", "UNSCR-2493", "E.1"),
        ("peace-processes-mediation",), 16,
        match=("no women in the delegation", "settle conflicts between families")),
    FindingSpec(
        Wording(
            "UN and development partners want trained women mediators proposed for every "
            "negotiation team",
            "ដៃគូអង្គការសហប្រជាជាតិ និងដៃគូអភិវឌ្ឍន៍ចង់ឲ្យស្ត្រីដែលបានទទួលការបណ្តុះបណ្តាល"
            "ផ្នែកសម្រុះសម្រួល ត្រូវបានស្នើសម្រាប់ក្រុមចរចានីមួយៗ",
            "The UN and development partners interviewed said women should take part in peace "
            "processes and peace operations, in negotiation delegations, ceasefire monitoring "
            "teams and peacekeeping contingents, and "
            "proposed that the ministry keep a list of women trained in mediation and propose "
            "them for every negotiation team. The ASEAN Women for Peace Registry is a regional "
            "example of such a list. So far the evidence comes from these interviews only.",
            "ដៃគូអង្គការសហប្រជាជាតិ និងដៃគូអភិវឌ្ឍន៍ដែលបានផ្តល់បទសម្ភាសន៍ បាននិយាយថា "
            "ស្ត្រីគួរចូលរួមក្នុងដំណើរការសន្តិភាព និងប្រតិបត្តិការរក្សាសន្តិភាព "
            "ទាំងក្នុងគណៈប្រតិភូចរចា ក្រុមតាមដានបទឈប់បាញ់ និងកងកម្លាំងរក្សាសន្តិភាព "
            "ហើយបានស្នើឲ្យក្រសួងរក្សាបញ្ជីឈ្មោះស្ត្រី"
            "ដែលបានទទួលការបណ្តុះបណ្តាលផ្នែកសម្រុះសម្រួល និងស្នើពួកគាត់សម្រាប់ក្រុមចរចា"
            "នីមួយៗ។ បញ្ជីឈ្មោះស្ត្រីដើម្បីសន្តិភាពរបស់អាស៊ាន (ASEAN Women for Peace "
            "Registry) គឺជាគំរូនៃបញ្ជីបែបនេះនៅថ្នាក់តំបន់។ រហូតមកដល់ពេលនេះ "
            "ភស្តុតាងមកពីបទសម្ភាសន៍ទាំងនេះតែប៉ុណ្ណោះ។"),
        RECOMMENDATION, ("participation",), ("peace-processes-mediation", "women-peacekeeping"),
        ("AWPR-2018", "UNSCR-2493", "UNSCR-2242", "rpa-participation"),
        ("peace-processes-mediation", "women-peacekeeping"), 5,
        match=("list of women trained in mediation",),
        consultations=("kii-un-partners",)),
    FindingSpec(
        Wording(
            "Facilities and career rules keep women out of some security-sector roles",
            "កន្លែងស្នាក់នៅ និងលក្ខខណ្ឌអាជីព រារាំងស្ត្រីពីតួនាទីមួយចំនួនក្នុងវិស័យសន្តិសុខ",
            "Participants said the barracks have no separate rooms and toilets "
            "for women, women police officers are mostly given office work even when trained "
            "for investigation, and promotion depends on courses held far from home for months, "
            "which is hard for mothers.",
            "អ្នកចូលរួមបាននិយាយថា បន្ទាយទាហានមិនមានបន្ទប់ "
            "និងបង្គន់ដាច់ដោយឡែកសម្រាប់ស្ត្រីទេ មន្ត្រីប៉ូលិសស្ត្រីភាគច្រើនត្រូវបានគេឲ្យ"
            "ធ្វើការងារការិយាល័យ ទោះបីជាពួកគាត់បានទទួលការបណ្តុះបណ្តាលផ្នែកស៊ើបអង្កេតក៏ដោយ "
            "ហើយការដំឡើងឋានន្តរស័ក្តិអាស្រ័យលើវគ្គសិក្សារាប់ខែនៅឆ្ងាយពីផ្ទះ "
            "ដែលជាការលំបាកសម្រាប់ស្ត្រីជាម្តាយ។"),
        FINDING, ("participation",), ("women-in-security-sector",),
        ("gr30-ssr-ddr", "5.5", "16.7", "rpa-participation"),
        ("women-in-security-sector",), 18,
        match=("barracks have no separate rooms", "mostly given office work",
               "Promotion to senior ranks"), author=1,
        first_draft=Wording(
            "Women face barriers in the security sector",
            "ស្ត្រីជួបឧបសគ្គក្នុងវិស័យសន្តិសុខ",
            "Participants described barriers for women in the army and the police: facilities, "
            "office work and promotion courses far from home.",
            "អ្នកចូលរួមបានរៀបរាប់អំពីឧបសគ្គសម្រាប់ស្ត្រីក្នុងកងទ័ព និងនគរបាល៖ "
            "កន្លែងស្នាក់នៅ ការងារការិយាល័យ និងវគ្គសិក្សាដំឡើងឋានៈនៅឆ្ងាយពីផ្ទះ។")),
    FindingSpec(
        Wording(
            "Police desks for women and children bring more women to report",
            "តុទទួលពាក្យបណ្តឹងសម្រាប់ស្ត្រី និងកុមារនៅប៉ុស្តិ៍ប៉ូលិស "
            "ធ្វើឲ្យស្ត្រីមករាយការណ៍កាន់តែច្រើន",
            "Participants said that where the police post has a desk for women and children, "
            "more women come to report. A woman in Anlong Veng asked for women police officers at "
            "the post near her village for the same reason.",
            "អ្នកចូលរួមបាននិយាយថា នៅកន្លែងដែលប៉ុស្តិ៍ប៉ូលិសមានតុទទួលពាក្យបណ្តឹងសម្រាប់ស្ត្រី "
            "និងកុមារ ស្ត្រីមករាយការណ៍កាន់តែច្រើន។ ស្ត្រីម្នាក់នៅស្រុកអន្លង់វែងបានស្នើសុំឲ្យមាន"
            "មន្ត្រីប៉ូលិសស្ត្រីនៅប៉ុស្តិ៍ក្បែរភូមិរបស់គាត់ ដោយហេតុផលដូចគ្នានេះ។"),
        PRACTICE, ("protection",), ("women-in-security-sector", "gbv-domestic-sexual"),
        ("gr30-ssr-ddr", "NAPVAW3-S2", "rpa-protection"),
        ("women-in-security-sector",), 7,
        match=("desk for women and children", "ខ្ញុំចង់ឲ្យមានមន្ត្រីប៉ូលិសស្ត្រី"),
        status=PRESENTED),
    FindingSpec(
        Wording(
            "Worry about childcare holds women soldiers back from deploying to UN missions",
            "ការព្រួយបារម្ភអំពីការមើលថែកូន រារាំងទាហានស្ត្រីមិនឲ្យចេញបំពេញបេសកកម្ម"
            "របស់អង្គការសហប្រជាជាតិ",
            "Participants said many women soldiers want to deploy abroad but worry about who "
            "will care for their children. Participants also valued women peacekeepers "
            "because they can speak with women and children in the mission area in a way that "
            "male soldiers cannot.",
            "អ្នកចូលរួមបាននិយាយថា ទាហានស្ត្រីជាច្រើនចង់ទៅបំពេញបេសកកម្មនៅក្រៅប្រទេស ប៉ុន្តែបារម្ភថាអ្នកណានឹង"
            "មើលថែកូនៗរបស់ពួកគាត់។ អ្នកចូលរួមក៏បានឲ្យតម្លៃលើអ្នករក្សាសន្តិភាពជាស្ត្រីផងដែរ "
            "ព្រោះពួកគាត់អាចនិយាយជាមួយស្ត្រី និងកុមារនៅតំបន់បេសកកម្ម "
            "តាមរបៀបដែលទាហានប្រុសមិនអាចធ្វើបាន។"),
        FINDING, ("participation",), ("women-peacekeeping",),
        ("UNSCR-2242", "UNSCR-1325", "KH-MOWIP-2024", "5.5"),
        ("women-peacekeeping",), 12,
        match=("women soldiers want to deploy", "Women peacekeepers can speak")),
    FindingSpec(
        Wording(
            "Debt and brokers' promises push women and girls towards unsafe work abroad",
            "បំណុល និងការសន្យារបស់មេខ្យល់ ជំរុញស្ត្រី និងក្មេងស្រីឲ្យទៅរកការងារ"
            "គ្មានសុវត្ថិភាពនៅបរទេស",
            "Participants linked debt to microfinance institutions with accepting risky job "
            "offers, and described brokers who promised jobs in Thailand without any papers. "
            "Most people cross the border without a passport, they said, because the legal way "
            "costs too much and takes too long.",
            "អ្នកចូលរួមបានភ្ជាប់បំណុល"
            "នៅគ្រឹះស្ថានមីក្រូហិរញ្ញវត្ថុ ទៅនឹងការទទួលយកការងារដែលមានហានិភ័យ ហើយបានរៀបរាប់"
            "អំពីមេខ្យល់ដែលសន្យាផ្តល់ការងារនៅប្រទេសថៃ ដោយមិនចាំបាច់មានឯកសារអ្វីទាំងអស់។ "
            "ពួកគាត់និយាយថា មនុស្សភាគច្រើនឆ្លងព្រំដែនដោយគ្មានលិខិតឆ្លងដែន "
            "ព្រោះមធ្យោបាយស្របច្បាប់ចំណាយច្រើនពេក ហើយយូរពេក។"),
        FINDING, ("prevention",), ("human-trafficking", "unsafe-migration-returnees"),
        ("gr30-trafficking", "8.7", "10.7", "KH-NSP-TIP-2019"),
        ("human-trafficking", "unsafe-migration-returnees"), 30,
        match=("Debt to the microfinance", "promised {group} good jobs", "without a passport"),
        status=PRESENTED),
    FindingSpec(
        Wording(
            "Key informants on counter-trafficking describe how people are drawn into "
            "trafficking and scam compounds",
            "អ្នកផ្តល់ព័ត៌មានសំខាន់ផ្នែកប្រយុទ្ធប្រឆាំងការជួញដូរមនុស្ស រៀបរាប់អំពីរបៀប"
            "ដែលមនុស្សត្រូវបានទាញចូលទៅក្នុងការជួញដូរ និងទីតាំងបោកប្រាស់",
            "The two key informants working on counter-trafficking described how people are "
            "drawn into trafficking and online scam compounds, and what happens to those who "
            "come back. Their account matches what participants said in the provinces, but it "
            "rests on two interviews: this Finding stays weak until the provincial evidence is "
            "attached.",
            "អ្នកផ្តល់ព័ត៌មានសំខាន់ពីរនាក់ដែលធ្វើការផ្នែកប្រយុទ្ធប្រឆាំងការជួញដូរមនុស្ស "
            "បានរៀបរាប់អំពីរបៀបដែលមនុស្សត្រូវបានទាញចូលទៅក្នុងការជួញដូរ "
            "និងទីតាំងបោកប្រាស់តាមអនឡាញ និងអំពីអ្វីដែលកើតឡើងចំពោះអ្នកដែលត្រឡប់មកវិញ។ "
            "ការរៀបរាប់របស់ពួកគាត់ស្របនឹងអ្វីដែលអ្នកចូលរួមនៅតាមខេត្តបាននិយាយ "
            "ប៉ុន្តែផ្អែកលើបទសម្ភាសន៍តែពីរប៉ុណ្ណោះ៖ លទ្ធផលរកឃើញនេះនៅតែខ្សោយ "
            "រហូតដល់មានការភ្ជាប់ភស្តុតាងពីថ្នាក់ខេត្ត។"),
        FINDING, ("protection", "prevention"), ("human-trafficking", "online-scam-compounds"),
        ("gr30-trafficking", "KH-NSP-TIP-2019"),
        ("human-trafficking", "online-scam-compounds", "unsafe-migration-returnees"), 6,
        consultations=("kii-counter-trafficking",), author=1),
    FindingSpec(
        Wording(
            "Community action against brokers works when women act together",
            "សកម្មភាពរបស់សហគមន៍ប្រឆាំងនឹងមេខ្យល់ទទួលបានលទ្ធផល នៅពេលស្ត្រីរួមគ្នាធ្វើ",
            "Participants told of a group of women who reported a "
            "broker to the police, who then arrested him, and of a women's group on Telegram "
            "that warns its members about fake job offers. Participants added that commune "
            "councils need a simple list of legal recruitment agencies that families can check.",
            "អ្នកចូលរួមបានរៀបរាប់អំពីក្រុមស្ត្រីមួយក្រុម"
            "ដែលបានរាយការណ៍អំពីមេខ្យល់ម្នាក់ទៅប៉ូលិស ហើយគាត់ត្រូវបានចាប់ខ្លួន "
            "និងអំពីក្រុមស្ត្រីមួយនៅលើ Telegram ដែលព្រមានសមាជិករបស់ខ្លួនអំពីការផ្តល់ការងារ"
            "ក្លែងក្លាយ។ អ្នកចូលរួមបានបន្ថែមថា ក្រុមប្រឹក្សាឃុំត្រូវការបញ្ជីសាមញ្ញមួយ"
            "នៃភ្នាក់ងារជ្រើសរើសពលករស្របច្បាប់ ដែលគ្រួសារអាចពិនិត្យមើលបាន។"),
        PRACTICE, ("prevention",), ("human-trafficking", "online-scam-compounds"),
        ("gr30-trafficking", "16.2", "KH-TIP-LAW-2008"),
        ("human-trafficking", "online-scam-compounds"), 10,
        match=("reported a broker to the police", "legal recruitment agencies",
               "A women's group on Telegram", "ក្រុមស្ត្រីមួយនៅលើ Telegram"), author=1),
    FindingSpec(
        Wording(
            "People who escape scam compounds fear being treated as criminals",
            "អ្នកដែលរត់គេចចេញពីទីតាំងបោកប្រាស់តាមអនឡាញ ខ្លាចត្រូវគេចាត់ទុកជាឧក្រិដ្ឋជន",
            "Participants told of relatives who answered online job adverts and "
            "ended up locked in compounds, and said that women who escape are afraid they will "
            "be arrested as criminals. Rescued workers need a safe place to stay, medical care "
            "and counselling before they go home.",
            "អ្នកចូលរួមបានរៀបរាប់អំពីសាច់ញាតិដែលបានឆ្លើយតបការផ្សាយការងារ"
            "តាមអនឡាញ ហើយចុងក្រោយត្រូវគេឃុំខ្លួននៅក្នុងបរិវេណ និងបាននិយាយថា "
            "ស្ត្រីដែលរត់គេចចេញមកបាន ខ្លាចថាខ្លួននឹងត្រូវគេចាប់ខ្លួនដូចជាឧក្រិដ្ឋជន។ "
            "ពលករដែលត្រូវបានជួយសង្គ្រោះត្រូវការកន្លែងស្នាក់នៅប្រកបដោយសុវត្ថិភាព "
            "ការថែទាំសុខភាព និងការប្រឹក្សាផ្លូវចិត្ត មុនពេលត្រឡប់ទៅផ្ទះវិញ។"),
        FINDING, ("protection", "relief_recovery"), ("online-scam-compounds",),
        ("gr30-trafficking", "8.7", "16.2", "rpa-protection"),
        ("online-scam-compounds",), 20,
        match=("advert on Facebook", "escaped from scam compounds",
               "Rescued workers need a safe place")),
    FindingSpec(
        Wording(
            "Teach young people at school, in Khmer, to recognise fake job offers and stay safe "
            "online",
            "បង្រៀនយុវជននៅសាលារៀនជាភាសាខ្មែរ ឲ្យចេះស្គាល់ការផ្តល់ការងារក្លែងក្លាយ "
            "និងរក្សាសុវត្ថិភាពតាមអនឡាញ",
            "Participants said warnings come too late and that job offers look real and pay "
            "well. They asked that young people learn about online safety at school, in Khmer, "
            "with real examples, including how to check whether an online job offer is a trap.",
            "អ្នកចូលរួមបាននិយាយថា ការព្រមានមកដល់យឺតពេក ហើយការផ្តល់ការងារមើលទៅដូចពិត "
            "និងមានប្រាក់ខែខ្ពស់។ ពួកគាត់បានស្នើឲ្យយុវជនរៀនអំពីសុវត្ថិភាពតាមអនឡាញនៅសាលារៀន "
            "ជាភាសាខ្មែរ ដោយមានឧទាហរណ៍ជាក់ស្តែង រួមទាំងរបៀបពិនិត្យមើលថា "
            "តើការផ្តល់ការងារតាមអនឡាញជាអន្ទាក់ឬអត់។"),
        RECOMMENDATION, ("prevention",), ("online-scam-compounds", "tech-facilitated-gbv"),
        ("4.7", "5.2", "rpa-prevention"),
        ("online-scam-compounds", "tech-facilitated-gbv"), 22,
        match=("do not believe the warnings", "teach students how to check",
               "learn about online safety at school", "Please teach us how to check"),
        author=1),
    FindingSpec(
        Wording(
            "Online abuse of girls goes unpunished; police cannot collect evidence from phones",
            "ការរំលោភបំពានលើក្មេងស្រីតាមអនឡាញមិនត្រូវបានផ្តន្ទាទោស "
            "ព្រោះប៉ូលិសមិនចេះប្រមូលភស្តុតាងពីទូរស័ព្ទ",
            "Participants said girls receive messages on Telegram from strangers who ask them "
            "for photos, and that when a private photo is shared online the girl usually leaves "
            "school and the man is never punished: the police do not know how to collect "
            "evidence from a phone, so such cases are closed quickly.",
            "អ្នកចូលរួមបាននិយាយថា ក្មេងស្រីទទួលបានសារតាម Telegram ពីមនុស្សមិនស្គាល់ "
            "ដែលសុំរូបថតពីពួកគេ ហើយពេលរូបថតឯកជនត្រូវបានចែករំលែកតាមអនឡាញ "
            "ក្មេងស្រីនោះតែងតែឈប់រៀន ហើយបុរសនោះមិនដែលត្រូវទទួលទោសទេ "
            "ព្រោះប៉ូលិសមិនដឹងពីរបៀបប្រមូលភស្តុតាងពីទូរស័ព្ទ "
            "ដូច្នេះករណីបែបនេះត្រូវបានបិទយ៉ាងឆាប់រហ័ស។"),
        FINDING, ("protection",), ("tech-facilitated-gbv",),
        ("5.2", "16.10", "rpa-protection"),
        ("tech-facilitated-gbv",), 26,
        match=("messages on Telegram from strangers", "private photo is shared online",
               "collect evidence from a phone")),
    FindingSpec(
        Wording(
            "Women leaders and activists hold back in public and online",
            "អ្នកដឹកនាំ និងសកម្មជនស្ត្រីប្រុងប្រយ័ត្នក្នុងការបញ្ចេញមតិនៅទីសាធារណៈ "
            "និងតាមអនឡាញ",
            "Participants said that women leaders in the community are careful about what they "
            "say in public; women "
            "journalists and activists are insulted and threatened in the comments whenever "
            "they post; and women who speak out about a land concession have been threatened. "
            "Several participants said this consultation was the first time the government had "
            "asked women in their area about security.",
            "អ្នកចូលរួមបាននិយាយថា អ្នកដឹកនាំស្ត្រីនៅក្នុងសហគមន៍ប្រុងប្រយ័ត្នចំពោះអ្វីដែល"
            "ពួកគាត់និយាយនៅទីសាធារណៈ អ្នកសារព័ត៌មាន និងសកម្មជនជាស្ត្រីត្រូវគេជេរប្រមាថ "
            "និងគំរាមកំហែងនៅក្នុងមតិយោបល់ រាល់ពេលដែលពួកគាត់បង្ហោះអ្វីមួយ "
            "ហើយស្ត្រីដែលលើកឡើងអំពីដីសម្បទានត្រូវបានគេគំរាមកំហែង។ អ្នកចូលរួមមួយចំនួន"
            "បាននិយាយថា ការពិគ្រោះយោបល់នេះ ជាលើកដំបូងហើយដែលរដ្ឋាភិបាលបានសួរយោបល់ស្ត្រី"
            "នៅតំបន់របស់ពួកគាត់អំពីសន្តិសុខ។"),
        FINDING, ("participation", "protection"),
        ("civic-space-whrds", "tech-facilitated-gbv", "land-natural-resource-disputes"),
        ("UNSCR-2493", "16.10", "gr30-participation"),
        ("civic-space-whrds", "tech-facilitated-gbv", "land-natural-resource-disputes"), 15,
        match=("careful about what they say in public", "journalists and activists are insulted",
               "speak out about the land concession", "first time the government has asked"),
        author=1),
    FindingSpec(
        Wording(
            "Violence at home is still treated as private, and women are sent back to make peace",
            "អំពើហិង្សាក្នុងគ្រួសារនៅតែត្រូវបានចាត់ទុកជារឿងឯកជន "
            "ហើយស្ត្រីត្រូវគេប្រាប់ឲ្យទៅផ្សះផ្សាវិញ",
            "Participants said most women still think violence at home is "
            "a private matter and do not report it; a woman who goes to the commune is usually "
            "told to make peace with her husband; and there is no shelter in the district. "
            "Since families came back from the evacuation sites, violence at home has grown "
            "with stress and debt.",
            "អ្នកចូលរួមបាននិយាយថា ស្ត្រីភាគច្រើននៅតែគិតថា អំពើហិង្សា"
            "ក្នុងផ្ទះជារឿងឯកជន ហើយមិនរាយការណ៍ទេ ស្ត្រីដែលទៅឃុំដើម្បីប្តឹង តែងតែត្រូវបាន"
            "គេប្រាប់ឲ្យផ្សះផ្សាជាមួយប្តីវិញ ហើយនៅក្នុងស្រុកគ្មានផ្ទះសុវត្ថិភាពទេ។ "
            "ចាប់តាំងពីគ្រួសារត្រឡប់មកពីទីតាំងជម្លៀសវិញ អំពើហិង្សាក្នុងផ្ទះបានកើនឡើង "
            "ដោយសារភាពតានតឹង និងបំណុល។"),
        FINDING, ("protection", "prevention"), ("gbv-domestic-sexual",),
        ("gr30-gbv", "5.2", "KH-NAPVAW4", "NAPVAW3-S2"),
        ("gbv-domestic-sexual",), 30,
        match=("violence at home is a private matter", "make peace with her husband",
               "There is no shelter in the district", "came back from the evacuation sites")),
    FindingSpec(
        Wording(
            "Services that are not designed for women with disabilities leave them out",
            "សេវាដែលមិនបានរៀបចំសម្រាប់ស្ត្រីមានពិការភាព ធ្វើឲ្យពួកគាត់ត្រូវបានទុកចោល",
            "Participants said that women with disabilities face violence too, but services "
            "are not built for them and staff do not know sign language. In Anlong Veng a woman "
            "with a disability said nobody but her daughter helped her during the evacuation; "
            "lists of people who need special help should exist before an emergency.",
            "អ្នកចូលរួមបាននិយាយថា ស្ត្រីមានពិការភាពក៏រងអំពើហិង្សាដែរ "
            "ប៉ុន្តែសេវាមិនត្រូវបានរៀបចំសម្រាប់ពួកគាត់ទេ ហើយបុគ្គលិកមិនចេះភាសាសញ្ញា។ "
            "នៅស្រុកអន្លង់វែង ស្ត្រីមានពិការភាពម្នាក់បាននិយាយថា ពេលជម្លៀស គ្មាននរណាជួយគាត់ទេ "
            "ក្រៅពីកូនស្រីរបស់គាត់ ហើយបញ្ជីអ្នកដែលត្រូវការជំនួយពិសេសគួរតែមានរួចជាស្រេច "
            "មុនពេលមានគ្រោះថ្នាក់។"),
        LESSON, ("protection", "relief_recovery"), ("gbv-domestic-sexual", "displacement-conflict"),
        ("gr30-gbv", "NAPVAW3-S2", "ARF-PGI-2021"),
        ("gbv-domestic-sexual", "displacement-conflict"), 8,
        match=("Women with disabilities face violence", "ខ្ញុំជាជនមានពិការភាព។",
               "សេវាទាំងអស់ត្រូវតែគិតដល់ជនមានពិការភាព"), spread="narrow", author=1),
    FindingSpec(
        Wording(
            "Early warnings and disaster committees do not yet reach women",
            "ការព្រមានជាមុន និងគណៈកម្មាធិការគ្រប់គ្រងគ្រោះមហន្តរាយ មិនទាន់ទៅដល់ស្ត្រីនៅឡើយ",
            "Participants said early warning messages reach the village chief by "
            "phone, but many women have no phone of their own, and the pagoda used as the safe "
            "place has no light and nowhere for women to bathe. Women should sit on the "
            "commune disaster committee, they said, because they know who is old, sick or "
            "pregnant in every house.",
            "អ្នកចូលរួមបាននិយាយថា សារព្រមានជាមុនទៅដល់មេភូមិ"
            "តាមទូរស័ព្ទ ប៉ុន្តែស្ត្រីជាច្រើនមិនមានទូរស័ព្ទផ្ទាល់ខ្លួនទេ ហើយវត្តដែលប្រើជាកន្លែង"
            "សុវត្ថិភាពគ្មានភ្លើង និងគ្មានកន្លែងសម្រាប់ស្ត្រីងូតទឹក។ ពួកគាត់បាននិយាយថា "
            "ស្ត្រីគួរតែជាសមាជិកគណៈកម្មាធិការគ្រប់គ្រងគ្រោះមហន្តរាយឃុំ ព្រោះពួកគាត់ដឹងថាផ្ទះណាមានមនុស្សចាស់ "
            "អ្នកឈឺ ឬស្ត្រីមានផ្ទៃពោះ។"),
        FINDING, ("participation", "relief_recovery"), ("disasters-climate",),
        ("ARF-PGI-2021", "NR6-P6", "11.5", "KH-DM-LAW-2015"),
        ("disasters-climate",), 17,
        match=("Early warning messages", "the safe place is the pagoda",
               "commune disaster committee")),
    FindingSpec(
        Wording(
            "When harvests fail, men migrate and women are left with the debt",
            "ពេលផលដំណាំខូច បុរសចំណាកស្រុក ហើយស្ត្រីនៅផ្ទះជាមួយបំណុល",
            "Participants said that when the rice fails because of "
            "drought the men leave to work in Thailand and the women stay behind with the debt, "
            "and that there is less water every dry season, so women walk further to fetch it. "
            "The lesson for the plan: climate stress reaches women through migration and debt, "
            "and prevention has to address them together.",
            "អ្នកចូលរួមបាននិយាយថា ពេលស្រូវខូចដោយសារ"
            "គ្រោះរាំងស្ងួត បុរសចាកចេញទៅធ្វើការនៅប្រទេសថៃ ហើយស្ត្រីនៅផ្ទះជាមួយបំណុល "
            "ព្រមទាំងទឹកកាន់តែខ្វះនៅរដូវប្រាំងនីមួយៗ ដូច្នេះស្ត្រីត្រូវដើរកាន់តែឆ្ងាយដើម្បីដងទឹក។ "
            "មេរៀនសម្រាប់ផែនការ៖ សម្ពាធពីអាកាសធាតុប៉ះពាល់ដល់ស្ត្រីតាមរយៈការធ្វើចំណាកស្រុក "
            "និងបំណុល ហើយការងារបង្ការត្រូវដោះស្រាយបញ្ហាទាំងនេះរួមគ្នា។"),
        LESSON, ("prevention",), ("climate-security-nexus", "unsafe-migration-returnees"),
        ("13.1", "NR6-P6", "UNSCR-2242"),
        ("climate-security-nexus",), 11,
        match=("rice fails because of drought", "less water every dry season")),
    FindingSpec(
        Wording(
            "Give the plan a budget for the provinces and report on it publicly every year",
            "ផ្តល់ថវិកាដល់ផែនការសម្រាប់ខេត្ត និងរាយការណ៍ជាសាធារណៈជារៀងរាល់ឆ្នាំ",
            "Participants asked that the national plan carry a budget for the provinces, since "
            "otherwise nothing will change in the villages; that every ministry report publicly "
            "each year on what it did for women's safety; and that data on violence and "
            "trafficking be broken down by sex, age and disability.",
            "អ្នកចូលរួមបានស្នើថា ផែនការជាតិគួរមានថវិកាសម្រាប់ខេត្ត បើមិនដូច្នោះទេ "
            "គ្មានអ្វីនឹងផ្លាស់ប្តូរនៅតាមភូមិឡើយ ក្រសួងនីមួយៗគួររាយការណ៍ជាសាធារណៈ"
            "ជារៀងរាល់ឆ្នាំអំពីអ្វីដែលខ្លួនបានធ្វើសម្រាប់សុវត្ថិភាពស្ត្រី ហើយទិន្នន័យអំពីអំពើហិង្សា "
            "និងការជួញដូរមនុស្សគួរបែងចែកតាមភេទ អាយុ និងពិការភាព។"),
        RECOMMENDATION, ("implementation_coordination_me",), (),
        ("LS8", "LS11", "17.18", "rpa-implementation"),
        ("implementation-budget-data",), 25,
        match=("budget for the provinces", "report each year on what it did",
               "broken down by sex, age and disability")),
)
