"""Production settings pass Django's deployment checks; development never ships a secret."""

import os
import subprocess
import sys

import pytest

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-real-secret-" + "x" * 50,
    "ALLOWED_HOSTS": "uitdaagrecht.example.nl",
    "DATABASE_URL": "postgres://app@db.example.nl/uitdaagrecht",
    "DJANGO_SETTINGS_MODULE": "uitdaagrecht.conf.settings",
}


# Set by uitdaagrecht.conf.testing in this process; a production server has none of them.
TEST_ONLY = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS"}


def run(*args: str, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    return subprocess.run(
        [sys.executable, "-m", "uitdaagrecht", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy():
    result = run("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    env["UITDAAGRECHT_VAR_DIR"] = str(tmp_path)  # no key generated on this machine before
    result = run("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr  # a clear message, not a stack trace


@pytest.mark.parametrize("path", ["src/uitdaagrecht/conf/settings.py"])
def test_no_literal_secret_in_settings(path):
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / path).read_text()
    assert 'SECRET_KEY = "' not in text and "SECRET_KEY = '" not in text


def test_code_and_translation_commands_run_without_a_secret_key(tmp_path):
    """A clean checkout (CI, a reviewer) can check migrations without any key; `check` above
    still refuses."""
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    env["UITDAAGRECHT_VAR_DIR"] = str(tmp_path)
    result = run("makemigrations", "--check", "--dry-run", env=env)
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
