from headway.crm.views import accounts, actions, contacts, deals, interactions

app_name = "crm"
urlpatterns = [
    *accounts.urlpatterns,
    *contacts.urlpatterns,
    *deals.urlpatterns,
    *interactions.urlpatterns,
    *actions.urlpatterns,
]
