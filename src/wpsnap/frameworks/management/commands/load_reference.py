"""`wpsnap load_reference [--file PATH]`: load the WPS reference library into the database."""

from django.core.management.base import BaseCommand, CommandError

from wpsnap.frameworks.services import DEFAULT_FILE, ReferenceDataError, load_reference


class Command(BaseCommand):
    help = ("Load the WPS reference library (frameworks, pillars, security issues, Cambodia's "
            "institutions, policies and provinces) from YAML. Safe to run again: rows are "
            "updated by their ids, never duplicated.")

    def add_arguments(self, parser):
        parser.add_argument("--file", dest="path", default=None,
                            help=f"YAML file to load (default: {DEFAULT_FILE})")

    def handle(self, *args, path=None, **options):
        try:
            report = load_reference(path)
        except ReferenceDataError as exc:
            raise CommandError(f"Nothing was loaded: {exc}") from exc
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {warning}"))
        self.stdout.write(self.style.SUCCESS(f"Reference library loaded. {report.summary()}"))
        # The Plan stage's indicator library links its entries to the Pillars and the UN 1325
        # global indicators just loaded (idempotent, like the reference itself).
        from wpsnap.planning.services.library import LibraryError, load_library

        try:
            library = load_library()
        except LibraryError as exc:
            raise CommandError(f"The indicator library was not loaded: {exc}") from exc
        for warning in library.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {warning}"))
        self.stdout.write(self.style.SUCCESS(library.summary()))
