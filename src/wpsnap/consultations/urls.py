app_name = "consult"
urlpatterns = []
