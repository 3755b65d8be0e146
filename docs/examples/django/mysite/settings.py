"""Settings of the example project: localized error pages with httpi18n.django."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Never use this key in production: read yours from the environment or a secrets file.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-only-not-a-secret")
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "httpi18n.django",  # the error page template and the system checks
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # URL prefix, cookie, Accept-Language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]

ROOT_URLCONF = "mysite.urls"
WSGI_APPLICATION = "mysite.wsgi.application"
CSRF_FAILURE_VIEW = "httpi18n.django.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],  # templates/httpi18n/error.html overrides the app's
        "APP_DIRS": True,  # finds httpi18n/error.html inside the app
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    },
]

USE_I18N = True
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("ja", "日本語"),
    ("zh-hans", "简体中文"),
    ("zh-hant", "繁體中文"),
]
