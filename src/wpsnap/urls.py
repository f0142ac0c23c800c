from django.urls import include, path

urlpatterns = [
    path("", include("wpsnap.core.urls")),
    # The public front first: a phone's vote is resolved without trying the back office's
    # plan-scoped patterns (its routes, /join/ and /w/<code>/…, overlap none of them).
    path("", include("wpsnap.validation.public_urls")),
    path("accounts/", include("wpsnap.accounts.urls")),
    path("library/", include("wpsnap.frameworks.urls")),
    path("plans/", include("wpsnap.plans.urls")),
    path("plans/<slug:plan_slug>/frameworks/", include("wpsnap.frameworks.plan_urls")),
    path("plans/<slug:plan_slug>/consult/imports/", include("wpsnap.consultations.import_urls")),
    path("plans/<slug:plan_slug>/consult/", include("wpsnap.consultations.urls")),
    path("plans/<slug:plan_slug>/analyse/", include("wpsnap.analysis.urls")),
    path("plans/<slug:plan_slug>/validate/", include("wpsnap.validation.urls")),
    path("plans/<slug:plan_slug>/plan/", include("wpsnap.planning.urls")),
]

handler400 = "wpsnap.core.views.bad_request"
handler403 = "wpsnap.core.views.permission_denied"
handler404 = "wpsnap.core.views.page_not_found"
handler500 = "wpsnap.core.views.server_error"
