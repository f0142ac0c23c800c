"""Back-office routes of the Validate part setup (namespace validate, see validation/urls.py)."""

from django.urls import path

from .views import setup

urlpatterns = [
    path("", setup.workshop_list, name="workshop_list"),
    path("new/", setup.workshop_create, name="workshop_create"),
    path("<int:workshop_id>/", setup.workshop_detail, name="workshop_detail"),
    path("<int:workshop_id>/edit/", setup.workshop_edit, name="workshop_edit"),
    path("<int:workshop_id>/state/", setup.workshop_state, name="workshop_state"),
    path("<int:workshop_id>/agenda/add/", setup.agenda_add, name="agenda_add"),
    path("<int:workshop_id>/agenda/<int:item_id>/edit/", setup.agenda_item_edit,
         name="agenda_item_edit"),
    path("<int:workshop_id>/agenda/<int:item_id>/delete/", setup.agenda_item_delete,
         name="agenda_item_delete"),
    path("<int:workshop_id>/agenda/<int:item_id>/move/", setup.agenda_move, name="agenda_move"),
    path("<int:workshop_id>/breakouts/new/", setup.breakout_create, name="breakout_create"),
    path("<int:workshop_id>/qr.svg", setup.workshop_qr, name="workshop_qr"),
    path("<int:workshop_id>/card/", setup.workshop_card, name="workshop_card"),
]
