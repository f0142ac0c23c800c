import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from wpsnap.frameworks.models import Area, Institution
from wpsnap.plans.demo.organisations import ORGANISATIONS
from wpsnap.plans.models import Member, Organisation, Plan, Role, Stage

DEMO_SLUG = "cambodia-demo"
# (username, role, organisation abbreviation or None)
DEMO_USERS = [
    ("demo-coordinator", Role.COORDINATOR, "MoWA"),
    ("demo-analyst", Role.ANALYST, "MoWA"),
    ("demo-analyst-2", Role.ANALYST, "UN Women"),
    ("demo-facilitator", Role.FACILITATOR, "MoWA"),
    ("demo-focal-point", Role.FOCAL_POINT, "MoI"),
    ("demo-viewer", Role.VIEWER, None),
]


class Command(BaseCommand):
    help = ("Load the demo plan 'cambodia-demo' (synthetic data) and its demo users. Idempotent: "
            "running it again updates the demo rows and never duplicates them. A new demo user's "
            "random password is printed once, when the user is created.")

    def handle(self, *args, **options):
        if not Area.objects.exists():
            call_command("load_reference", stdout=self.stdout)
        with transaction.atomic():
            plan, created = Plan.objects.update_or_create(slug=DEMO_SLUG, defaults={
                "title_en": "Cambodia NAP-WPS (demo data)",
                "title_km": "ផែនការសកម្មភាពជាតិស្តីពីស្ត្រី សន្តិភាព និងសន្តិសុខ កម្ពុជា "
                            "(ទិន្នន័យសាកល្បង)",
                "description_en": (
                    "Synthetic demo data. Cambodia's first National Action Plan on Women, Peace "
                    "and Security, led by the Ministry of Women's Affairs with UN Women: "
                    "consultations in Phnom Penh and the provinces, a Situation Analysis, a "
                    "validation workshop, and the plan's results framework."),
                "description_km": (
                    "ទិន្នន័យសាកល្បង។ ផែនការសកម្មភាពជាតិទីមួយរបស់កម្ពុជាស្តីពីស្ត្រី សន្តិភាព "
                    "និងសន្តិសុខ ដឹកនាំដោយក្រសួងកិច្ចការនារី ដោយមានការគាំទ្រពី UN Women៖ "
                    "ការពិគ្រោះយោបល់នៅភ្នំពេញ និងតាមខេត្ត ការវិភាគស្ថានភាព "
                    "សិក្ខាសាលាផ្តល់សុពលភាព និងក្របខ័ណ្ឌលទ្ធផលនៃផែនការ។"),
                "country": "KH", "period_start": 2026, "period_end": 2030,
                "stage": Stage.VALIDATING, "is_demo": True,
            })
            areas = {a.code: a for a in Area.objects.filter(country="KH")}
            institutions = {i.key: i for i in Institution.objects.all()}
            orgs = {}
            for name_en, name_km, abbr, kind, level, area, inst in ORGANISATIONS:
                org, _ = Organisation.objects.update_or_create(
                    plan=plan, name_en=name_en,
                    defaults={"name_km": name_km, "abbreviation": abbr, "type": kind,
                              "level": level, "area": areas.get(area) if area else None,
                              "institution": institutions.get(inst) if inst else None})
                orgs[abbr or name_en] = org
            new_passwords = self._users(plan, orgs)
        from wpsnap.consultations.demo import load as load_consult_demo

        load_consult_demo(plan, stdout=self.stdout)
        self._coverage_targets(plan)
        from wpsnap.analysis.demo import load as load_analysis_demo

        load_analysis_demo(plan, stdout=self.stdout)
        from wpsnap.validation.demo import load as load_validation_demo

        validation = load_validation_demo(plan, stdout=self.stdout)
        from wpsnap.planning.demo import load as load_planning_demo

        load_planning_demo(plan, stdout=self.stdout)
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} demo plan {DEMO_SLUG!r}: {len(orgs)} organisations, "
                          f"{len(DEMO_USERS)} demo users.")
        if new_passwords:
            self.stdout.write("")
            self.stdout.write("Demo accounts (passwords are shown only this once):")
            for username, role, password in new_passwords:
                self.stdout.write(f"  {username:<20} {role:<12} {password}")
            self.stdout.write("")
        else:
            self.stdout.write("Demo users already exist; their passwords were printed when they "
                              "were created. Reset one with: .venv/bin/wpsnap changepassword "
                              "demo-coordinator")
        self._open_workshop(validation["open_join_code"])

    def _open_workshop(self, code):
        """The open demo Workshop's join code and short URL, to try it on a phone."""
        import os

        from wpsnap.validation.models import Workshop
        from wpsnap.validation.services.setup import join_path

        workshop = Workshop.objects.filter(join_code=code).first()
        path = join_path(workshop) if workshop else f"/w/{code}/"
        host = os.environ.get("WPSNAP_HOST", "127.0.0.1")
        if host in ("0.0.0.0", "::", ""):  # noqa: S104 - serving every interface: name this one
            host = "127.0.0.1"
        port = os.environ.get("WPSNAP_PORT", "8000")
        self.stdout.write(f"Open demo workshop: join code {code}; on a phone open "
                          f"http://{host}:{port}{path} (serve the local network with "
                          "`make run HOST=0.0.0.0` and use this computer's address), or open "
                          "/join/ and type the code.")

    def _coverage_targets(self, plan):
        """The coordinator's Coverage targets, set once; two border provinces and two groups are
        deliberately short, so the Coverage page shows gaps."""
        from wpsnap.consultations.models import CoverageTarget
        from wpsnap.consultations.services import add_coverage_target

        if CoverageTarget.objects.filter(plan=plan).exists():
            return
        areas = {a.code: a for a in Area.objects.filter(country="KH")}
        with transaction.atomic():
            add_coverage_target(plan, kind="share_women", value=50)
            add_coverage_target(plan, kind="share_youth", value=20)
            for code in ("12", "02", "17", "22", "13", "01"):
                add_coverage_target(plan, kind="area_covered", area=areas[code])
            for group, value in (("women", 60), ("marginalised", 30), ("security_sector", 20)):
                add_coverage_target(plan, kind="min_group", value=value, stakeholder_group=group)

    def _users(self, plan, orgs):
        User = get_user_model()
        new = []
        for username, role, org_abbr in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                password = secrets.token_urlsafe(12)
                user = User.objects.create_user(username=username, password=password,
                                                email=f"{username}@demo.invalid")
                new.append((username, role.value, password))
            Member.objects.update_or_create(
                plan=plan, user=user,
                defaults={"role": role, "organisation": orgs.get(org_abbr) if org_abbr else None})
        return new
