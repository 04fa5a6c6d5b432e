"""Admin views for the partners' club: reviewing applications and the attention panel."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import TaskState

from core.mail import message_from_template

from .applications import ApplicationError, approve, reject
from .models import MembershipApplication, StrategyDraftPage, StrategyFeedback


class DecisionForm(forms.Form):
    """The optional personal message sent with a decision."""

    message = forms.CharField(
        label=gettext_lazy("Message personnel joint au courriel (facultatif)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def can_review(user):
    return user.has_perm("members.change_membershipapplication")


class ApplicationReviewView(WagtailAdminTemplateMixin, TemplateView):
    """Shows one application and lets a communication manager approve or reject it."""

    template_name = "members/admin/application_review.html"
    header_icon = "user"

    def dispatch(self, request, pk):
        if not can_review(request.user):
            raise PermissionDenied
        self.application = get_object_or_404(MembershipApplication, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Candidature de %(name)s") % {"name": self.application.organisation_name}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("membership_applications:index"), "label": _("Candidatures au club")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["application"] = self.application
        context["form"] = kwargs.get("form") or DecisionForm()
        context["history_url"] = reverse(
            "membership_applications:history", args=[self.application.pk]
        )
        return context

    def post(self, request, pk):
        form = DecisionForm(request.POST)
        decision = request.POST.get("decision")
        if not form.is_valid() or decision not in {"approve", "reject"}:
            return self.render_to_response(self.get_context_data(form=form))
        message = form.cleaned_data["message"]
        if decision == "reject" and request.POST.get("confirmed") != "1":
            # A refusal cannot be taken back: show the e-mail the applicant will get first.
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    confirm_rejection=True,
                    rejection_email=message_from_template(
                        "members/emails/application_rejected.txt",
                        {"application": self.application, "message": message},
                        self.application.email,
                    ),
                )
            )
        try:
            if decision == "approve":
                user = approve(self.application, request.user, request, message)
                messages.success(
                    request,
                    _(
                        "Candidature approuvée : le compte %(email)s est créé, "
                        "l'invitation est envoyée."
                    )
                    % {"email": user.email},
                )
            else:
                reject(self.application, request.user, request, message)
                messages.success(request, _("Candidature refusée : le courriel est envoyé."))
        except ApplicationError as error:
            messages.error(request, str(error))
            return redirect("membership_application_review", pk=self.application.pk)
        return redirect("membership_applications:index")


class AttentionPanel(Component):
    """What the communication team should look at today, on the admin dashboard."""

    name = "attention"
    order = 50
    template_name = "members/admin/attention_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        open_drafts = StrategyDraftPage.objects.live().filter(
            status=StrategyDraftPage.Status.CONSULTATION, consultation_ends_on__gte=today
        )
        return {
            "new_applications": MembershipApplication.objects.filter(
                status=MembershipApplication.Status.NEW
            ).count(),
            "pages_in_review": TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
            .select_related("revision")
            .count(),
            "open_feedback": StrategyFeedback.objects.filter(draft__in=open_drafts).count(),
            "open_drafts": list(open_drafts.order_by("consultation_ends_on")[:5]),
            "applications_url": reverse("membership_applications:index") + "?status=new",
            "feedback_url": reverse("strategy_feedback:index"),
        }
