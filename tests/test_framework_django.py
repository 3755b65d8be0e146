"""httpi18n.django against a real server: the documentation's example project under waitress.

LocaleMiddleware + i18n_patterns + the language cookie decide the language; the checks run
through ``manage.py check``.  Every server is a subprocess on 127.0.0.1 (Django's settings are
per process).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from httpi18n import localized
from httpi18n.catalogs import translations

from test_framework_common import (
    BROWSER, EXAMPLES, ROOT, ZH_CATALOG, ZH_HEADER, Running, assert_page, fetch, serve, vary,
)

pytest.importorskip("django")
pytest.importorskip("waitress")
pytestmark = pytest.mark.slow

PROJECT = EXAMPLES / "django"
WAITRESS = ["-m", "waitress", "--host=127.0.0.1", "--port=0", "mysite.wsgi:application"]
FOOTER = '<p><a href="/">⌂ example.org</a></p>'  # from the project's templates/httpi18n/error.html
CSRF_TEXT = ("The form could not be accepted: it has expired or it was sent from another site. "
             "Go back, reload the page and send it again.")


def csrf_message(catalog: str) -> str:
    return translations(catalog).pgettext("error page", CSRF_TEXT)


@pytest.fixture(scope="module")
def site() -> Iterator[Running]:
    with serve(WAITRESS, PROJECT) as running:
        yield running


def settings_module(tmp: Path, name: str, body: str) -> dict[str, str]:
    """A settings module *name* in *tmp* that starts from the example's settings."""
    (tmp / f"{name}.py").write_text("from mysite.settings import *  # noqa: F403\n" + body, encoding="utf-8")
    return {"DJANGO_SETTINGS_MODULE": name, "PYTHONPATH": os.pathsep.join(map(str, (ROOT / "src", tmp, PROJECT)))}


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """USE_I18N off, no LocaleMiddleware, the shipped template (no project override)."""
    tmp = tmp_path_factory.mktemp("plain")
    env = settings_module(tmp, "plain_settings", (
        "USE_I18N = False\n"
        "MIDDLEWARE = [m for m in MIDDLEWARE if not m.endswith('LocaleMiddleware')]\n"
        "TEMPLATES = [dict(TEMPLATES[0], DIRS=[])]\n"
    ))
    with serve(WAITRESS, PROJECT, env) as running:
        yield running


@pytest.fixture(scope="module")
def debug_site() -> Iterator[Running]:
    with serve(WAITRESS, PROJECT, {"DJANGO_DEBUG": "1"}) as running:
        yield running


# --- the language Django chose -----------------------------------------------------------


def test_url_prefix_wins_over_accept_language(site: Running) -> None:
    reply = fetch(site, "/fr/nowhere", headers={"Accept-Language": "ja", "Accept": BROWSER})
    assert_page(reply, 404, "fr")
    assert FOOTER in reply.text  # the project's template override
    assert "cookie" in vary(reply)


def test_cookie_wins_over_accept_language(site: Running) -> None:
    reply = fetch(site, "/nowhere", headers={"Accept-Language": "fr", "Cookie": "django_language=ja",
                                             "Accept": BROWSER})
    assert_page(reply, 404, "ja")


@pytest.mark.parametrize(("header", "catalog"), [("ja", "ja"), ("fr-CA", "fr"), (ZH_HEADER, ZH_CATALOG),
                                                 ("zh-Hans-CN", "zh_CN"), ("sw", "en")])
def test_accept_language_through_django(site: Running, header: str, catalog: str) -> None:
    """Django maps zh-TW → zh-hant, zh-CN → zh-hans; httpi18n maps those to its catalogs."""
    reply = fetch(site, "/nowhere", headers={"Accept-Language": header, "Accept": BROWSER})
    assert_page(reply, 404, catalog)


def test_prefixed_chinese_pages(site: Running) -> None:
    assert_page(fetch(site, "/zh-hant/nowhere"), 404, "zh_TW" if ZH_CATALOG == "zh_TW" else "en")
    assert_page(fetch(site, "/zh-hans/nowhere"), 404, "zh_CN")


# --- each handler ----------------------------------------------------------------------


def test_handlers_403_400_500(site: Running) -> None:
    assert_page(fetch(site, "/fr/private/", headers={"Accept": BROWSER}), 403, "fr")
    assert_page(fetch(site, "/ja/suspicious/", headers={"Accept": BROWSER}), 400, "ja")
    reply = fetch(site, f"/{'zh-hant' if ZH_CATALOG == 'zh_TW' else 'zh-hans'}/broken/",
                  headers={"Accept": "text/plain"})
    assert_page(reply, 500, ZH_CATALOG, "text")


def test_problem_json_when_asked(site: Running) -> None:
    reply = fetch(site, "/ja/nowhere", headers={"Accept": "application/problem+json"})
    assert_page(reply, 404, "ja", "json")
    reply = fetch(site, "/fr/private/", headers={"Accept": "application/json"})
    assert_page(reply, 403, "fr", "json")


