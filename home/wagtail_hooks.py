"""The admin's dashboard warns when a mandatory legal item is missing from the settings."""

from django.urls import reverse

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from .models import SiteSettings


class LegalWarningPanel(Component):
    """« Mentions obligatoires à compléter », until none is missing."""

    name = "legal-warnings"
    order = 40
    template_name = "home/admin/legal_warning_panel.html"

    def __init__(self, missing, settings_url):
        self.missing = missing
        self.settings_url = settings_url

    def get_context_data(self, parent_context=None):
        return {"missing": self.missing, "settings_url": self.settings_url}


@hooks.register("construct_homepage_panels")
def add_legal_warning_panel(request, panels):
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    site_settings = SiteSettings.for_site(site)
    missing = site_settings.missing_legal_items()
    if missing:
        url = reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk])
        panels.append(LegalWarningPanel(missing, url))
