"""`wpsnap autocode evaluate --plan SLUG [--folds 5] [--json]` and `wpsnap autocode train --plan
SLUG [--json]`: the coding assistant's honest quality, and training it now."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wpsnap.analysis.services import suggest as services
from wpsnap.plans.models import Plan


def _number(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"


class Command(BaseCommand):
    help = ("The coding assistant. `evaluate`: k-fold cross-validation on the Plan's accepted "
            "codings, per-Code precision, recall, F1 and support (Statements with the Code), "
            "macro- and micro-averaged F1 over Codes with at least 5 examples. `train`: train "
            "the assistant now (as the Retrain button does, without the background worker).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        evaluate = sub.add_parser("evaluate", help="cross-validate and print the figures")
        train = sub.add_parser("train", help="train the assistant now")
        for p in (evaluate, train):
            p.add_argument("--plan", required=True, help="the Plan's short name (slug)")
            p.add_argument("--json", action="store_true", help="print JSON")
        evaluate.add_argument("--folds", type=int, default=5, help="folds (default 5)")

    def handle(self, *args, action, plan, json=False, folds=5, **options):
        found = Plan.objects.filter(slug=plan).first()
        if found is None:
            raise CommandError(f"No Plan with the short name {plan!r}.")
        if action == "evaluate":
            if folds < 2:
                raise CommandError("--folds must be at least 2.")
            try:
                result = services.evaluate(found, folds=folds)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
            if json:
                self.stdout.write(_dumps(result))
            else:
                self._table(found, result)
            return
        suggester = services.train_now(found)
        data = {"suggester": suggester.pk, "status": suggester.status,
                "codings": suggester.trained_on, "statements": suggester.statements,
                "codes": suggester.codes, "macro_f1": suggester.metrics.get("macro_f1"),
                "micro_f1": suggester.metrics.get("micro_f1"), "error": suggester.error}
        if json:
            self.stdout.write(_dumps(data))
        elif suggester.status == suggester.Status.READY:
            self.stdout.write(
                f"Suggester {suggester.pk} ready: {suggester.trained_on} codings on "
                f"{suggester.statements} statements, {suggester.codes} codes with a model; "
                f"macro F1 {_number(data['macro_f1'])}, micro F1 {_number(data['micro_f1'])}")
        if suggester.status != suggester.Status.READY:
            raise CommandError(f"Suggester {suggester.pk} failed: {suggester.error}")

    def _table(self, plan, result):
        min_support = result.get("min_support", 5)
        self.stdout.write(f"Plan {plan.slug}: {result.get('folds')}-fold cross-validation on "
                          f"{result.get('statements')} coded statements "
                          f"({result.get('codings')} codings)")
        header = f"{'code':<36} {'support':>7} {'precision':>9} {'recall':>7} {'f1':>6}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        rows = sorted(result["codes"].items(), key=lambda kv: (-kv[1]["support"], kv[0]))
        for key, f in rows:
            if not f["support"]:
                continue
            mark = "" if f["support"] >= min_support else "  (too few to count)"
            self.stdout.write(f"{key[:36]:<36} {f['support']:>7} {f['precision']:>9.3f} "
                              f"{f['recall']:>7.3f} {f['f1']:>6.3f}{mark}")
        self.stdout.write("-" * len(header))
        self.stdout.write(f"macro F1 {_number(result['macro_f1'])}   micro F1 "
                          f"{_number(result['micro_f1'])}   (over {result.get('codes_counted')} "
                          f"codes with >= {min_support} examples)")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
