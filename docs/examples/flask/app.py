"""A Flask app with localized error pages (no Flask-Babel: the language comes from Accept-Language).

Run it: ``waitress-serve app:app`` (or ``flask --app app run --debug`` to keep the debugger).
"""

from flask import Flask, abort
from werkzeug.exceptions import ServiceUnavailable

from httpi18n.flask import LocalizedErrors

app = Flask(__name__)
# HTML pages through templates/errors/page.html, which extends httpi18n/error.html.
errors = LocalizedErrors(app, template="errors/page.html")

USERS = {1: "Ada"}


@app.get("/")
def home() -> str:
    return "Welcome"


@app.get("/users/<int:number>")
def user(number: int) -> str:
    if number not in USERS:
        abort(404, description="There is no user with this number.")  # kept: shown on the page
    return USERS[number]


@app.get("/private")
def private() -> str:
    abort(403)  # Werkzeug's English description: replaced by the localized one


@app.get("/maintenance")
def maintenance() -> str:
    raise ServiceUnavailable(retry_after=120)  # Retry-After kept, and told to the reader


@app.get("/broken")
def broken() -> str:
    raise RuntimeError("a bug")  # 500 page; in debug mode, the debugger instead
