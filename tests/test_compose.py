"""docker-compose.yml, checked without Docker (no images can be pulled here): the services the
production profile needs, pinned images, data on volumes, health checks, and environment
names that are settings naskah reads (a misspelt NASKAH_ variable is silently ignored)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from search_api.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
# A release, not a moving tag: PostgreSQL numbers releases major.minor (15.10), Meilisearch
# vMAJOR.MINOR.PATCH (its v1.13 moves with every patch).
PINNED = {
    "postgres": re.compile(r"^postgres:\d+\.\d+(-[a-z]+)?$"),
    "meilisearch": re.compile(r"^getmeili/meilisearch:v\d+\.\d+\.\d+$"),
}
REFERENCE = re.compile(r"\$\{(\w+)(:\?[^}]*)?\}")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = compose["services"]
    return found


def environment(service: dict[str, Any], values: dict[str, str]) -> dict[str, str]:
    """The service's environment with ${VAR} and ${VAR:?why} replaced as compose does;
    KeyError for a variable `values` lacks."""
    return {
        key: REFERENCE.sub(lambda m: values[m.group(1)], str(value))
        for key, value in service["environment"].items()
    }


def mounts(service: dict[str, Any]) -> dict[str, str]:
    """Target folder -> named volume."""
    out = {}
    for volume in service["volumes"]:
        source, target = volume.split(":")[:2]
        out[target] = source
    return out


def test_compose_has_postgresql_meilisearch_the_web_app_and_a_worker(
    compose: dict[str, Any],
) -> None:
    assert {"postgres", "meilisearch", "web", "worker"} <= set(services(compose))
    web, worker = services(compose)["web"], services(compose)["worker"]
    assert web["command"][:2] == ["naskah", "serve"]
    assert worker["command"] == ["naskah", "worker"]
    for name in ("web", "worker"):
        needs = services(compose)[name]["depends_on"]
        assert needs["postgres"]["condition"] == "service_healthy"
        assert needs["meilisearch"]["condition"] == "service_healthy"


def test_images_are_pinned_and_postgresql_matches_the_apps_pg_dump(
    compose: dict[str, Any],
) -> None:
    for name, pinned in PINNED.items():
        image = services(compose)[name]["image"]
        assert pinned.match(image), f"{name}: {image} is not pinned to a release"
    # pg_dump refuses a server newer than itself: the app's image has Debian bookworm's (15)
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "bookworm" in dockerfile and "postgresql-client" in dockerfile
    assert services(compose)["postgres"]["image"].split(":")[1].startswith("15.")


def test_every_service_has_a_health_check(compose: dict[str, Any]) -> None:
    for name, service in services(compose).items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"
    worker = services(compose)["worker"]
    alive = worker["environment"]["NASKAH_WORKER_ALIVE_FILE"]
    assert alive in " ".join(worker["healthcheck"]["test"])


def test_data_lives_on_named_volumes_shared_where_it_must_be(compose: dict[str, Any]) -> None:
    declared = set(compose["volumes"])
    pg, meili = services(compose)["postgres"], services(compose)["meilisearch"]
    web, worker = services(compose)["web"], services(compose)["worker"]
    assert mounts(pg)["/var/lib/postgresql/data"] in declared
    assert mounts(meili)["/meili_data"] in declared
    # the originals: written by the worker, served by the web app
    assert mounts(web)["/data"] == mounts(worker)["/data"] in declared
    backups = worker["environment"]["NASKAH_BACKUP_DIR"]
    assert mounts(worker)[backups] in declared
    assert mounts(web)[backups] == mounts(worker)[backups]


def test_the_environment_names_are_naskah_settings_and_secrets_are_required(
    compose: dict[str, Any],
) -> None:
    values = {"NASKAH_DB_PASSWORD": "pw", "NASKAH_MEILI_KEY": "key"}
    for name in ("web", "worker"):
        service = services(compose)[name]
        env = environment(service, values)
        unknown = {
            key
            for key in env
            if key.startswith("NASKAH_") and key[7:].lower() not in Settings.model_fields
        }
        assert not unknown, f"{name}: {unknown} are not settings (search_api/settings.py)"
        settings = Settings.model_validate({k[7:].lower(): v for k, v in env.items()})
        assert settings.effective_database_url.startswith("postgresql+psycopg://naskah:pw@postgres")
        assert settings.meili_url == "http://meilisearch:7700"
        assert settings.meili_key is not None and settings.meili_key.get_secret_value() == "key"
        # the secrets come from the environment, and compose stops without them
        for secret in values:
            with pytest.raises(KeyError):
                environment(service, {k: v for k, v in values.items() if k != secret})
    web = Settings.model_validate(
        {k[7:].lower(): v for k, v in environment(services(compose)["web"], values).items()}
    )
    worker = Settings.model_validate(
        {k[7:].lower(): v for k, v in environment(services(compose)["worker"], values).items()}
    )
    assert web.workers == 0  # the web process reads no file: the worker does
    assert worker.worker_nice > 0
    meili = environment(services(compose)["meilisearch"], values)
    assert meili["MEILI_MASTER_KEY"] == "key"
    pg = environment(services(compose)["postgres"], values)
    assert pg["POSTGRES_PASSWORD"] == "pw"
