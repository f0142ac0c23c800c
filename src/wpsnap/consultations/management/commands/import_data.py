"""`wpsnap import_data --plan SLUG --consultation SLUG FILE [FILE…] [--form XLSFORM]
[--mapping MAPPING.json] [--dry-run] [--json] [--create-consultation --kind KIND --title TEXT]`

Imports a KoboToolbox / ODK Central export, a CSV or XLSX table, or a transcript (DOCX, TXT)
into a Consultation. Further FILEs are repeat tables (ODK Central CSVs); an ODK Central zip
holds them already. Exit status 0 when imported (or a dry run is fine), 1 when rejected.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from wpsnap.consultations.importing import ImportReport, import_file
from wpsnap.consultations.importing.report import entry
from wpsnap.consultations.models import Consultation
from wpsnap.plans.models import Plan


class Command(BaseCommand):
    help = ("Import a KoboToolbox or ODK Central export, a CSV/XLSX table or a transcript "
            "(DOCX, TXT) into a Consultation. Re-importing adds only what is new.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE",
                            help="The export; further files are repeat tables (ODK CSVs).")
        parser.add_argument("--plan", required=True, help="The Plan's slug.")
        parser.add_argument("--consultation", required=True, help="The Consultation's slug.")
        parser.add_argument("--form", dest="form_path", help="The XLSForm (.xlsx).")
        parser.add_argument("--mapping", dest="mapping_path", help="Mapping JSON file.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Report what would change and change nothing.")
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="Print the report as JSON only.")
        parser.add_argument("--create-consultation", action="store_true",
                            help="Create the Consultation first when none has that slug.")
        parser.add_argument("--kind", choices=Consultation.Kind.values,
                            help="Kind of the Consultation to create.")
        parser.add_argument("--title", help="English title of the Consultation to create.")

    def handle(self, *args, files, plan, consultation, form_path=None, mapping_path=None,
               dry_run=False, as_json=False, create_consultation=False, kind=None, title=None,
               **options):
        self.as_json = as_json
        problem = None
        plan_obj = Plan.objects.filter(slug=plan).first()
        mapping = None
        if plan_obj is None:
            problem = entry("unknown_plan", _("There is no plan with the short name %(slug)s.")
                            % {"slug": plan})
        elif mapping_path:
            try:
                mapping = json.loads(Path(mapping_path).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                problem = entry("bad_mapping", _("The mapping file %(name)s could not be read: "
                                                 "%(reason)s") % {"name": mapping_path,
                                                                   "reason": exc})
        for path in files:
            if problem is None and not Path(path).is_file():
                problem = entry("missing_file", _("The file %(name)s cannot be opened.")
                                % {"name": path})
        if problem is not None:
            return self.finish(self.rejected(problem, dry_run))
        with transaction.atomic():
            consultation_obj = Consultation.objects.filter(plan=plan_obj,
                                                           slug=consultation).first()
            if consultation_obj is None and create_consultation:
                if not kind or not title:
                    return self.finish(self.rejected(entry("bad_arguments", _(
                        "--create-consultation needs --kind and --title.")), dry_run))
                consultation_obj = Consultation(plan=plan_obj, slug=consultation, kind=kind,
                                                title_en=title)
                consultation_obj.full_clean(validate_unique=False)
                consultation_obj.save()
            if consultation_obj is None:
                return self.finish(self.rejected(entry("unknown_consultation", _(
                    "The plan has no consultation with the short name %(slug)s. Use "
                    "--create-consultation --kind KIND --title TEXT to create it.")
                    % {"slug": consultation}), dry_run))
            report = import_file(plan_obj, consultation_obj, files[0],
                                 filename=Path(files[0]).name, form_path=form_path,
                                 mapping=mapping, dry_run=dry_run,
                                 repeat_paths=files[1:] or None)
            if not report.ok or dry_run:
                transaction.set_rollback(True)  # and the Consultation made for it
        return self.finish(report)

    def rejected(self, problem: dict, dry_run: bool) -> ImportReport:
        report = ImportReport(dry_run=dry_run)
        report.reject([problem])
        return report

    def finish(self, report: ImportReport):
        if self.as_json:
            self.stdout.write(json.dumps(report.to_json(), ensure_ascii=False))
        else:
            self.summary(report)
        if not report.ok:
            raise SystemExit(1)

    def summary(self, report: ImportReport):
        out = self.stdout
        if report.ok:
            headline = (_("Dry run: nothing was changed.") if report.dry_run
                        else _("Imported."))
            out.write(self.style.SUCCESS(headline))
        else:
            out.write(self.style.ERROR(_("Rejected: nothing was imported.")))
        out.write(_("Rows: %(rows)d. New Participants: %(p)d. New Statements: %(s)d.") % {
            "rows": report.rows, "p": report.participants_new, "s": report.statements_new})
        for title, items, total in ((_("Errors"), report.errors, report.totals["errors"]),
                                    (_("Warnings"), report.warnings, report.totals["warnings"]),
                                    (_("Skipped"), report.skipped, report.totals["skipped"])):
            if not items:
                continue
            out.write(f"{title} ({total}):")
            for item in items:
                where = []
                if item.get("sheet"):
                    where.append(_("sheet %(sheet)s") % {"sheet": item["sheet"]})
                if item.get("row") is not None:
                    where.append(_("row %(row)d") % {"row": item["row"]})
                if item.get("column"):
                    where.append(_("column %(column)s") % {"column": item["column"]})
                prefix = f"  [{', '.join(where)}] " if where else "  "
                out.write(f"{prefix}{item['message']}")
