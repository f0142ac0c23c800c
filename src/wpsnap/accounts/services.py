"""Writes about users."""

from django.conf import settings

from .models import User


def set_language(user: User, lang: str) -> None:
    if lang not in dict(settings.LANGUAGES):
        raise ValueError(f"unsupported language {lang!r}")
    if user.language != lang:
        user.language = lang
        user.save(update_fields=["language"])
