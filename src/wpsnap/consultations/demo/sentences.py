"""Hand-written sentences for the synthetic demo Statements, in English and Khmer.

Each entry is (security issue id from the reference taxonomy, English, Khmer). The two texts say
the same thing, so a Statement in one language can carry the other as its translation. Slots vary
them: {place} (a district of the Consultation's province), {group} (a group of people) and {when}
(a past time). They are written as things people say in consultations; none of them quotes a
real person, and every Statement built from them belongs to the demo Plan (synthetic data).
"""

GENERAL = "general"

SENTENCES: list[tuple[str, str, str]] = [
    # Landmines and explosive remnants of war
    ("landmines-erw",
     "In {place} women still collect firewood near fields that were never cleared of mines.",
     "នៅ{place} ស្ត្រីនៅតែរកអុសក្បែរវាលស្រែដែលមិនទាន់បានបោសសម្អាតមីននៅឡើយ។"),
    ("landmines-erw",
     "{when} a farmer in our village lost his leg to a mine while ploughing, and now his wife "
     "does all the farm work.",
     "{when} កសិករម្នាក់ក្នុងភូមិយើងបាត់ជើងដោយសារមីន ពេលកំពុងភ្ជួររាស់ "
     "ហើយឥឡូវប្រពន្ធរបស់គាត់ធ្វើការងារស្រែទាំងអស់។"),
    ("landmines-erw",
     "Mine risk education sessions are held in the daytime, when most women are working in the "
     "fields.",
     "វគ្គអប់រំអំពីគ្រោះថ្នាក់មីនត្រូវបានរៀបចំនៅពេលថ្ងៃ ខណៈដែលស្ត្រីភាគច្រើនកំពុងធ្វើការនៅស្រែ។"),
    ("landmines-erw",
     "Women deminers from our province are proud of their work, but very few team leaders are "
     "women.",
     "អ្នកដោះមីនជាស្ត្រីមកពីខេត្តយើងមានមោទនភាពចំពោះការងាររបស់ខ្លួន "
     "ប៉ុន្តែប្រធានក្រុមជាស្ត្រីនៅមានតិចតួចណាស់។"),
    ("landmines-erw",
     "After the fighting, families in {place} found unexploded shells near their houses and did "
     "not know who to call.",
     "ក្រោយការប៉ះទង្គិច គ្រួសារនៅ{place} បានរកឃើញគ្រាប់មិនទាន់ផ្ទុះនៅក្បែរផ្ទះ "
     "ហើយមិនដឹងថាត្រូវទូរស័ព្ទទៅអ្នកណាទេ។"),
    ("landmines-erw",
     "Survivors of mine accidents need help to earn a living, not only a wheelchair.",
     "ជនរងគ្រោះដោយសារមីនត្រូវការជំនួយដើម្បីរកប្រាក់ចិញ្ចឹមជីវិត មិនមែនត្រឹមតែរទេះរុញប៉ុណ្ណោះទេ។"),
    ("landmines-erw",
     "Land that has been cleared should be registered in the name of the women who farm it, "
     "not only their husbands.",
     "ដីដែលបានបោសសម្អាតមីនរួច គួរតែចុះបញ្ជីក្នុងឈ្មោះស្ត្រីដែលធ្វើស្រែលើដីនោះផង "
     "មិនមែនតែក្នុងឈ្មោះប្តីប៉ុណ្ណោះទេ។"),
    ("landmines-erw",
     "{when} the commune held a meeting about mine risks, but only men were invited.",
     "{when} ឃុំបានរៀបចំកិច្ចប្រជុំអំពីគ្រោះថ្នាក់មីន ប៉ុន្តែមានតែបុរសប៉ុណ្ណោះដែលត្រូវបានអញ្ជើញ។"),
    # Human trafficking
    ("human-trafficking",
     "{when} brokers came to {place} and promised {group} good jobs in Thailand without any "
     "papers.",
     "{when} មេខ្យល់បានមកកាន់{place} ហើយសន្យាផ្តល់ការងារល្អនៅប្រទេសថៃដល់{group} "
     "ដោយមិនចាំបាច់មានឯកសារអ្វីទាំងអស់។"),
    ("human-trafficking",
     "A girl from our commune was sent to China to marry, and her family has not heard from her "
     "since.",
     "ក្មេងស្រីម្នាក់មកពីឃុំយើងត្រូវបានគេបញ្ជូនទៅប្រទេសចិនដើម្បីរៀបការ "
     "ហើយគ្រួសាររបស់នាងមិនបានទទួលដំណឹងពីនាងទៀតទេ តាំងពីពេលនោះមក។"),
    ("human-trafficking",
     "When a trafficking victim comes home, the village often blames her instead of the broker.",
     "ពេលជនរងគ្រោះនៃការជួញដូរមនុស្សត្រឡប់មកផ្ទះវិញ អ្នកភូមិតែងតែបន្ទោសនាង "
     "ជំនួសឲ្យការបន្ទោសមេខ្យល់។"),
    ("human-trafficking",
     "Commune councils need a simple list of legal recruitment agencies that families can check.",
     "ក្រុមប្រឹក្សាឃុំត្រូវការបញ្ជីសាមញ្ញមួយនៃភ្នាក់ងារជ្រើសរើសពលករស្របច្បាប់ "
     "ដែលគ្រួសារអាចពិនិត្យមើលបាន។"),
    ("human-trafficking",
     "Debt to the microfinance institution pushes many {group} to accept risky job offers.",
     "បំណុលនៅគ្រឹះស្ថានមីក្រូហិរញ្ញវត្ថុ ជំរុញឲ្យ{group}ជាច្រើនទទួលយកការងារដែលមានហានិភ័យ។"),
    ("human-trafficking",
     "The border checkpoint should have women officers who can talk to girls travelling alone.",
     "ប៉ុស្តិ៍ត្រួតពិនិត្យនៅព្រំដែនគួរមានមន្ត្រីស្ត្រី "
     "ដែលអាចនិយាយជាមួយក្មេងស្រីដែលធ្វើដំណើរតែម្នាក់ឯង។"),
    ("human-trafficking",
     "{when} a group of women in {place} reported a broker to the police, and he was arrested.",
     "{when} ក្រុមស្ត្រីមួយក្រុមនៅ{place} បានរាយការណ៍អំពីមេខ្យល់ម្នាក់ទៅប៉ូលិស "
     "ហើយគាត់ត្រូវបានចាប់ខ្លួន។"),
    # Online scam compounds
    ("online-scam-compounds",
     "My cousin answered an advert on Facebook for a customer service job and ended up locked "
     "in a compound in Sihanoukville.",
     "បងប្អូនជីដូនមួយរបស់ខ្ញុំបានឆ្លើយតបការផ្សាយលើហ្វេសប៊ុកសម្រាប់ការងារផ្នែកសេវាអតិថិជន "
     "ហើយចុងក្រោយត្រូវគេឃុំខ្លួននៅក្នុងបរិវេណមួយនៅក្រុងព្រះសីហនុ។"),
    ("online-scam-compounds",
     "Young people do not believe the warnings, because the job offers look real and the salary "
     "is high.",
     "យុវជនមិនជឿការព្រមានទេ ព្រោះការផ្តល់ការងារមើលទៅដូចពិត ហើយប្រាក់ខែក៏ខ្ពស់ដែរ។"),
    ("online-scam-compounds",
     "Women who escaped from scam compounds are afraid they will be arrested as criminals.",
     "ស្ត្រីដែលបានរត់គេចចេញពីបរិវេណឆបោកអនឡាញ ខ្លាចថាខ្លួននឹងត្រូវគេចាប់ខ្លួនដូចជាឧក្រិដ្ឋជន។"),
    ("online-scam-compounds",
     "Rescued workers need a safe place to stay, medical care and counselling before they go "
     "home.",
     "ពលករដែលត្រូវបានជួយសង្គ្រោះត្រូវការកន្លែងស្នាក់នៅប្រកបដោយសុវត្ថិភាព ការថែទាំសុខភាព "
     "និងការប្រឹក្សាផ្លូវចិត្ត មុនពេលត្រឡប់ទៅផ្ទះវិញ។"),
    ("online-scam-compounds",
     "Schools in {place} should teach students how to check whether an online job offer is a "
     "trap.",
     "សាលារៀននៅ{place} គួរបង្រៀនសិស្សពីរបៀបពិនិត្យមើលថា តើការផ្តល់ការងារតាមអនឡាញជាអន្ទាក់ឬអត់។"),
    # Border conflict and displacement
    ("interstate-border-conflict",
     "When the shelling started in {place}, we left with only our children and the clothes we "
     "were wearing.",
     "ពេលការបាញ់ផ្លោងចាប់ផ្តើមនៅ{place} យើងចាកចេញដោយមានតែកូនៗ "
     "និងសម្លៀកបំពាក់ដែលកំពុងស្លៀកប៉ុណ្ណោះ។"),
    ("displacement-conflict",
     "In the evacuation site there was no separate toilet for women and girls, so we were afraid "
     "to go at night.",
     "នៅទីតាំងជម្លៀស គ្មានបង្គន់ដាច់ដោយឡែកសម្រាប់ស្ត្រី និងក្មេងស្រីទេ "
     "ដូច្នេះយើងខ្លាចទៅបង្គន់ពេលយប់។"),
    ("displacement-conflict",
     "Pregnant women in the camp had to wait a long time before a midwife could see them.",
     "ស្ត្រីមានផ្ទៃពោះនៅក្នុងជំរំត្រូវរង់ចាំយូរ ទើបឆ្មបអាចពិនិត្យពួកគាត់បាន។"),
    ("displacement-conflict",
     "Many families from {place} still cannot go home, because their houses were damaged.",
     "គ្រួសារជាច្រើនមកពី{place} នៅតែមិនអាចត្រឡប់ទៅផ្ទះវិញបាន ព្រោះផ្ទះរបស់ពួកគេត្រូវខូចខាត។"),
    ("displacement-conflict",
     "Nobody asked women what they needed when the relief items were handed out.",
     "គ្មាននរណាសួរស្ត្រីថា ពួកគាត់ត្រូវការអ្វីខ្លះទេ ពេលចែកជំនួយសង្គ្រោះ។"),
    ("interstate-border-conflict",
     "The children were frightened by the sound of the guns and still wake up crying at night.",
     "កូនៗភ័យខ្លាចនឹងសំឡេងកាំភ្លើង ហើយនៅតែភ្ញាក់ពីដំណេកយំនៅពេលយប់។"),
    ("displacement-conflict",
     "Women in {place} want to sit on the committee that plans the return of displaced families.",
     "ស្ត្រីនៅ{place} ចង់ចូលរួមក្នុងគណៈកម្មការដែលរៀបចំផែនការសម្រាប់ការត្រឡប់មកវិញ"
     "របស់គ្រួសារដែលបានភៀសខ្លួន។"),
    ("displacement-conflict",
     "We lost a whole harvest while we were in the camp, and now we have to borrow money to "
     "plant again.",
     "យើងបាត់បង់ផលដំណាំមួយរដូវទាំងមូល ពេលយើងនៅក្នុងជំរំ ហើយឥឡូវយើងត្រូវខ្ចីលុយដើម្បីដាំដុះម្តងទៀត។"),
    # Women in peace talks and mediation
    ("peace-processes-mediation",
     "There were no women in the delegation that negotiated the ceasefire, even though women "
     "suffered most from the fighting.",
     "គ្មានស្ត្រីនៅក្នុងគណៈប្រតិភូដែលចរចាបទឈប់បាញ់ទេ "
     "ទោះបីជាស្ត្រីរងផលប៉ះពាល់ច្រើនជាងគេពីការប៉ះទង្គិចក៏ដោយ។"),
    ("peace-processes-mediation",
     "Women already settle conflicts between families in the village; their experience should "
     "count in formal talks.",
     "ស្ត្រីតែងតែដោះស្រាយជម្លោះរវាងគ្រួសារនៅក្នុងភូមិរួចហើយ "
     "បទពិសោធន៍របស់ពួកគាត់គួរតែត្រូវបានយកមកពិចារណាក្នុងកិច្ចចរចាផ្លូវការ។"),
    ("peace-processes-mediation",
     "The ministry should keep a list of women trained in mediation and propose them for every "
     "negotiation team.",
     "ក្រសួងគួររក្សាបញ្ជីឈ្មោះស្ត្រីដែលបានទទួលការបណ្តុះបណ្តាលផ្នែកសម្រុះសម្រួល "
     "ហើយស្នើពួកគាត់សម្រាប់ក្រុមចរចានីមួយៗ។"),
    ("peace-processes-mediation",
     "Ceasefire monitoring teams should include women, so that people in the camps can report "
     "problems to them.",
     "ក្រុមតាមដានបទឈប់បាញ់គួរមានស្ត្រីចូលរួម "
     "ដើម្បីឲ្យប្រជាជននៅក្នុងជំរំអាចរាយការណ៍បញ្ហាទៅពួកគាត់បាន។"),
    # Women in peacekeeping and the security sector
    ("women-peacekeeping",
     "Women peacekeepers can speak with women and children in the mission area in a way that "
     "male soldiers cannot.",
     "អ្នករក្សាសន្តិភាពជាស្ត្រីអាចនិយាយជាមួយស្ត្រី និងកុមារនៅតំបន់បេសកកម្ម "
     "តាមរបៀបដែលទាហានប្រុសមិនអាចធ្វើបាន។"),
    ("women-peacekeeping",
     "Many women soldiers want to deploy abroad, but they worry about who will care for their "
     "children.",
     "ទាហានស្ត្រីជាច្រើនចង់ទៅបំពេញបេសកកម្មនៅក្រៅប្រទេស ប៉ុន្តែពួកគាត់បារម្ភថាអ្នកណានឹងមើលថែកូនៗ។"),
    ("women-in-security-sector",
     "The barracks have no separate rooms and toilets for women, and this keeps women out of "
     "some units.",
     "បន្ទាយទាហានមិនមានបន្ទប់ និងបង្គន់ដាច់ដោយឡែកសម្រាប់ស្ត្រីទេ "
     "ហើយរឿងនេះធ្វើឲ្យស្ត្រីមិនអាចចូលបម្រើក្នុងអង្គភាពខ្លះបាន។"),
    ("women-in-security-sector",
     "Women police officers are mostly given office work, even when they are trained for "
     "investigation.",
     "មន្ត្រីប៉ូលិសស្ត្រីភាគច្រើនត្រូវបានគេឲ្យធ្វើការងារការិយាល័យ "
     "ទោះបីជាពួកគាត់បានទទួលការបណ្តុះបណ្តាលផ្នែកស៊ើបអង្កេតក៏ដោយ។"),
    ("women-in-security-sector",
     "Promotion to senior ranks depends on courses held far from home for months, which is hard "
     "for mothers.",
     "ការដំឡើងឋានន្តរស័ក្តិខ្ពស់ អាស្រ័យលើវគ្គសិក្សាដែលរៀបចំនៅឆ្ងាយពីផ្ទះរាប់ខែ "
     "ដែលជាការលំបាកសម្រាប់ស្ត្រីជាម្តាយ។"),
    ("women-in-security-sector",
     "The police post in {place} now has a desk for women and children, and more women come to "
     "report.",
     "ប៉ុស្តិ៍ប៉ូលិសនៅ{place} ឥឡូវមានតុទទួលពាក្យបណ្តឹងសម្រាប់ស្ត្រី និងកុមារ "
     "ហើយស្ត្រីមករាយការណ៍កាន់តែច្រើន។"),
    # Gender-based violence
    ("gbv-domestic-sexual",
     "Most women in {place} still think that violence at home is a private matter, and they do "
     "not report it.",
     "ស្ត្រីភាគច្រើននៅ{place} នៅតែគិតថា អំពើហិង្សាក្នុងផ្ទះជារឿងឯកជន ហើយពួកគាត់មិនរាយការណ៍ទេ។"),
    ("gbv-domestic-sexual",
     "When a woman goes to the commune about violence, she is usually told to make peace with "
     "her husband.",
     "ពេលស្ត្រីម្នាក់ទៅឃុំដើម្បីប្តឹងអំពីអំពើហិង្សា នាងតែងតែត្រូវបានគេប្រាប់ឲ្យផ្សះផ្សាជាមួយប្តីវិញ។"),
    ("gbv-domestic-sexual",
     "Drinking gets worse in the festival season, and so does violence in the home.",
     "ការផឹកស្រាកាន់តែខ្លាំងនៅរដូវបុណ្យ ហើយអំពើហិង្សាក្នុងគ្រួសារក៏កើនឡើងដែរ។"),
    ("gbv-domestic-sexual",
     "There is no shelter in the district, so a woman who leaves home has nowhere to sleep.",
     "គ្មានផ្ទះសុវត្ថិភាពនៅក្នុងស្រុកទេ ដូច្នេះស្ត្រីដែលចាកចេញពីផ្ទះគ្មានកន្លែងស្នាក់នៅទេ។"),
    ("gbv-domestic-sexual",
     "Women with disabilities face violence too, but services are not built for them and staff "
     "do not know sign language.",
     "ស្ត្រីមានពិការភាពក៏រងអំពើហិង្សាដែរ ប៉ុន្តែសេវាមិនត្រូវបានរៀបចំសម្រាប់ពួកគាត់ទេ "
     "ហើយបុគ្គលិកមិនចេះភាសាសញ្ញា។"),
    ("gbv-domestic-sexual",
     "The health centre treats the injuries, but nobody tells the woman where she can get legal "
     "help.",
     "មណ្ឌលសុខភាពព្យាបាលរបួស ប៉ុន្តែគ្មាននរណាប្រាប់ស្ត្រីនោះថា នាងអាចទទួលជំនួយផ្លូវច្បាប់នៅឯណាទេ។"),
    ("gbv-domestic-sexual",
     "Men in the village should take part in the discussions on violence, not only women.",
     "បុរសនៅក្នុងភូមិគួរចូលរួមក្នុងការពិភាក្សាអំពីអំពើហិង្សាផងដែរ មិនមែនតែស្ត្រីប៉ុណ្ណោះទេ។"),
    ("gbv-domestic-sexual",
     "Since the families came back from the evacuation sites, there has been more violence at "
     "home because of stress and debt.",
     "ចាប់តាំងពីគ្រួសារត្រឡប់មកពីទីតាំងជម្លៀសវិញ អំពើហិង្សាក្នុងផ្ទះកើនឡើង "
     "ដោយសារភាពតានតឹង និងបំណុល។"),
    # Disasters and climate change
    ("disasters-climate",
     "{when} the floods in {place} cut the road to the health centre for two weeks.",
     "{when} ទឹកជំនន់នៅ{place} បានកាត់ផ្តាច់ផ្លូវទៅមណ្ឌលសុខភាពអស់រយៈពេលពីរសប្តាហ៍។"),
    ("disasters-climate",
     "Early warning messages reach the village chief by phone, but many women do not have a "
     "phone of their own.",
     "សារព្រមានជាមុនទៅដល់មេភូមិតាមទូរស័ព្ទ ប៉ុន្តែស្ត្រីជាច្រើនមិនមានទូរស័ព្ទផ្ទាល់ខ្លួនទេ។"),
    ("climate-security-nexus",
     "When the rice fails because of drought, the men leave to work in Thailand and the women "
     "stay behind with the debt.",
     "ពេលស្រូវខូចដោយសារគ្រោះរាំងស្ងួត បុរសចាកចេញទៅធ្វើការនៅប្រទេសថៃ ហើយស្ត្រីនៅផ្ទះជាមួយបំណុល។"),
    ("disasters-climate",
     "Women should sit on the commune disaster committee, because they know who is old, sick or "
     "pregnant in every house.",
     "ស្ត្រីគួរតែជាសមាជិកគណៈកម្មាធិការគ្រប់គ្រងគ្រោះមហន្តរាយឃុំ "
     "ព្រោះពួកគាត់ដឹងថាផ្ទះណាមានមនុស្សចាស់ អ្នកឈឺ ឬស្ត្រីមានផ្ទៃពោះ។"),
    ("disasters-climate",
     "During floods the safe place is the pagoda, but it has no light and nowhere for women to "
     "bathe.",
     "ពេលទឹកជំនន់ កន្លែងសុវត្ថិភាពគឺវត្ត ប៉ុន្តែនៅទីនោះគ្មានភ្លើង និងគ្មានកន្លែងសម្រាប់ស្ត្រីងូតទឹកទេ។"),
    ("climate-security-nexus",
     "There is less water every dry season, and women walk further to fetch it.",
     "ទឹកកាន់តែខ្វះនៅរដូវប្រាំងនីមួយៗ ហើយស្ត្រីត្រូវដើរកាន់តែឆ្ងាយដើម្បីដងទឹក។"),
    # Unsafe migration and returnees
    ("unsafe-migration-returnees",
     "{when} thousands of workers came back from Thailand at the same time, and there was no "
     "work for them here.",
     "{when} ពលកររាប់ពាន់នាក់បានត្រឡប់មកពីប្រទេសថៃក្នុងពេលតែមួយ ហើយនៅទីនេះគ្មានការងារសម្រាប់ពួកគេទេ។"),
    ("unsafe-migration-returnees",
     "Women who come back from abroad without money are looked down on by their neighbours.",
     "ស្ត្រីដែលត្រឡប់មកពីបរទេសវិញដោយគ្មានលុយ ត្រូវអ្នកជិតខាងមើលងាយ។"),
    ("unsafe-migration-returnees",
     "Returnees need help to find jobs and to pay back the debts they took on to migrate.",
     "អ្នកត្រឡប់មកវិញត្រូវការជំនួយដើម្បីរកការងារ និងដើម្បីសងបំណុលដែលពួកគេបានខ្ចីដើម្បីធ្វើចំណាកស្រុក។"),
    ("unsafe-migration-returnees",
     "Most people cross the border without a passport, because the legal way costs too much "
     "and takes too long.",
     "មនុស្សភាគច្រើនឆ្លងព្រំដែនដោយគ្មានលិខិតឆ្លងដែន ព្រោះមធ្យោបាយស្របច្បាប់ចំណាយច្រើនពេក "
     "ហើយយូរពេក។"),
    ("unsafe-migration-returnees",
     "Grandmothers in {place} look after the children of parents who work abroad, often with "
     "very little money.",
     "ជីដូននៅ{place} មើលថែចៅៗដែលឪពុកម្តាយទៅធ្វើការនៅបរទេស ជាញឹកញាប់ដោយមានលុយតិចតួចបំផុត។"),
    # Land disputes
    ("land-natural-resource-disputes",
     "When there is a land dispute, women are rarely invited to the meetings, even when the land "
     "is in their name.",
     "ពេលមានវិវាទដីធ្លី ស្ត្រីកម្របានទទួលការអញ្ជើញឲ្យចូលរួមកិច្ចប្រជុំណាស់ "
     "ទោះបីជាដីនោះមានឈ្មោះរបស់ពួកគាត់ក៏ដោយ។"),
    ("land-natural-resource-disputes",
     "Women who speak out about the land concession in {place} have been threatened.",
     "ស្ត្រីដែលលើកឡើងអំពីដីសម្បទាននៅ{place} ត្រូវបានគេគំរាមកំហែង។"),
    ("land-natural-resource-disputes",
     "Widows lose their land most easily, because relatives say the land belonged to the "
     "husband's family.",
     "ស្ត្រីមេម៉ាយងាយបាត់បង់ដីជាងគេ ព្រោះសាច់ញាតិនិយាយថា ដីនោះជារបស់គ្រួសារប្តី។"),
    ("land-natural-resource-disputes",
     "Families who returned after the fighting found that other people had taken their land.",
     "គ្រួសារដែលត្រឡប់មកវិញក្រោយការប៉ះទង្គិច បានឃើញថាអ្នកដទៃបានយកដីរបស់ពួកគេ។"),
    # Technology-facilitated GBV and digital fraud
    ("tech-facilitated-gbv",
     "Girls in {place} get messages on Telegram from strangers who ask them for photos.",
     "ក្មេងស្រីនៅ{place} ទទួលបានសារតាម Telegram ពីមនុស្សមិនស្គាល់ ដែលសុំរូបថតពីពួកគេ។"),
    ("tech-facilitated-gbv",
     "When a private photo is shared online, the girl usually leaves school and the man is never "
     "punished.",
     "ពេលរូបថតឯកជនត្រូវបានចែករំលែកតាមអនឡាញ ក្មេងស្រីនោះតែងតែឈប់រៀន "
     "ហើយបុរសនោះមិនដែលត្រូវទទួលទោសទេ។"),
    ("tech-facilitated-gbv",
     "The police do not know how to collect evidence from a phone, so online abuse cases are "
     "closed quickly.",
     "ប៉ូលិសមិនដឹងពីរបៀបប្រមូលភស្តុតាងពីទូរស័ព្ទទេ "
     "ដូច្នេះករណីរំលោភបំពានតាមអនឡាញត្រូវបានបិទយ៉ាងឆាប់រហ័ស។"),
    ("tech-facilitated-gbv",
     "Women journalists and activists are insulted and threatened in the comments every time "
     "they post.",
     "អ្នកសារព័ត៌មាន និងសកម្មជនជាស្ត្រីត្រូវគេជេរប្រមាថ និងគំរាមកំហែងនៅក្នុងមតិយោបល់ "
     "រាល់ពេលដែលពួកគាត់បង្ហោះអ្វីមួយ។"),
    ("cybersecurity-digital-fraud",
     "Older women are losing their savings to phone calls from people pretending to work for "
     "the bank.",
     "ស្ត្រីវ័យចំណាស់កំពុងបាត់បង់ប្រាក់សន្សំ ដោយសារការហៅទូរស័ព្ទពីមនុស្សដែលធ្វើពុតជាបុគ្គលិកធនាគារ។"),
    ("tech-facilitated-gbv",
     "Young people need to learn about online safety at school, in Khmer, with real examples.",
     "យុវជនត្រូវការរៀនអំពីសុវត្ថិភាពតាមអនឡាញនៅសាលារៀន ជាភាសាខ្មែរ ដោយមានឧទាហរណ៍ជាក់ស្តែង។"),
    # Civic space
    ("civic-space-whrds",
     "Women leaders in the community are careful about what they say in public, because they "
     "fear trouble.",
     "អ្នកដឹកនាំស្ត្រីនៅក្នុងសហគមន៍ប្រុងប្រយ័ត្នចំពោះអ្វីដែលពួកគាត់និយាយនៅទីសាធារណៈ "
     "ព្រោះខ្លាចមានបញ្ហា។"),
    ("civic-space-whrds",
     "Local NGOs need permission for every training, and sometimes the meeting is cancelled at "
     "the last minute.",
     "អង្គការក្នុងស្រុកត្រូវការការអនុញ្ញាតសម្រាប់វគ្គបណ្តុះបណ្តាលនីមួយៗ "
     "ហើយពេលខ្លះកិច្ចប្រជុំត្រូវលុបចោលនៅនាទីចុងក្រោយ។"),
    ("civic-space-whrds",
     "This consultation is the first time the government has asked women in {place} for their "
     "opinion on security.",
     "ការពិគ្រោះយោបល់នេះ ជាលើកដំបូងហើយដែលរដ្ឋាភិបាលបានសួរយោបល់ស្ត្រីនៅ{place} អំពីសន្តិសុខ។"),
    # Participation and the plan itself
    (GENERAL,
     "Women are half of the village, but only one of the commune councillors is a woman.",
     "ស្ត្រីមានចំនួនពាក់កណ្តាលនៃអ្នកភូមិ ប៉ុន្តែក្នុងចំណោមសមាជិកក្រុមប្រឹក្សាឃុំ មានស្ត្រីតែម្នាក់គត់។"),
    (GENERAL,
     "The national plan should have a budget for the provinces, otherwise nothing will change in "
     "the villages.",
     "ផែនការជាតិគួរមានថវិកាសម្រាប់ខេត្ត បើមិនដូច្នោះទេ គ្មានអ្វីនឹងផ្លាស់ប្តូរនៅតាមភូមិឡើយ។"),
    (GENERAL,
     "Every ministry should report each year on what it did for women's safety, and the report "
     "should be public.",
     "ក្រសួងនីមួយៗគួររាយការណ៍ជារៀងរាល់ឆ្នាំអំពីអ្វីដែលខ្លួនបានធ្វើសម្រាប់សុវត្ថិភាពស្ត្រី "
     "ហើយរបាយការណ៍នោះគួរតែផ្សព្វផ្សាយជាសាធារណៈ។"),
    (GENERAL,
     "Data on violence and trafficking should be broken down by sex, age and disability, or we "
     "cannot plan well.",
     "ទិន្នន័យអំពីអំពើហិង្សា និងការជួញដូរមនុស្សគួរបែងចែកតាមភេទ អាយុ និងពិការភាព "
     "បើមិនដូច្នោះទេ យើងមិនអាចរៀបចំផែនការបានល្អទេ។"),
    (GENERAL,
     "{group} should be asked directly, not through the village chief, because they will not "
     "speak freely in front of him.",
     "គួរសួរ{group}ដោយផ្ទាល់ មិនមែនតាមរយៈមេភូមិទេ "
     "ព្រោះពួកគាត់នឹងមិនហ៊ាននិយាយដោយសេរីនៅចំពោះមុខគាត់ទេ។"),
    (GENERAL,
     "Youth groups in {place} are ready to volunteer for awareness raising if someone trains "
     "them.",
     "ក្រុមយុវជននៅ{place} ត្រៀមខ្លួនរួចរាល់ដើម្បីស្ម័គ្រចិត្តធ្វើការផ្សព្វផ្សាយ "
     "ប្រសិនបើមាននរណាម្នាក់បណ្តុះបណ្តាលពួកគេ។"),
    (GENERAL,
     "{group} in our area carry the heaviest burden, but they are the last to be invited to "
     "meetings.",
     "{group}នៅក្នុងតំបន់យើងទទួលបន្ទុកធ្ងន់ជាងគេ "
     "ប៉ុន្តែពួកគាត់ជាអ្នកចុងក្រោយគេដែលត្រូវបានអញ្ជើញឲ្យចូលរួមកិច្ចប្រជុំ។"),
]

