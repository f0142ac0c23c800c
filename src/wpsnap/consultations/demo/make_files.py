"""Re-create the demo files in `data/` (deterministic: the same code gives the same bytes).

    .venv/bin/python -m wpsnap.consultations.demo.make_files [--out DIR]

Writes the Kobo XLSForm, its XLSX export (60 submissions, a repeat sheet), the import mapping,
and a focus-group transcript (DOCX). All content is synthetic demo data.
"""

import argparse
import json
from pathlib import Path

from .kobo import MAPPING, write_survey_files
from .transcript import write_transcript

DATA = Path(__file__).resolve().parent / "data"
FORM = "provincial_survey_form.xlsx"
EXPORT = "provincial_survey_kobo.xlsx"
MAPPING_FILE = "provincial_survey_mapping.json"
TRANSCRIPT = "fgd_transcript_anlong_veng.docx"


def make(out: Path = DATA) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    survey = write_survey_files(out / FORM, out / EXPORT)
    (out / MAPPING_FILE).write_text(json.dumps(MAPPING, indent=2, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    transcript = write_transcript(out / TRANSCRIPT)
    return {"survey": survey, "transcript": transcript,
            "files": {p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.is_file()}}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args(argv)
    print(json.dumps(make(args.out), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
