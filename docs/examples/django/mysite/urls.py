"""URLs of the example project: pages under a language prefix, and httpi18n's error views."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from . import views

urlpatterns = i18n_patterns(
    path("", views.home),
    path("private/", views.private),
    path("broken/", views.broken),
    path("suspicious/", views.suspicious),
    path("form/", views.form),
)

handler400 = "httpi18n.django.handler400"
handler403 = "httpi18n.django.handler403"
handler404 = "httpi18n.django.handler404"
handler500 = "httpi18n.django.handler500"
