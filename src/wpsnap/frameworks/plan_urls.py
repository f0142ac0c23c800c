from django.urls import path

from . import plan_views

app_name = "plan_frameworks"
urlpatterns = [
    path("", plan_views.framework_list, name="list"),
    path("add/", plan_views.framework_create, name="create"),
    path("<int:framework_id>/", plan_views.framework_detail, name="detail"),
    path("<int:framework_id>/edit/", plan_views.framework_edit, name="edit"),
    path("<int:framework_id>/items/add/", plan_views.item_create, name="item_create"),
    path("<int:framework_id>/items/<int:framework_item_id>/edit/", plan_views.item_edit,
         name="item_edit"),
]
