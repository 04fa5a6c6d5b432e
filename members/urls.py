"""Sign-in, password and account URLs of the member area."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("connexion/", views.MemberLoginView.as_view(), name="login"),
    path("deconnexion/", views.MemberLogoutView.as_view(), name="logout"),
    path(
        "connexion/mot-de-passe-oublie/",
        views.MemberPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "connexion/mot-de-passe-oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "connexion/nouveau-mot-de-passe/<uidb64>/<token>/",
        views.MemberPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "connexion/nouveau-mot-de-passe/termine/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "connexion/invitation/<uidb64>/<token>/",
        views.InvitationConfirmView.as_view(),
        name="invitation_confirm",
    ),
    path("espace-membres/mon-compte/", views.account, name="member_account"),
    path("espace-membres/recherche/", views.member_search, name="member_search"),
]
