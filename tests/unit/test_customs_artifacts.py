"""Test artifacts (issue #10): every customs message a test builds is kept, signed when it was
signed, in test-artifacts/customs-messages/<test>/<kind>-<guid>.xml (tests/conftest.py)."""

import os
import re

import pytest
from lxml import etree

from integrations.customs.messages import build_message, new_guid, validate
from tests.conftest import ARTIFACTS
from tests.unit.test_customs_simulator import SIGNER, make_set


@pytest.mark.skipif(os.environ.get("SHOP_TEST_ARTIFACTS") == "0", reason="artifacts turned off")
def test_built_and_signed_messages_are_kept_per_test(request):
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-180:]
    data = make_set()
    unsigned_guid, signed_guid = new_guid(), new_guid()
    build_message("CEB311", data, guid=unsigned_guid)
    signed = SIGNER.sign(build_message("CEB621", data, guid=signed_guid, check=False))
    validate(signed)
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted([f"CEB311-{unsigned_guid}.xml", f"CEB621-{signed_guid}.xml"])
    kept = (folder / f"CEB621-{signed_guid}.xml").read_bytes()
    assert kept == signed  # the signed message, byte for byte
    assert etree.fromstring(kept).find("{http://www.w3.org/2000/09/xmldsig#}Signature") is not None


def test_the_artifact_folder_is_git_ignored():
    from pathlib import Path

    ignored = (Path(__file__).resolve().parents[2] / ".gitignore").read_text().splitlines()
    assert "test-artifacts/" in ignored
