from headway.methods.winback import views

app_name = "winback"
urlpatterns = views.urlpatterns
