"""`wpsnap workshop_results --plan SLUG [--workshop CODE] [--json]`: the votes, comments and
amendments of a Plan's validation Workshops, per Finding."""

import json

from django.core.management.base import BaseCommand, CommandError

from wpsnap.plans.models import Plan
from wpsnap.validation.models import Workshop
from wpsnap.validation.queries.report import FINDING_CHOICES, results_json


class Command(BaseCommand):
    help = ("Print the results of a Plan's validation Workshops: for each Finding on the agenda "
            "the votes (agree, agree with changes, disagree, not sure), the number of comments "
            "and amendments (whatever their moderation state) and the rule outcome; extra "
            "questions under \"questions\". Counts are exact (an operators' tool).")

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the Plan's short name (slug)")
        parser.add_argument("--workshop", help="only the Workshop with this join code")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, plan, workshop=None, json=False, **options):
        found = Plan.objects.filter(slug=plan).first()
        if found is None:
            raise CommandError(f"No Plan with the short name {plan!r}.")
        chosen = None
        if workshop:
            chosen = Workshop.objects.filter(plan=found,
                                             join_code__iexact=workshop.strip()).first()
            if chosen is None:
                raise CommandError(f"No Workshop with the join code {workshop!r} in this Plan.")
        data = results_json(found, chosen)
        if json:
            self.stdout.write(_dumps(data))
            return
        if not data["workshops"]:
            self.stdout.write("No workshops.")
        for w in data["workshops"]:
            self.stdout.write(f"Workshop {w['join_code']} ({w['state']}), on screen: "
                              f"{w['current_finding'] or '-'}")
            head = ["finding", *FINDING_CHOICES, "comments", "amendments", "outcome"]
            rows = [[f["key"], *(str(f[c]) for c in FINDING_CHOICES), str(f["comments"]),
                     str(f["amendments"]), f["outcome"]] for f in w["findings"]]
            widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
            for row in [head, *rows]:
                self.stdout.write("  " + "  ".join(v.ljust(n) for v, n in zip(row, widths,
                                                                               strict=True)))
            for q in w["questions"]:
                shown = ", ".join(f"{k}={n}" for k, n in q["votes"].items()) or "-"
                self.stdout.write(f"  {q['key']} {q['question_en'] or q['question_km']}: {shown}"
                                  f" ({q['comments']} comments)")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
