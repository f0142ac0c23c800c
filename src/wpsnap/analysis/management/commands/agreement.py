"""`wpsnap agreement --plan SLUG --coders A,B [--sample ID] [--json]`: inter-coder agreement."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wpsnap.analysis.queries.agreement import figures_for, samples_between
from wpsnap.plans.models import Plan


def _number(value, digits=3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


class Command(BaseCommand):
    help = ("Print the agreement of two coders on their double-coding samples: per Code Cohen's "
            "kappa, percent agreement and counts (both, only A, only B, neither); overall "
            "Cohen's kappa and Krippendorff's alpha (nominal) pooled over Statement x Code units, "
            "percent agreement and the mean per-Code kappa. Units: the Statements both coders "
            "coded x the Codes either used. Undefined figures (no variation) are null / n/a.")

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the Plan's short name (slug)")
        parser.add_argument("--coders", required=True,
                            help="the two coders' usernames, A,B (A is coder A in the output)")
        parser.add_argument("--sample", type=int, default=None,
                            help="one sample's id (default: every sample of these two coders, "
                                 "in either order)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, plan, coders, sample=None, json=False, **options):
        found = Plan.objects.filter(slug=plan).first()
        if found is None:
            raise CommandError(f"No Plan with the short name {plan!r}.")
        names = [n.strip() for n in coders.split(",")]
        if len(names) != 2 or not all(names):
            raise CommandError("--coders takes two usernames separated by a comma: A,B")
        if names[0] == names[1]:
            raise CommandError("--coders needs two different users.")
        users = []
        User = get_user_model()  # noqa: N806
        for name in names:
            user = User.objects.filter(**{User.USERNAME_FIELD: name}).first()
            if user is None:
                raise CommandError(f"No user {name!r}.")
            users.append(user)
        samples = list(samples_between(found, users[0], users[1], sample_id=sample))
        if not samples:
            which = f"sample {sample}" if sample is not None else "double-coding sample"
            raise CommandError(f"No {which} of {names[0]} and {names[1]} in Plan {plan!r}.")
        result = figures_for(samples, users[0], users[1])
        data = {"coders": names, **result.as_json()}
        if json:
            self.stdout.write(_dumps(data))
            return
        self.stdout.write(f"Plan {found.slug}: {names[0]} (A) and {names[1]} (B), "
                          f"{len(samples)} sample(s), {result.statements} statements coded by "
                          f"both, {len(result.codes)} codes")
        header = f"{'code':<32} {'kappa':>6} {'agree':>6} {'both':>5} {'A':>5} {'B':>5} " \
                 f"{'none':>5}"
        self.stdout.write(header)
        for key, c in data["codes"].items():
            self.stdout.write(f"{key[:32]:<32} {_number(c['kappa'], 2):>6} "
                              f"{_number(c['agreement'], 2):>6} {c['both']:>5} {c['only_a']:>5} "
                              f"{c['only_b']:>5} {c['neither']:>5}")
        self.stdout.write(f"kappa (pooled) {_number(data['kappa'])}  "
                          f"alpha (nominal) {_number(data['alpha'])}  "
                          f"percent agreement {_number(data['percent_agreement'])}  "
                          f"mean kappa {_number(data['mean_kappa'])}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
