"""`wpsnap gaps --plan SLUG [--json]`: what the Plan's results framework still lacks."""

import json

from django.core.management.base import BaseCommand, CommandError

from wpsnap.planning.queries.gaps import gaps_json
from wpsnap.plans.models import Plan


class Command(BaseCommand):
    help = ("List the gaps of a Plan: validated or priority Findings no Action answers "
            "(finding_without_action), Pillars and ASEAN RPA-WPS pillars without Outputs "
            "(pillar_without_output), Actions without a lead, Indicator or budget, Indicators "
            "without a baseline or target, Organisations with responsibilities but no Body "
            "membership (organisation_without_body) and provinces consulted but named by no "
            "Action (area_without_action).")

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the Plan's short name (slug)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, plan, json=False, **options):
        found = Plan.objects.filter(slug=plan).first()
        if found is None:
            raise CommandError(f"No Plan with the short name {plan!r}.")
        data = gaps_json(found)
        if json:
            self.stdout.write(_dumps(data))
            return
        if not data["gaps"]:
            self.stdout.write("Nothing missing.")
        for gap in data["gaps"]:
            self.stdout.write(f"{gap['kind']:<28} {gap['object']:<12} {gap['message']}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