def test_csrf_failure_is_a_localized_403(site: Running) -> None:
    assert fetch(site, "/fr/form/").status == 200
    reply = fetch(site, "/fr/form/", method="POST", body=b"x=1",
                  headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": BROWSER})
    assert_page(reply, 403, "fr", message=csrf_message("fr"))
    reply = fetch(site, "/ja/form/", method="POST", body=b"", headers={"Accept": "application/problem+json"})
    assert_page(reply, 403, "ja", "json", message=csrf_message("ja"))


def test_successful_pages_untouched(site: Running) -> None:
    reply = fetch(site, "/fr/", headers={"Accept-Language": "ja"})
    assert reply.status == 200 and reply.body == b"Welcome"
    assert reply.headers["Content-Language"] == "fr"  # LocaleMiddleware's, not ours


# --- USE_I18N off: Accept-Language, the shipped template --------------------------------


def test_without_i18n_accept_language_decides(plain_site: Running) -> None:
    for header, catalog in (("ja", "ja"), ("fr", "fr"), (ZH_HEADER, ZH_CATALOG)):
        reply = fetch(plain_site, "/private/", headers={"Accept-Language": header, "Accept": BROWSER})
        assert_page(reply, 403, catalog)
        assert FOOTER not in reply.text and "cookie" not in vary(reply)
    assert_page(fetch(plain_site, "/nowhere", headers={"Accept-Language": "ja"}), 404, "ja")


# --- DEBUG keeps Django's technical pages --------------------------------------------------


def test_debug_keeps_technical_pages(debug_site: Running) -> None:
    reply = fetch(debug_site, "/fr/nowhere", headers={"Accept": BROWSER})
    assert reply.status == 404 and "Using the URLconf defined in" in reply.text
    assert "Content-Language" not in reply.headers or reply.headers["Content-Language"] == "fr"
    reply = fetch(debug_site, "/fr/broken/", headers={"Accept": BROWSER})
    assert reply.status == 500 and "RuntimeError" in reply.text and "a bug" in reply.text
    reply = fetch(debug_site, "/fr/form/", method="POST", body=b"", headers={"Accept": BROWSER})
    ours = f"<h1>{localized(403, 'fr')}</h1>"
    assert reply.status == 403 and "CSRF" in reply.text and ours not in reply.text
    reply = fetch(debug_site, "/fr/private/", headers={"Accept": BROWSER})
    assert reply.status == 403 and "403 Forbidden" in reply.text and ours not in reply.text


# --- system checks ---------------------------------------------------------------------------


def check(tmp: Path, name: str, body: str, code: str = "") -> str:
    """Output of ``manage.py check`` (or of *code*, run after django.setup()) under modified settings."""
    env = settings_module(tmp, name, body)
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environ.update(env)
    if code:
        argv = [sys.executable, "-c", "import django; django.setup()\n" + code]
    else:
        argv = [sys.executable, "manage.py", "check"]
    out = subprocess.run(argv, cwd=PROJECT, env=environ, capture_output=True, text=True, timeout=120)
    return out.stdout + out.stderr


def test_check_example_is_clean(tmp_path: Path) -> None:
    assert "no issues" in check(tmp_path, "s_ok", "")


@pytest.mark.parametrize(("body", "ids"), [
    ("MIDDLEWARE = [m for m in MIDDLEWARE if not m.endswith('LocaleMiddleware')]\n", {"httpi18n.W001"}),
    ("MIDDLEWARE = MIDDLEWARE[:1] + MIDDLEWARE[2:] + MIDDLEWARE[1:2]\n", {"httpi18n.W002"}),
    ("LANGUAGES = [('sw', 'Kiswahili'), ('fi', 'Suomi')]\nLANGUAGE_CODE = 'sw'\n", {"httpi18n.W003"}),
    ("TEMPLATES = []\n", {"httpi18n.E002"}),
    ("ROOT_URLCONF = 'django.contrib.staticfiles.urls'\nCSRF_FAILURE_VIEW = 'django.views.csrf.csrf_failure'\n",
     {"httpi18n.W004"}),
])
def test_checks_report_broken_setups(tmp_path: Path, body: str, ids: set[str]) -> None:
    out = check(tmp_path, "s_bad", body)
    found = set(re.findall(r"\((httpi18n\.[EW]\d{3})\)", out))
    assert found == ids, out


def test_check_views_without_the_app(tmp_path: Path) -> None:
    """Handlers and CSRF_FAILURE_VIEW name the views, the app is missing: E001 (and E002)."""
    out = check(tmp_path, "s_noapp", "INSTALLED_APPS = []\nTEMPLATES = [dict(TEMPLATES[0], DIRS=[])]\n",
                "import httpi18n.django\nfrom django.core.management import call_command\ncall_command('check')\n")
    assert "httpi18n.E001" in out and "httpi18n.E002" in out, out


def test_broken_override_falls_back_to_the_built_in_page(tmp_path: Path) -> None:
    """A template override that fails to render gives the built-in page (and a logged error)."""
    (tmp_path / "tpl" / "httpi18n").mkdir(parents=True)
    (tmp_path / "tpl" / "httpi18n" / "error.html").write_text("{% load no_such_library %}", encoding="utf-8")
    body = (f"TEMPLATES = [dict(TEMPLATES[0], DIRS=[{str(tmp_path / 'tpl')!r}])]\n"
            "ALLOWED_HOSTS = ['testserver']\n")
    code = ("from django.test import Client\n"
            "r = Client().get('/ja/nowhere')\n"
            "print('STATUS', r.status_code, r.headers['Content-Language'])\n"
            "print('BODY', r.content.decode())\n")
    out = check(tmp_path, "s_broken", body, code)
    assert "STATUS 404 ja" in out, out
    assert f"<h1>{localized(404, 'ja')}</h1>" in out and "failed to render" in out
