"""The central password: environment first, then the OS keyring; a clear message when there is none."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring

from kiosk import secrets
from kiosk.secrets import SecretsError, central_password, set_password, url_with_password

URL = "postgresql+psycopg://kiosk@db.post.example/kiosk"


@pytest.fixture
def restore_keyring():
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


@pytest.fixture
def file_keyring(tmp_path, restore_keyring, monkeypatch):
    monkeypatch.delenv(secrets.ENV_VAR, raising=False)
    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "keyring.cfg")  # a real file, in this test's folder only
    keyring.set_keyring(ring)
    return ring


def test_password_round_trips_through_a_file_backed_keyring(file_keyring, tmp_path):
    assert central_password(URL) is None
    assert set_password(URL, "correct horse battery staple") == "kiosk@db.post.example"
    assert central_password(URL) == "correct horse battery staple"
    assert "[consular_2Dkiosk]" in (tmp_path / "keyring.cfg").read_text()  # really written to that file


def test_environment_overrides_the_keyring(file_keyring, monkeypatch):
    set_password(URL, "from-keyring")
    monkeypatch.setenv(secrets.ENV_VAR, "from-env")
    assert central_password(URL) == "from-env"


def test_without_a_keyring_backend_the_message_says_what_to_install(restore_keyring, monkeypatch):
    monkeypatch.delenv(secrets.ENV_VAR, raising=False)
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(SecretsError) as err:
        central_password(URL)
    assert "keyrings.alt" in str(err.value) and "gnome-keyring" in str(err.value) and secrets.ENV_VAR in str(err.value)
    with pytest.raises(SecretsError, match="keyrings.alt"):
        set_password(URL, "x")


def test_the_connection_url_gets_the_password_only_in_memory():
    assert url_with_password(URL, "p@ss/word") == "postgresql+psycopg://kiosk:p%40ss%2Fword@db.post.example/kiosk"
    assert url_with_password(URL, None) == URL
