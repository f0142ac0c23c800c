"""Domain text in two languages.

A bilingual field is a pair of model fields (or dict keys) named `<name>_en` and `<name>_km`.
`pick()` returns the text in the active language, falling back to the other language; the
caller learns which language it got so the page can mark the fallback and set `lang`.
"""

from dataclasses import dataclass

from django.utils.translation import get_language, override

LANGS = ("en", "km")


@dataclass(frozen=True)
class Picked:
    text: str
    lang: str | None  # the language of `text`; None when both are empty
    fallback: bool  # True when the active language had no text


def active_lang() -> str:
    lang = (get_language() or "en")[:2]
    return lang if lang in LANGS else "en"


def _get(obj, key: str) -> str:
    if isinstance(obj, dict):
        value = obj.get(key)
    else:
        value = getattr(obj, key, None)
    return str(value).strip() if value not in (None, "") else ""


def pick(obj, name: str, lang: str | None = None) -> Picked:
    lang = lang or active_lang()
    order = [lang] + [code for code in LANGS if code != lang]
    for code in order:
        text = _get(obj, f"{name}_{code}")
        if text:
            return Picked(text, code, code != lang)
    # Reference dicts may hold the English text under the bare name (e.g. "label").
    text = _get(obj, name)
    if text:
        return Picked(text, "en", lang != "en")
    return Picked("", None, False)


class BilingualMixin:
    """Adds `obj.t("title")` → the text in the active language (with fallback)."""

    def t(self, name: str) -> str:
        return pick(self, name).text


def ui_in_both(text) -> tuple[str, str]:
    """(English, Khmer) of a translatable UI text (a gettext_lazy label): for what shows both
    languages whatever the reader's (the projector, files that circulate). The Khmer is the
    English itself while the catalogue lacks it."""
    with override("en"):
        en = str(text)
    with override("km"):
        km = str(text)
    return en, km
