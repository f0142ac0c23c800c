"""The Situation Analysis: one page per Plan that reads like the report (every Member)."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils import timezone, translation

from wpsnap.consultations.queries import in_workspace
from wpsnap.core.authz import plan_view

from ..queries.situation import build_report, texts

LANGS = ("en", "km")


def _render(request, lang, both):
    keep_lang = {"lang": lang} if lang else {}
    return render(request, "analysis/situation/report.html", {
        "workspace": in_workspace(request.member),
        "report": build_report(request.plan, both=both),
        "both": both,
        "plan_title": texts(request.plan, "title", both),
        "generated": timezone.localdate(),
        "both_query": urlencode({**keep_lang, "both": 1}),
        "one_query": urlencode(keep_lang),
        "lang_query": {code: urlencode({"lang": code, **({"both": 1} if both else {})})
                       for code in LANGS},
    })


@plan_view()
def situation_analysis(request):
    """?lang=km or ?lang=en shows the report in that language whatever the reader's setting
    (e.g. to print the Khmer edition); ?both=1 prints each text in both languages."""
    lang = request.GET.get("lang") if request.GET.get("lang") in LANGS else None
    both = request.GET.get("both") == "1"
    if lang:
        with translation.override(lang):
            return _render(request, lang, both)
    return _render(request, None, both)