# Short openings people use before they make their point: (English, Khmer).
OPENINGS = [
    ("I think ", "ខ្ញុំគិតថា "),
    ("In my experience, ", "តាមបទពិសោធន៍របស់ខ្ញុំ "),
    ("To be honest, ", "និយាយឲ្យត្រង់ទៅ "),
    ("What we see is that ", "អ្វីដែលយើងឃើញគឺ "),
    ("From what I know, ", "តាមអ្វីដែលខ្ញុំដឹង "),
]

# {group}: (English, Khmer)
GROUPS = [
    ("women farmers", "ស្ត្រីកសិករ"),
    ("young women", "ស្ត្រីវ័យក្មេង"),
    ("widows", "ស្ត្រីមេម៉ាយ"),
    ("women with disabilities", "ស្ត្រីមានពិការភាព"),
    ("women who came back from working abroad", "ស្ត្រីដែលត្រឡប់មកពីធ្វើការនៅបរទេសវិញ"),
    ("garment workers", "កម្មការិនីកាត់ដេរ"),
    ("older women", "ស្ត្រីវ័យចំណាស់"),
    ("girls who have left school", "ក្មេងស្រីដែលបានឈប់រៀន"),
]

# {when}: (English, Khmer) — a time in the past
WHEN = [
    ("last year", "ឆ្នាំមុន"),
    ("in October", "កាលពីខែតុលា"),
    ("two years ago", "កាលពីពីរឆ្នាំមុន"),
    ("last rainy season", "កាលពីរដូវវស្សាមុន"),
    ("in December", "កាលពីខែធ្នូ"),
]

