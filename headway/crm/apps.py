from django.apps import AppConfig


class CrmConfig(AppConfig):
    name = "headway.crm"
    label = "crm"
    verbose_name = "CRM"
