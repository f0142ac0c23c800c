"""`wpsnap codings_import --plan SLUG FILE.csv --coder USERNAME [--json]`

Imports codings done elsewhere (e.g. in Excel). Exit status 0 when imported (problems with single
rows are reported and those rows skipped or imported in part), 1 when nothing could be imported.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from wpsnap.analysis.importing_codings import (
    CodingsImportError,
    CodingsImportResult,
    error,
    import_codings,
)
from wpsnap.plans.models import Plan

HELP = """Import codings done elsewhere from a CSV file (UTF-8 with or without byte-order mark;
`,` or `;` between cells). Columns: text (required); language (km, en or other; detected when
empty); codes (Code keys separated by `;`, or the Codes' exact English or Khmer labels; a
merged Code's key counts for the Code it was merged into; unknown keys are reported with their
rows, never dropped);
stakeholder_group and area (official code, English or Khmer name): a row with either gets a
pseudonymous Participant whose consent is recorded as "use for analysis, do not quote";
consultation (short name of an existing Consultation). Rows without a consultation go to a
Consultation of kind workshop made for the file, "codings-import-<first 8 characters of the
file's SHA-256>". The Statements go into a Dataset of their own and the Codings into the Plan's
final layer, coded by --coder (a coordinator or analyst of the Plan). Importing the same file
again adds nothing."""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.csv")
        parser.add_argument("--plan", required=True, help="The Plan's short name (slug).")
        parser.add_argument("--coder", required=True,
                            help="Username of the coder: a coordinator or analyst of the Plan.")
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="Print the report as JSON only.")

    def handle(self, *args, file, plan, coder, as_json=False, **options):
        self.as_json = as_json
        plan_obj = Plan.objects.filter(slug=plan).first()
        if plan_obj is None:
            return self.fail([error(None, None, _("There is no plan with the short name "
                                                  "%(slug)s.") % {"slug": plan})])
        user = get_user_model().objects.filter(username=coder).first()
        if user is None:
            return self.fail([error(None, None, _("There is no user named %(name)s.")
                                    % {"name": coder})])
        path = Path(file)
        if not path.is_file():
            return self.fail([error(None, None, _("The file %(name)s cannot be opened.")
                                    % {"name": file})])
        try:
            result = import_codings(plan_obj, data=path.read_bytes(), filename=path.name,
                                    coder=user)
        except CodingsImportError as exc:
            return self.fail(exc.errors)
        self.report(result)

    def fail(self, errors):
        result = CodingsImportResult(errors=errors)
        if self.as_json:
            self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            self.stderr.write(self.style.ERROR(_("Nothing was imported.")))
            self.write_problems(errors, self.stderr)
        raise SystemExit(1)

    def report(self, result):
        if self.as_json:
            self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False))
            return
        out = self.stdout
        out.write(self.style.SUCCESS(_("Imported into dataset %(id)s.") % {"id": result.dataset}))
        out.write(_("Rows: %(rows)d. New Statements: %(s)d. New Codings: %(c)d.") % {
            "rows": result.rows, "s": result.statements_new, "c": result.codings_new})
        if result.unknown_codes:
            out.write(self.style.WARNING(_("Unknown Code keys (not applied):")))
            for key, rows in result.unknown_codes.items():
                out.write(_("  %(key)s: rows %(rows)s") % {
                    "key": key, "rows": ", ".join(str(r) for r in rows)})
        if result.errors:
            out.write(self.style.WARNING(_("Problems (%(n)d):") % {"n": len(result.errors)}))
            self.write_problems(result.errors, out)

    def write_problems(self, errors, out):
        for item in errors:
            where = []
            if item.get("row") is not None:
                where.append(_("row %(row)d") % {"row": item["row"]})
            if item.get("column"):
                where.append(_("column %(column)s") % {"column": item["column"]})
            prefix = f"  [{', '.join(where)}] " if where else "  "
            out.write(f"{prefix}{item['message']}")