# {place}: districts (Phnom Penh: khans) by province code, (English, Khmer)
PLACES = {
    "02": [("Kamrieng", "ស្រុកកំរៀង"), ("Phnom Proek", "ស្រុកភ្នំព្រឹក"),
           ("Sampov Loun", "ស្រុកសំពៅលូន"), ("Moung Ruessei", "ស្រុកមោងឫស្សី"),
           ("Bavel", "ស្រុកបវេល")],
    "12": [("Meanchey", "ខណ្ឌមានជ័យ"), ("Por Senchey", "ខណ្ឌពោធិ៍សែនជ័យ"),
           ("Dangkao", "ខណ្ឌដង្កោ"), ("Chbar Ampov", "ខណ្ឌច្បារអំពៅ"),
           ("Sen Sok", "ខណ្ឌសែនសុខ")],
    "17": [("Puok", "ស្រុកពួក"), ("Kralanh", "ស្រុកក្រឡាញ់"), ("Chi Kraeng", "ស្រុកជីក្រែង"),
           ("Prasat Bakong", "ស្រុកប្រាសាទបាគង"), ("Varin", "ស្រុកវ៉ារិន")],
    "22": [("Anlong Veng", "ស្រុកអន្លង់វែង"), ("Samraong", "ក្រុងសំរោង"),
           ("Trapeang Prasat", "ស្រុកត្រពាំងប្រាសាទ"), ("Banteay Ampil", "ស្រុកបន្ទាយអំពិល"),
           ("Chong Kal", "ស្រុកចុងកាល")],
}


