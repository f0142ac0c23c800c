app_name = "consult_import"
urlpatterns = []
