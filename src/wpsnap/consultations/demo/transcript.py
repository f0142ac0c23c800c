"""A focus-group transcript as a Word document: speaker turns (`Facilitator:`, `P01:` …), mostly in
Khmer, a few answers given in English. Synthetic demo data: the speakers are codes, not people.
"""

import datetime as dt
import io
import zipfile

from .xlsx import ZIP_DATE

TITLE = ("Focus group transcript — women's safety after the ceasefire, Anlong Veng "
         "(synthetic demo data)")
PREFACE = ("Oddar Meanchey, 25 February 2026. Seven women took part (P01–P07); names were "
           "removed. The facilitator was a provincial women's affairs officer.")

TURNS = [
    ("Facilitator",
     "សូមស្វាគមន៍ និងអរគុណដែលបានមកចូលរួម។ ការពិភាក្សានេះគឺអំពីសុវត្ថិភាពរបស់ស្ត្រី និងក្មេងស្រី "
     "ក្រោយពេលមានបទឈប់បាញ់។ យើងនឹងមិនកត់ត្រាឈ្មោះរបស់អ្នកទេ ហើយអ្នកអាចឈប់ចូលរួមនៅពេលណាក៏បាន។"),
    ("Facilitator",
     "សូមចាប់ផ្តើមដោយសំណួរទីមួយ៖ តើជីវិតប្រចាំថ្ងៃរបស់អ្នកបានផ្លាស់ប្តូរយ៉ាងដូចម្តេចខ្លះ "
     "តាំងពីការប៉ះទង្គិចនៅខែធ្នូ?"),
    ("P01",
     "ពេលនោះ យើងត្រូវចាកចេញពីផ្ទះទាំងយប់ ហើយស្នាក់នៅក្នុងជំរំជិតពីរសប្តាហ៍។ "
     "ឥឡូវយើងត្រឡប់មកវិញហើយ ប៉ុន្តែខ្ញុំមិនទាន់ហ៊ានទៅស្រែដែលនៅជិតព្រំដែនទេ។"),
    ("P02",
     "ខ្ញុំក៏ដូចគ្នាដែរ។ ប្តីរបស់ខ្ញុំទៅធ្វើការនៅប្រទេសថៃ ដូច្នេះខ្ញុំនៅម្នាក់ឯងជាមួយកូនបីនាក់ "
     "ហើយត្រូវសម្រេចចិត្តគ្រប់យ៉ាងដោយខ្លួនឯង។"),
    ("P03",
     "If I may add in English: in the sites we supported, the biggest gap was privacy. Women "
     "had to bathe in the open, and many girls stopped drinking water so that they would not "
     "need the toilet at night."),
    ("Facilitator", "អរគុណ។ តើមានអ្វីខ្លះដែលធ្វើឲ្យអ្នកមានអារម្មណ៍គ្មានសុវត្ថិភាពនៅពេលនេះ?"),
    ("P04",
     "គ្រាប់មិនទាន់ផ្ទុះ។ កាលពីសប្តាហ៍មុន ក្មេងៗបានរកឃើញគ្រាប់មួយនៅក្បែរសាលារៀន។ "
     "យើងបានប្រាប់មេភូមិ ប៉ុន្តែក្រុមដោះមីនមកដល់បីថ្ងៃក្រោយ។"),
    ("P05",
     "សម្រាប់ខ្ញុំ គឺបំណុល។ យើងខ្ចីលុយពីគ្រឹះស្ថានមីក្រូហិរញ្ញវត្ថុ ដើម្បីទិញគ្រាប់ពូជ "
     "ហើយឥឡូវគេមកទារជារៀងរាល់ខែ ទោះបីជាយើងមិនអាចធ្វើស្រែបានក៏ដោយ។"),
    ("P06",
     "Young women here are getting job offers on Facebook for work in the city. Some of my "
     "friends went, and one of them has not called her mother for two months."),
    ("P02",
     "នៅពេលយប់ ភូមិងងឹតណាស់ ព្រោះភ្លើងបំភ្លឺផ្លូវខូចតាំងពីការបាញ់ផ្លោង។ "
     "ស្ត្រីមិនចេញក្រៅទេក្រោយម៉ោងប្រាំពីរយប់។"),
    ("Facilitator", "តើពេលមានបញ្ហា ស្ត្រីនៅទីនេះទៅរកជំនួយពីនរណា?"),
    ("P01",
     "ភាគច្រើនទៅរកមេភូមិ ឬស្ត្រីដែលជាសមាជិកក្រុមប្រឹក្សាឃុំ។ "
     "យើងមិនសូវទៅប៉ុស្តិ៍ប៉ូលិសទេ ព្រោះវានៅឆ្ងាយ ហើយមានតែបុរស។"),
    ("P07",
     "ខ្ញុំជាជនមានពិការភាព។ ពេលជម្លៀស គ្មាននរណាជួយខ្ញុំឡើងឡានទេ ក្រៅពីកូនស្រីរបស់ខ្ញុំ។ "
     "បញ្ជីអ្នកដែលត្រូវការជំនួយពិសេសគួរតែមានរួចជាស្រេច មុនពេលមានគ្រោះថ្នាក់។"),
    ("P03",
     "The commune committee for women and children did good work in the camp, but it has no "
     "budget of its own. Everything depended on donations."),
    ("Facilitator",
     "បើអ្នកអាចប្រាប់អ្នករៀបចំផែនការជាតិបានមួយរឿង តើអ្នកចង់ប្រាប់រឿងអ្វី?"),
    ("P04",
     "សូមបោសសម្អាតដីស្រែរបស់យើងឲ្យបានលឿន ហើយប្រាប់យើងឲ្យច្បាស់ថា តំបន់ណាមានសុវត្ថិភាព។"),
    ("P05",
     "ស្ត្រីគួរតែមានកន្លែងអង្គុយក្នុងកិច្ចប្រជុំអំពីការត្រឡប់មកវិញ និងការកសាងឡើងវិញ។ "
     "យើងដឹងច្បាស់ថាគ្រួសារណាត្រូវការអ្វី។"),
    ("P06",
     "Please teach us how to check whether a job offer is real. The warnings on the radio "
     "come too late, after people have already left."),
    ("P07",
     "សេវាទាំងអស់ត្រូវតែគិតដល់ជនមានពិការភាព ចាប់ពីជំរំ រហូតដល់ការផ្តល់ព័ត៌មាន។"),
    ("P02",
     "ខ្ញុំចង់ឲ្យមានមន្ត្រីប៉ូលិសស្ត្រីនៅប៉ុស្តិ៍ក្បែរភូមិយើង ដើម្បីឲ្យស្ត្រីហ៊ានទៅរាយការណ៍។"),
    ("P01", "ហើយសូមកុំភ្លេចយើង ក្រោយពេលព័ត៌មានឈប់និយាយអំពីព្រំដែន។"),
    ("Facilitator",
     "អរគុណច្រើនសម្រាប់ពេលវេលា និងការចែករំលែករបស់អ្នកទាំងអស់គ្នា។ "
     "យើងនឹងយកយោបល់ទាំងនេះទៅបញ្ចូលក្នុងការវិភាគស្ថានភាព ហើយនឹងត្រឡប់មករាយការណ៍ប្រាប់វិញ។"),
]


def write_transcript(path) -> dict:
    from docx import Document

    document = Document()
    document.core_properties.title = TITLE
    document.core_properties.author = "wpsnap demo"
    document.core_properties.last_modified_by = "wpsnap demo"
    document.core_properties.created = dt.datetime(2026, 2, 26, 9, 0, 0)
    document.core_properties.modified = dt.datetime(2026, 2, 26, 9, 0, 0)
    document.core_properties.revision = 1
    document.add_heading(TITLE, level=1)
    document.add_paragraph(PREFACE)
    for speaker, text in TURNS:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{speaker}:").bold = True
        paragraph.add_run(f" {text}")
    buffer = io.BytesIO()
    document.save(buffer)
    _pin_zip(buffer.getvalue(), path)
    return {"turns": len(TURNS), "answers": sum(1 for s, _t in TURNS if s != "Facilitator")}


def _pin_zip(data: bytes, path) -> None:
    """Rewrite the package with fixed entry dates, so the same content gives the same bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(item.filename))
