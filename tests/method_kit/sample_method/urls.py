from django.http import HttpResponse
from django.urls import path

app_name = "sample_method"

urlpatterns = [path("", lambda request: HttpResponse("sample home"), name="home")]
