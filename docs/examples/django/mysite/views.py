"""Views of the example project: one page, and one way to reach each error view."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse


def home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Welcome")


def private(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied  # → handler403


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")  # → handler500


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("odd request")  # → handler400


def form(request: HttpRequest) -> HttpResponse:
    # A POST without a valid CSRF token never gets here: CsrfViewMiddleware → csrf_failure.
    return HttpResponse("Thank you" if request.method == "POST" else "<form method=post>…</form>")
