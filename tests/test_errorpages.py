"""The pure error-page renderer: formats, languages, escaping, templates."""

from __future__ import annotations

import json
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from httpi18n import localized
from httpi18n.errorpages import FORMATS, choose, render_error


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize(("lang", "tag"), [("en", "en"), ("ja", "ja"), ("fr", "fr"), ("zh_CN", "zh-CN")])
def test_html_page_in_each_language(lang: str, tag: str) -> None:
    page = render_error(404, lang)
    html = page.body.decode()
    parsed = _Collect()
    parsed.feed(html)
    assert ("html", {"lang": tag}) in parsed.tags
    assert page.language == lang
    assert dict(page.headers)["Content-Language"] == tag
    assert int(dict(page.headers)["Content-Length"]) == len(page.body)
    assert f"<h1>{localized(404, lang)}</h1>" in html
    assert localized(404, lang).description in html
    assert '<meta name="viewport"' in html


def test_problem_json() -> None:
    page = render_error(429, "fr", "application/problem+json", retry="Réessayez dans 2 minutes.")
    data = json.loads(page.body)
    assert data["type"] == "about:blank" and data["status"] == 429
    assert data["title"] == str(localized(429, "fr"))
    assert data["detail"] == localized(429, "fr").description
    assert page.content_type == "application/problem+json"


def test_plain_text() -> None:
    page = render_error(500, "ja", "text/plain", message="db down")
    text = page.body.decode()
    assert text.startswith(f"500 {localized(500, 'ja')}\n") and "db down" in text
    assert page.content_type == "text/plain; charset=utf-8"


def test_unknown_language_and_format_fall_back() -> None:
    page = render_error(404, "de", "image/png")
    assert page.language == "en" and page.content_type.startswith("text/html")


def test_unregistered_code_renders_its_class() -> None:
    data = json.loads(render_error(499, "fr", "application/problem+json").body)
    assert data["title"] == str(localized(499, "fr")) and data["status"] == 499


#: The tag sequence of the default page: reflected text must never add a tag.
DEFAULT_TAGS = ["html", "head", "meta", "meta", "title", "style", "body", "main", "p", "h1", "p", "p", "p"]

HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "</p></main>", "\u2028\u2029", '\\"', "&amp;"]


@pytest.mark.parametrize("evil", HOSTILE)
def test_reflected_text_is_escaped(evil: str) -> None:
    html = render_error(404, "en", message=evil, explain=evil).body.decode()
    assert html.count(escape(evil)) == 2
    if escape(evil) != evil:
        assert evil not in html.replace(escape(evil), "")
    problem = json.loads(render_error(404, "en", "application/problem+json", message=evil, explain=evil).body)
    assert evil in problem["detail"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from(FORMATS), st.sampled_from(["en", "ja", "fr", "zh_CN", "xx"]))
def test_any_message_renders_safely(message: str, fmt: str, lang: str) -> None:
    page = render_error(400, lang, fmt, message=message)
    if fmt == "application/problem+json":
        json.loads(page.body)
    elif fmt == "text/html":
        parsed = _Collect()
        parsed.feed(page.body.decode())
        assert [t for t, _ in parsed.tags] == DEFAULT_TAGS[: len(parsed.tags)] and len(parsed.tags) >= 9


def test_custom_templates(tmp_path: Path) -> None:
    page = render_error(404, "ja", template="<p lang=$lang>$code $title</p>")
    assert page.body.decode() == f"<p lang=ja>404 {localized(404, 'ja')}</p>"
    path = tmp_path / "t.html"
    path.write_text("[$code_label]", encoding="utf-8")
    assert "404" in render_error(404, "fr", template=path).body.decode()
    page = render_error(410, "fr", template=lambda v: f"{v['code']}|{v['lang']}")
    assert page.body == b"410|fr"


def test_choose() -> None:
    assert choose("application/json", "fr-CA") == ("fr", "application/problem+json")
    assert choose(None, None) == ("en", "text/html")
    assert choose("image/png", "ja") == ("ja", "text/html")
    assert choose("text/plain", "ja", languages=["en", "fr"]) == ("en", "text/plain")
