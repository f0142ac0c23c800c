"""`wpsnap trace --plan SLUG (--action KEY | --finding KEY | --statement ID) [--json]`: the
traceable chain, from an Action forward to its Findings, votes and Evidence, or from a Finding or
a Statement back to the Actions (and their Indicators) that answer it."""

import json

from django.core.management.base import BaseCommand, CommandError

from wpsnap.analysis.models import Finding
from wpsnap.consultations.queries import visible_statements
from wpsnap.planning.models import Action
from wpsnap.planning.queries import trace
from wpsnap.plans.models import Plan


class Command(BaseCommand):
    help = ("Follow the chain from evidence to action. From an Action: the Findings it answers, "
            "their status, the votes on them summed over the Plan's Workshops, and the "
            "Statements behind them (stakeholder group, Area code, sex). From a Finding or a "
            "Statement: the Actions that answer it and their Indicators (those of the Action's "
            "Output). Statements of people who withdrew consent or agreed to analysis only are "
            "not listed.")

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the Plan's short name (slug)")
        start = parser.add_mutually_exclusive_group(required=True)
        start.add_argument("--action", help="an Action key, e.g. A-1.2.3")
        start.add_argument("--finding", help="a Finding key, e.g. F-07")
        start.add_argument("--statement", help="a Statement id, e.g. 1234 (or S-1234)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, plan, action=None, finding=None, statement=None, json=False,
               **options):
        found = Plan.objects.filter(slug=plan).first()
        if found is None:
            raise CommandError(f"No Plan with the short name {plan!r}.")
        if action is not None:
            obj = Action.objects.filter(plan=found, key=action.strip()).first()
            if obj is None:
                raise CommandError(f"No Action with the key {action!r} in this Plan.")
            data = trace.action_json(found, obj)
            text = self._action_text
        elif finding is not None:
            obj = Finding.objects.filter(plan=found, key=finding.strip()).first()
            if obj is None:
                raise CommandError(f"No Finding with the key {finding!r} in this Plan.")
            data = trace.finding_json(found, obj)
            text = self._actions_text
        else:
            raw = statement.strip().upper().removeprefix("S-")
            obj = (visible_statements(found).filter(pk=int(raw)).first() if raw.isdigit()
                   else None)
            if obj is None:
                raise CommandError(f"No Statement {statement!r} in this Plan (or the person who "
                                   "said it withdrew consent).")
            data = trace.statement_json(found, obj)
            text = self._actions_text
        if json:
            self.stdout.write(_dumps(data))
        else:
            text(data)

    def _action_text(self, data) -> None:
        self.stdout.write(f"Action {data['action']}")
        if not data["findings"]:
            self.stdout.write("  answers no Finding yet.")
        for f in data["findings"]:
            votes = ", ".join(f"{k} {n}" for k, n in f["votes"].items())
            self.stdout.write(f"  answers {f['key']} ({f['status']}); votes: {votes}")
            if not f["evidence"]:
                self.stdout.write("    no evidence listed")
            for e in f["evidence"]:
                self.stdout.write(f"    S-{e['statement']}: {e['stakeholder_group'] or '-'}, "
                                  f"area {e['area'] or '-'}, {e['sex'] or '-'}")

    def _actions_text(self, data) -> None:
        start = (f"Finding {data['finding']}" if "finding" in data
                 else f"Statement S-{data['statement']}")
        self.stdout.write(start)
        if not data["actions"]:
            self.stdout.write("  Nothing in the plan answers this yet.")
        for a in data["actions"]:
            indicators = ", ".join(a["indicators"]) or "no Indicator"
            self.stdout.write(f"  answered by {a['key']} (indicators: {indicators})")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
