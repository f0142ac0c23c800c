"""Fixtures of the assisted-coding tests: a Plan coded from the demo sentences (each sentence
says one Security issue, in English and Khmer), so a trained assistant has clear cases."""

import itertools

import pytest

from wpsnap.consultations.demo.sentences import (
    GENERAL,
    GROUPS,
    OPENINGS,
    PLACES,
    SENTENCES,
    WHEN,
    render,
)
from wpsnap.consultations.models import Consultation, Statement

__all__ = ["coded", "isolated_media"]

TRAIN_KEYS = ("landmines-erw", "human-trafficking", "gbv-domestic-sexual",
              "displacement-conflict", "online-scam-compounds", "tech-facilitated-gbv",
              "unsafe-migration-returnees")


@pytest.fixture
def isolated_media(settings, tmp_path):
    """Suggester files in a temporary MEDIA_ROOT, and empty in-process caches."""
    from wpsnap.analysis.services.suggest import clear_caches

    settings.MEDIA_ROOT = str(tmp_path / "media")
    clear_caches()
    yield tmp_path / "media"
    clear_caches()


def make_statements(plan, consultation, variants: int = 3):
    """Statements rendered from the demo sentences of TRAIN_KEYS, `variants` per sentence and
    language: [(statement, key)]."""
    places = [p for ps in PLACES.values() for p in ps]
    combos = itertools.cycle(itertools.product(range(len(places)), range(len(GROUPS)),
                                               range(len(WHEN))))
    rows = []
    for index, (key, _en, _km) in enumerate(SENTENCES):
        if key == GENERAL or key not in TRAIN_KEYS:
            continue
        for v in range(variants):
            p, g, w = next(combos)
            opening = OPENINGS[(index + v) % len(OPENINGS)] if v % 2 else None
            en, km = render(index, place=places[p], group=GROUPS[g], when=WHEN[w],
                            opening=opening)
            for text, language in ((en, "en"), (km, "km")):
                rows.append((Statement(plan=plan, consultation=consultation, text=text,
                                       language=language), key))
    for statement, _key in rows:
        statement.search_text = ""
        statement.save()
    return rows


@pytest.fixture
def coded(plan, codebook, members, isolated_media):
    """The Plan with ~200 Statements, each coded (final layer) with its sentence's issue."""
    from wpsnap.analysis.models import Coding
    from wpsnap.plans.models import Role

    consultation = Consultation.objects.create(plan=plan, slug="suggest-fgd",
                                               kind=Consultation.Kind.FOCUS_GROUP,
                                               title_en="Assistant test consultation")
    rows = make_statements(plan, consultation)
    analyst = members[Role.ANALYST]
    Coding.objects.bulk_create(
        Coding(plan=plan, statement=s, code=codebook[key], coder=analyst, start=0,
               end=len(s.text)) for s, key in rows)
    return {"consultation": consultation, "rows": rows, "codes": codebook}
