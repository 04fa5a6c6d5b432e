"""Admin views for records that people make on the site (applications, feedback,
registrations): editors read and export them as written, never invent or rewrite one."""

from django.contrib import messages
from django.shortcuts import redirect

from wagtail.admin.views.generic.models import CreateView, EditView, IndexView, InspectView

from core.exports import FormulaSafeExportMixin


class RefusedCreateView(CreateView):
    """The « add » address Wagtail registers for every model, for records only visitors or
    members make: the form would save a record without its author (a 500) or invent one."""

    refusal = ""

    def dispatch(self, request, *args, **kwargs):
        messages.error(request, self.refusal)
        return redirect(self.index_url_name)


class ReadOnlyEditView(EditView):
    """The « edit » address opens the record's read-only page instead."""

    def dispatch(self, request, *args, **kwargs):
        return redirect(self.inspect_url_name, kwargs["pk"])


class ReadOnlyInspectView(InspectView):
    """A record's page, without the « Modifier » button."""

    def get_edit_url(self):
        return None


class ReadOnlyIndexView(FormulaSafeExportMixin, IndexView):
    """The listing, exported without formulas; each row opens the record's page."""

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)
