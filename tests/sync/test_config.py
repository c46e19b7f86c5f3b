"""The kiosk.toml of DATA.md: read into a typed config; every bad value named with its file and key."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.config import CentralLink, ConfigError, KioskConfig, load_config

GOOD = """
[post]
code = "GUZ"

[kiosk]
id = "hall-1"
cache = "cache.db"

[central]
url = "https://central.post.example:8443"
ca = "tls/ca.pem"
cert = "tls/hall-1.pem"
key = "tls/hall-1.key"

[printer]
name = "Hall-1-Laser"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_data_md_example_reads_into_a_typed_config(tmp_path):
    path = _write(tmp_path, GOOD)
    tls = (tmp_path / "tls").resolve()
    assert load_config(path) == KioskConfig(
        path=path, post_code="GUZ", kiosk_id="hall-1", cache_path=(tmp_path / "cache.db").resolve(),
        central_url="https://central.post.example:8443", printer="Hall-1-Laser",
        link=CentralLink(("https://central.post.example:8443",), tls / "ca.pem", tls / "hall-1.pem", tls / "hall-1.key"),
    )


def test_the_tls_key_named_as_a_credential_is_read_where_systemd_decrypted_it(tmp_path, monkeypatch):
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path / "creds"))
    config = load_config(_write(tmp_path, GOOD.replace('key = "tls/hall-1.key"', 'key = "credential:kiosk-tls-key"')))
    assert config.link.key == tmp_path / "creds" / "kiosk-tls-key"


def test_cache_and_printer_are_optional(tmp_path):
    text = GOOD.replace('cache = "cache.db"\n', "").replace('[printer]\nname = "Hall-1-Laser"\n', "")
    config = load_config(_write(tmp_path, text))
    assert config.printer is None
    assert config.cache_path.name == "cache-hall-1.db"


@pytest.mark.parametrize("url", ["postgresql+psycopg://kiosk:s3cret@db.post.example/kiosk",
                                 "postgresql+psycopg://kiosk@db.post.example/kiosk", "sqlite:///central.db",
                                 "http://central.post.example"])
def test_a_database_url_or_plain_http_is_refused_saying_what_to_configure(tmp_path, url):
    path = _write(tmp_path, GOOD.replace("https://central.post.example:8443", url))
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(path) in str(err.value) and err.value.key == "[central] url"
    assert 'url = "https://HOST:PORT"' in err.value.reason and "ca, cert and key" in err.value.reason
    assert "s3cret" not in str(err.value)


@pytest.mark.parametrize(("old", "new", "key", "reason"), [
    ('code = "GUZ"', 'code = "GUANGZHOU"', "[post] code", "three-letter"),
    ('id = "hall-1"', 'id = "hall 1/../x"', "[kiosk] id", "letters, digits"),
    ('id = "hall-1"', "id = 7", "[kiosk] id", "non-empty string"),
    ('url = "https://central.post.example:8443"', 'url = "not a url"', "[central] url", "only through the central service"),
    ('url = "https://central.post.example:8443"', 'url = "https://central/api"', "[central] url", "https://HOST[:PORT]"),
    ("[central]\n", "[centrale]\n", "[central] url", "no [central] section"),
    ('key = "tls/hall-1.key"', 'key = "credential:../x"', "[central] key", "name a credential"),
])  # fmt: skip
def test_each_bad_value_names_file_key_and_reason(tmp_path, old, new, key, reason):
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert err.value.key == key and reason in err.value.reason and str(path) in str(err.value)


def test_broken_toml_and_missing_file_name_the_file(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(_write(tmp_path, "[post\ncode = 1"))
    with pytest.raises(ConfigError, match="no such configuration file") as err:
        load_config(tmp_path / "absent.toml")
    assert "absent.toml" in str(err.value)


def test_a_fifo_a_device_a_folder_or_a_huge_file_is_refused_at_once(tmp_path):
    """A FIFO blocked `kiosk --config` forever, and /dev/zero filled memory."""
    fifo, zero, folder, huge = (tmp_path / n for n in ("fifo.toml", "zero.toml", "folder.toml", "huge.toml"))
    os.mkfifo(fifo)
    zero.symlink_to("/dev/zero")
    folder.mkdir()
    with open(huge, "wb") as f:
        f.truncate(2 * 1024**3)  # sparse
    for path, says in ((fifo, "a FIFO"), (zero, "a character device"), (folder, "a directory"),
                       (huge, "larger than the limit of 1,048,576 bytes")):
        with pytest.raises(ConfigError, match="cannot read it") as refused:
            load_config(path)
        assert says in str(refused.value)


def test_default_path_is_in_the_platform_config_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "consular-kiosk").mkdir()
    (tmp_path / "consular-kiosk" / "kiosk.toml").write_text(GOOD, encoding="utf-8")
    assert load_config().kiosk_id == "hall-1"


def test_the_scanner_is_named_by_its_sane_device_with_a_timeout_a_page(tmp_path):
    from kiosk.config import ScannerSettings

    assert load_config(_write(tmp_path, GOOD)).scanner is None  # no [scanner]: the scan step is skipped
    config = load_config(_write(tmp_path, GOOD + '\n[scanner]\ndevice = "test"\ntimeout = 30\n'))
    assert config.scanner == ScannerSettings("test", 30)
    assert load_config(_write(tmp_path, GOOD + '\n[scanner]\ndevice = "fujitsu:fi-7160:1"\n')).scanner == \
        ScannerSettings("fujitsu:fi-7160:1", 90)
    with pytest.raises(ConfigError) as err:
        load_config(_write(tmp_path, GOOD + '\n[scanner]\ndevice = "test"\ntimeout = "soon"\n'))
    assert err.value.key == "[scanner] timeout" and "5 to 600" in err.value.reason
