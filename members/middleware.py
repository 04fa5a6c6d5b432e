"""Keeps member and document responses out of every cache."""

from .access import mark_private

PRIVATE_PREFIXES = ("/espace-membres/", "/connexion/", "/documents/", "/deconnexion/")


class PrivateResponsesMiddleware:
    """Marks responses under member paths private and unstorable, whatever view produced them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_PREFIXES):
            mark_private(response)
        return response