def issues() -> set[str]:
    return {issue for issue, _, _ in SENTENCES}


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _lower_first(text: str) -> str:
    # "Women …" → "women …", but keep "UN …" or a name such as "Telegram" as it is.
    if len(text) > 1 and text[0].isupper() and text[1].islower() and not text.startswith(
            ("Thailand", "Telegram", "Facebook", "China", "Sihanoukville")):
        return text[0].lower() + text[1:]
    return text


def render(index: int, *, place: tuple[str, str], group: tuple[str, str],
           when: tuple[str, str], opening: tuple[str, str] | None = None) -> tuple[str, str]:
    """Sentence `index` with its slots filled: (English, Khmer)."""
    _, en, km = SENTENCES[index]
    en = _capitalise(en.format(place=place[0], group=group[0], when=when[0]))
    km = km.format(place=place[1], group=group[1], when=when[1])
    if opening:
        en = opening[0] + _lower_first(en)
        km = opening[1] + km
    return en, km

# Answers to "What already helps women and girls to be safe?" (English, Khmer)
WHAT_HELPS = [
    ("Women in our village walk to the market in groups.",
     "ស្ត្រីក្នុងភូមិយើងដើរទៅផ្សារជាក្រុម។"),
    ("The commune focal point for women and children visits the family after a complaint.",
     "មន្ត្រីបង្គោលឃុំទទួលបន្ទុកកិច្ចការនារី និងកុមារ ចុះសួរសុខទុក្ខគ្រួសារ ក្រោយពេលមានពាក្យបណ្តឹង។"),
    ("Mine clearance teams come to the school every year and explain the danger signs.",
     "ក្រុមបោសសម្អាតមីនមកសាលារៀនជារៀងរាល់ឆ្នាំ ហើយពន្យល់អំពីសញ្ញាគ្រោះថ្នាក់។"),
    ("The savings group lends to women at a low rate, so they do not need the brokers.",
     "ក្រុមសន្សំប្រាក់ផ្តល់ប្រាក់កម្ចីដល់ស្ត្រីដោយការប្រាក់ទាប ដូច្នេះពួកគាត់មិនចាំបាច់ពឹងលើមេខ្យល់ទេ។"),
    ("A women's group on Telegram warns its members about fake job offers.",
     "ក្រុមស្ត្រីមួយនៅលើ Telegram ព្រមានសមាជិករបស់ខ្លួនអំពីការផ្តល់ការងារក្លែងក្លាយ។"),
    ("The health centre has a midwife who knows how to help women who were hurt at home.",
     "មណ្ឌលសុខភាពមានឆ្មបម្នាក់ដែលចេះជួយស្ត្រីដែលរងរបួសដោយសារអំពើហិង្សាក្នុងផ្ទះ។"),
    ("The pagoda opens its hall to families when the water rises.",
     "វត្តបើកសាលាឲ្យគ្រួសារស្នាក់នៅ ពេលទឹកឡើង។"),
    ("Neighbours watch each other's houses and call the police post quickly.",
     "អ្នកជិតខាងជួយមើលផ្ទះគ្នាទៅវិញទៅមក ហើយទូរស័ព្ទទៅប៉ុស្តិ៍ប៉ូលិសយ៉ាងរហ័ស។"),
    ("The hotline number is written on the wall of the commune hall.",
     "លេខទូរស័ព្ទជំនួយត្រូវបានសរសេរនៅលើជញ្ជាំងសាលាឃុំ។"),
    ("Teachers talk with girls about safe migration before they finish school.",
     "គ្រូបង្រៀននិយាយជាមួយសិស្សស្រីអំពីការធ្វើចំណាកស្រុកប្រកបដោយសុវត្ថិភាព មុនពេលពួកគេបញ្ចប់ការសិក្សា។"),
    ("Since the ceasefire, the police patrol the evacuation sites at night.",
     "តាំងពីមានបទឈប់បាញ់ ប៉ូលិសល្បាតទីតាំងជម្លៀសនៅពេលយប់។"),
    ("Honestly, not much helps yet; women simply stay at home after dark.",
     "និយាយឲ្យត្រង់ទៅ មិនទាន់មានអ្វីជួយបានច្រើនទេ ស្ត្រីគ្រាន់តែនៅផ្ទះក្រោយពេលងងឹត។"),
]
