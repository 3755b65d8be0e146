"""The deployment files under deploy/edge: valid YAML with the fields each controller needs.

Kubernetes, Traefik and docker-compose cannot run here; these tests check
what they would read.  The command lines in them are parsed by the real
``python -m httpi18n.edge`` parser, and the status lists are checked against
the service's.
"""

from __future__ import annotations

import configparser
import os
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from httpi18n.edge.cli import parser
from httpi18n.edge.pages import parse_statuses

DEPLOY = Path(__file__).resolve().parent.parent / "deploy" / "edge"


def load(name: str) -> list[dict[str, Any]]:
    try:
        import yaml
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("pyyaml is missing, and CI=true: the manifest tests must run", pytrace=False)
        pytest.skip("pyyaml not installed")
    return [d for d in yaml.safe_load_all((DEPLOY / name).read_text(encoding="utf-8")) if d is not None]


def kinds(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {d["kind"]: d for d in docs}


def serve_args(args: list[str]) -> Any:
    """Parse a container's arguments as the image's ENTRYPOINT does."""
    entry = re.search(r"ENTRYPOINT (\[.*\])", (DEPLOY / "Dockerfile").read_text())
    assert entry is not None
    import json

    command = json.loads(entry[1])
    assert command[:3] == ["python", "-m", "httpi18n.edge"]
    return parser().parse_args([*command[3:], *args])


def test_dockerfile_runs_the_service_unprivileged() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    assert "USER 65534:65534" in text and "EXPOSE 8080" in text
    assert serve_args(["8080"]).port == 8080 and serve_args([]).quiet


def test_kubernetes_deployment_and_service() -> None:
    docs = kinds(load("kubernetes/errors.yaml"))
    deploy, service = docs["Deployment"], docs["Service"]
    assert deploy["apiVersion"] == "apps/v1" and service["apiVersion"] == "v1"
    labels = deploy["spec"]["template"]["metadata"]["labels"]
    assert deploy["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert service["spec"]["selector"].items() <= labels.items()
    assert deploy["metadata"]["namespace"] == service["metadata"]["namespace"] == docs["Namespace"]["metadata"]["name"]
    (container,) = deploy["spec"]["template"]["spec"]["containers"]
    args = serve_args(container["args"])
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports["http"] == args.port and args.show_request_id
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert service["spec"]["ports"][0]["targetPort"] in ports
    assert container["securityContext"]["readOnlyRootFilesystem"] is True


def test_ingress_nginx_configmap_annotations_and_values() -> None:
    docs = load("kubernetes/ingress-nginx.yaml")
    config = kinds(docs)["ConfigMap"]
    assert config["metadata"] == {"name": "ingress-nginx-controller", "namespace": "ingress-nginx"}
    parse_statuses(config["data"]["custom-http-errors"])  # every code a 4xx/5xx the service renders
    ingress = kinds(docs)["Ingress"]
    assert ingress["apiVersion"] == "networking.k8s.io/v1"
    notes = ingress["metadata"]["annotations"]
    parse_statuses(notes["nginx.ingress.kubernetes.io/custom-http-errors"])
    service = kinds(load("kubernetes/errors.yaml"))["Service"]["metadata"]["name"]
    assert notes["nginx.ingress.kubernetes.io/default-backend"] == service
    assert "--default-backend-service=httpi18n/httpi18n-errors" in (DEPLOY / "kubernetes/ingress-nginx.yaml").read_text()
    (values,) = load("kubernetes/ingress-nginx-values.yaml")
    parse_statuses(values["controller"]["config"]["custom-http-errors"])
    backend = values["defaultBackend"]
    assert backend["enabled"] is True and backend["port"] == serve_args([]).port
    assert set(backend["image"]) == {"registry", "image", "tag"}


def test_traefik_middleware() -> None:
    docs = kinds(load("kubernetes/traefik.yaml"))
    middleware, route = docs["Middleware"], docs["IngressRoute"]
    assert middleware["apiVersion"] == route["apiVersion"] == "traefik.io/v1alpha1"
    errors = middleware["spec"]["errors"]
    assert errors["query"] == "/{status}"  # the service's GET /404
    for spec in errors["status"]:
        parse_statuses(spec)
    errors_service = kinds(load("kubernetes/errors.yaml"))["Service"]
    assert errors["service"]["name"] == errors_service["metadata"]["name"]
    assert errors["service"]["port"] == errors_service["spec"]["ports"][0]["port"]
    assert {"name": middleware["metadata"]["name"]} in route["spec"]["routes"][0]["middlewares"]
    assert route["metadata"]["namespace"] == middleware["metadata"]["namespace"]


def test_docker_compose() -> None:
    (compose,) = load("compose/docker-compose.yml")
    services = compose["services"]
    assert {"errors", "nginx", "app"} <= set(services)
    errors = services["errors"]
    assert (DEPLOY / "compose" / errors["build"]["context"] / errors["build"]["dockerfile"]).resolve() == (
        DEPLOY / "Dockerfile").resolve()
    args = serve_args(errors["command"])
    assert "/healthz" in " ".join(errors["healthcheck"]["test"]) and str(args.port) in " ".join(errors["healthcheck"]["test"])
    nginx = services["nginx"]
    assert nginx["depends_on"]["errors"]["condition"] == "service_healthy"
    mounts = {v.split(":")[1] for v in nginx["volumes"]}
    conf = (DEPLOY / "compose" / "nginx.conf").read_text()
    includes = re.findall(r"include (\S+);", conf)
    assert includes and all(any(inc.startswith(m) for m in mounts) for inc in includes)
    assert f"http://errors:{args.port}" in compose_comment(DEPLOY / "compose" / "docker-compose.yml")


def compose_comment(path: Path) -> str:
    return "\n".join(line for line in path.read_text().splitlines() if line.startswith("#"))


def test_systemd_unit() -> None:
    unit = configparser.ConfigParser(strict=True, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(DEPLOY / "systemd" / "httpi18n-errors.service")
    assert {"Unit", "Service", "Install"} <= set(unit.sections())
    exec_start = shlex.split(unit["Service"]["ExecStart"])
    assert exec_start[1:4] == ["-m", "httpi18n.edge", "serve"]
    args = parser().parse_args(exec_start[3:])
    assert args.bind == "127.0.0.1" and args.port == 8080  # where the generated proxy configs look
    assert unit["Service"]["DynamicUser"] == "yes" and unit["Install"]["WantedBy"] == "multi-user.target"
