from django.urls import path

from . import views

app_name = "frameworks"
urlpatterns = [
    path("", views.index, name="index"),
    path("learn/", views.learn, name="learn"),
    path("resolutions/", views.resolutions, name="resolutions"),
    path("pillars/", views.pillars, name="pillars"),
    path("security-issues/", views.security_issues, name="security_issues"),
    path("security-issues/<slug:issue_key>/", views.security_issue, name="security_issue"),
    path("cambodia/", views.cambodia, name="cambodia"),
    path("provinces/", views.provinces, name="provinces"),
    path("frameworks/<slug:framework_key>/", views.framework, name="framework"),
    # Item keys contain dots ("5.2", "UNSCR-1325", "2.2.6").
    path("frameworks/<slug:framework_key>/<str:item_key>/", views.item, name="item"),
]
