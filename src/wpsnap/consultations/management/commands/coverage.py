"""`wpsnap coverage --plan SLUG [--json] [--suppress]`: who was consulted, against the targets."""

import json

from django.core.management.base import BaseCommand, CommandError

from wpsnap.consultations.queries import coverage_json
from wpsnap.plans.models import Plan


class Command(BaseCommand):
    help = ("Print a Plan's Coverage: Participants and Statements counted by stakeholder group, "
            "area, sex, age band and Consultation kind, and its targets met or not. Counts are "
            "exact (an operators' tool) unless --suppress is given.")

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the Plan's short name (slug)")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--suppress", action="store_true",
                            help='show counts under 5 as "<5", as outside the workspace')

    def handle(self, *args, plan, json=False, suppress=False, **options):
        found = Plan.objects.filter(slug=plan).first()
        if found is None:
            raise CommandError(f"No Plan with the short name {plan!r}.")
        data = coverage_json(found, suppressed=suppress)
        if json:
            self.stdout.write(_dumps(data))
            return
        self.stdout.write(f"Plan {data['plan']}: {data['participants']} participants, "
                          f"{data['statements']} statements")
        for dimension, counts in data["by"].items():
            shown = ", ".join(f"{k}={v}" for k, v in counts.items()) or "-"
            self.stdout.write(f"  {dimension}: {shown}")
        for target in data["targets"]:
            mark = "met" if target["met"] else "GAP"
            self.stdout.write(f"  [{mark}] {target['message']}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
