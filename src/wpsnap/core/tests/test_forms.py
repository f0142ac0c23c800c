"""save_posted: the create/edit views' POST handling."""

from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from wpsnap.core.forms import save_posted


class NameForm(forms.Form):
    name = forms.CharField()


def test_a_get_or_an_invalid_form_saves_nothing():
    calls = []
    get = RequestFactory().get("/")
    assert not save_posted(get, NameForm(), lambda: calls.append(1))
    post = RequestFactory().post("/", {"name": ""})
    form = NameForm(post.POST)
    assert not save_posted(post, form, lambda: calls.append(1))
    assert calls == [] and "name" in form.errors


def test_a_refusal_shows_on_the_form_and_a_save_gives_the_result():
    post = RequestFactory().post("/", {"name": "MoWA"})

    def refuse():
        raise ValidationError({"name": "Taken."})

    form = NameForm(post.POST)
    saved = save_posted(post, form, refuse)
    assert not saved and form.errors["name"] == ["Taken."]
    saved = save_posted(post, NameForm(post.POST), lambda: "the new object")
    assert saved and saved.value == "the new object"
