"""Template helpers for bilingual domain text (a builtin: no {% load %} needed).

{% bi obj "title" %}      → the text in the active language, in a <span lang=…>; when only the
                            other language has text, it is shown with a visible marker.
{{ obj|bitext:"title" }}  → plain text (for attributes such as title= or <option>).
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wpsnap.core.bilingual import pick

register = template.Library()


@register.simple_tag
def bi(obj, name, tag="span"):
    picked = pick(obj, name)
    if not picked.text:
        return ""
    if picked.fallback:
        marker = _("not yet translated") if picked.lang == "en" else _("English not yet available")
        return format_html(
            '<{tag} lang="{lang}" class="fallback">{text} <small class="fallback-mark">({marker})'
            "</small></{tag}>",
            tag=tag,
            lang=picked.lang,
            text=picked.text,
            marker=marker,
        )
    return format_html('<{tag} lang="{lang}">{text}</{tag}>', tag=tag, lang=picked.lang,
                       text=picked.text)


@register.filter
def bitext(obj, name):
    return pick(obj, name).text
