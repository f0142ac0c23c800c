from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wpsnap.plans import services


class Command(BaseCommand):
    help = "Create a Plan (for operators). The coordinator, if given, must be an existing user."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True, help="short name used in addresses")
        parser.add_argument("--country", required=True, help="two-letter ISO code, e.g. KH")
        parser.add_argument("--title", required=True, help="English title")
        parser.add_argument("--title-km", default="", help="Khmer title")
        parser.add_argument("--period", default="", help="e.g. 2026-2030")
        parser.add_argument("--coordinator", help="username of the first coordinator")

    def handle(self, *args, slug, country, title, title_km, period, coordinator, **options):
        user = None
        if coordinator:
            user = get_user_model().objects.filter(username=coordinator).first()
            if user is None:
                raise CommandError(f"No user named {coordinator!r}. Create it first "
                                   "(wpsnap createsuperuser or an invitation).")
        start = end = None
        if period:
            try:
                start, end = (int(x) for x in period.split("-", 1))
            except ValueError as exc:
                raise CommandError("--period must look like 2026-2030") from exc
        try:
            plan = services.create_plan(slug=slug, country=country, title_en=title,
                                        title_km=title_km, period_start=start, period_end=end,
                                        coordinator=user)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"Created plan {plan.slug!r}"
                          + (f" with coordinator {user.username!r}" if user else ""))
