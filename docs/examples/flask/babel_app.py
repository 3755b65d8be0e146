"""A Flask app whose language is chosen by Flask-Babel; the error pages follow it.

Run it: ``waitress-serve babel_app:app``.
"""

from flask import Flask, abort, request
from flask_babel import Babel

from httpi18n.flask import LocalizedErrors


def select_locale() -> str | None:
    """``?lang=`` first, then the ``lang`` cookie, then the best match for Accept-Language."""
    return (request.args.get("lang") or request.cookies.get("lang")
            or request.accept_languages.best_match(["en", "fr", "ja", "zh_CN", "zh_TW"]))


app = Flask(__name__)
babel = Babel(app, locale_selector=select_locale)
# The selector reads a cookie: caches must keep one copy per cookie, too.
LocalizedErrors(app, vary=("Cookie",))


@app.get("/")
def home() -> str:
    return "Welcome"


@app.get("/private")
def private() -> str:
    abort(403)
