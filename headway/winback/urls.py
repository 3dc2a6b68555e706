from headway.winback import views

app_name = "winback"
urlpatterns = views.urlpatterns
