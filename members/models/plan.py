"""The action plan: every commission's actions in one tracker of the member area."""

from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.models import IntroductionMixin

from .base import MemberBasePage


class ActionPlanPage(IntroductionMixin, RoutablePageMixin, MemberBasePage):
    """« Plan d'actions »: the actions decided in minutes, across commissions, for members."""

    template = "members/action_plan_page.html"
    max_count = 1
    parent_page_types = ["members.MemberAreaPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("plan d'actions")

    # The views import the models: imported when a request comes, not when models load.
    def serve(self, request, *args, **kwargs):
        return self.serve_for_audience(request, super().serve, *args, **kwargs)

    @path("")
    def tracker_view(self, request):
        from ..action_plan import tracker_view

        return tracker_view(self, request)

    @path("export/")
    def csv_view(self, request):
        from ..action_plan import csv_view

        return csv_view(self, request)

    @path("imprimer/")
    def print_view(self, request):
        from ..action_plan import print_view

        return print_view(self, request)
