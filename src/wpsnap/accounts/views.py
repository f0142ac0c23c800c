from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import activate
from django.utils.translation import gettext as _

from wpsnap.core.authz import login_only, public

from . import services
from .forms import LanguageForm, ProfileForm


@public(methods=("POST",))
def set_language(request):
    """Switch the interface language: remembered in a cookie and, when signed in, on the user."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if form.is_valid():
        lang = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.set_language(request.user, lang)
        activate(lang)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, lang, max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE, secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=False,
        )
    return response


@login_only(methods=("GET", "POST"))
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


login = public(
    auth_views.LoginView.as_view(template_name="accounts/login.html",
                                 redirect_authenticated_user=True),
    methods=("GET", "POST"),
)
logout = public(auth_views.LogoutView.as_view(), methods=("POST",))
password_change = login_only(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts:password_change_done"),
    ),
    methods=("GET", "POST"),
)
password_change_done = login_only(auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"))
password_reset = public(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    ),
    methods=("GET", "POST"),
)
password_reset_done = public(auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"))
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
    ),
    methods=("GET", "POST"),
)
password_reset_complete = public(auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"))
