"""Sign in (throttled), sign out, and the front door."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from devzone.web.forms import ThrottledAuthenticationForm

login = auth_views.LoginView.as_view(
    form_class=ThrottledAuthenticationForm, redirect_authenticated_user=True
)
# Django's LogoutView accepts POST only, so a link or an image cannot sign anyone out.
logout = auth_views.LogoutView.as_view()
