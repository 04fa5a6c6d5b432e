"""Sign-in, password and account URLs of the member area."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path

from . import agenda, views

SIGN_IN = settings.LOGIN_URL.strip("/")
SIGN_OUT = settings.LOGOUT_URL.strip("/")
AREA = settings.MEMBER_AREA_URL.strip("/")
CALENDAR = settings.MEMBER_CALENDAR_URL.strip("/")

urlpatterns = [
    path(f"{SIGN_IN}/", views.MemberLoginView.as_view(), name="login"),
    path(f"{SIGN_OUT}/", views.MemberLogoutView.as_view(), name="logout"),
    path(
        f"{SIGN_IN}/mot-de-passe-oublie/",
        views.MemberPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        f"{SIGN_IN}/mot-de-passe-oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        f"{SIGN_IN}/nouveau-mot-de-passe/<uidb64>/<token>/",
        views.MemberPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        f"{SIGN_IN}/nouveau-mot-de-passe/termine/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        f"{SIGN_IN}/invitation/<uidb64>/<token>/",
        views.InvitationConfirmView.as_view(),
        name="invitation_confirm",
    ),
    path(f"{AREA}/mon-compte/", views.account, name="member_account"),
    path(f"{AREA}/mon-compte/mes-donnees/", views.my_data, name="member_data"),
    path(f"{AREA}/mon-compte/supprimer/", views.delete_account, name="member_delete_account"),
    path(f"{AREA}/recherche/", views.member_search, name="member_search"),
    # Outside the member area: calendar programs subscribe without signing in; the secret
    # in the address stands for the account (members.agenda.private_feed_view).
    path(
        f"{CALENDAR}/<str:token>.ics",
        agenda.private_feed_view,
        name="member_calendar_feed",
    ),
]
