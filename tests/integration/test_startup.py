"""With SHOP_DEBUG off the web entry points refuse production stand-ins (issue #10), and
`check --deploy` reports the same rule: shop/core/startup.py.

Each case starts a fresh interpreter with a production-like environment built from nothing (not
this process's environment, which pytest points at the test settings)."""

import base64
import os
import secrets
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **changes):
    """Everything production needs, with fake values; ``NAME=None`` removes a variable."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "shop.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SHOP_ENCRYPTION_KEYS": "k1:" + base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "SHOP_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SHOP_ALLOWED_HOSTS": "shop.example.cn",
        "STRIPE_SECRET_KEY": "sk_test_x",
        "STRIPE_PUBLISHABLE_KEY": "pk_test_x",
        "STRIPE_WEBHOOK_SECRET": "whsec_x",
        "CUSTOMS_SIGNER_URL": "http://127.0.0.1:9/sign",
        "CUSTOMS_GATEWAY_URL": "http://127.0.0.1:9",
        "CUSTOMS_EBP_CODE": "2224960001",
        "CUSTOMS_EBP_NAME": "长白山跨境电商有限公司",
        "CUSTOMS_COP_CODE": "2224960001",
        "CUSTOMS_COP_NAME": "长白山跨境电商有限公司",
        "CUSTOMS_DXP_ID": "DXPENT0000000001",
        "CUSTOMS_AGENT_CODE": "2224980002",
        "CUSTOMS_AGENT_NAME": "珲春报关有限公司",
        "CUSTOMS_PAY_CODE": "312226T001",
        "CUSTOMS_PAY_NAME": "某支付有限公司",
    }
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run(args, env, timeout=90):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.parametrize(
    ("missing", "named"),
    [
        ({"STRIPE_SECRET_KEY": None}, "STRIPE_SECRET_KEY"),
        ({"CUSTOMS_SIGNER_URL": None}, "CUSTOMS_SIGNER_URL"),
        ({"CUSTOMS_GATEWAY_URL": None}, "CUSTOMS_EXCHANGE_FOLDER=1"),
        ({"STRIPE_WEBHOOK_SECRET": None}, "STRIPE_WEBHOOK_SECRET"),
        ({"SHOP_ENCRYPTION_KEYS": None}, "SHOP_ENCRYPTION_KEYS"),
    ],
)
def test_wsgi_refuses_each_stand_in(tmp_path, missing, named):
    result = run(["-c", "import shop.wsgi"], production_env(tmp_path, **missing))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Refusing to serve with SHOP_DEBUG off" in result.stderr
    assert named in result.stderr


def test_wsgi_lists_every_problem_at_once(tmp_path):
    env = production_env(
        tmp_path, STRIPE_SECRET_KEY=None, CUSTOMS_SIGNER_URL=None, CUSTOMS_GATEWAY_URL=None
    )
    result = run(["-c", "import shop.wsgi"], env)
    assert result.returncode != 0
    for role in ("payments", "customs_signer", "customs_transport"):
        assert f"INTEGRATIONS[{role!r}] is the embedded" in result.stderr


def test_wsgi_starts_with_everything_set(tmp_path):
    result = run(
        ["-c", "import shop.wsgi; print(type(shop.wsgi.application).__name__)"],
        production_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "WSGIHandler"


def test_folder_exchange_is_accepted_with_the_explicit_opt_in(tmp_path):
    env = production_env(tmp_path, CUSTOMS_GATEWAY_URL=None, CUSTOMS_EXCHANGE_FOLDER="1")
    result = run(["-c", "import shop.wsgi"], env)
    assert result.returncode == 0, result.stderr


def test_development_starts_on_the_stand_ins(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "SHOP_DEBUG": "1",
        "SHOP_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = run(["-c", "import shop.wsgi"], env)
    assert result.returncode == 0, result.stderr


def test_asgi_refuses_and_starts_like_wsgi(tmp_path):
    refused = run(["-c", "import shop.asgi"], production_env(tmp_path, CUSTOMS_SIGNER_URL=None))
    assert refused.returncode != 0
    assert "CUSTOMS_SIGNER_URL" in refused.stderr
    started = run(
        ["-c", "import shop.asgi; print(type(shop.asgi.application).__name__)"],
        production_env(tmp_path),
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "ASGIHandler"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_runserver_refuses_before_serving(tmp_path):
    # With the autoreloader (the default) a refusal inside the serving thread would leave the
    # process waiting for file changes: the command must refuse before it starts.
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{free_port()}"],
        cwd=ROOT,
        env=production_env(tmp_path, STRIPE_SECRET_KEY=None),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("runserver kept running with SHOP_DEBUG off on the payment sandbox")
    assert process.returncode != 0
    assert "STRIPE_SECRET_KEY" in stderr
    assert "Starting development server" not in stdout


def test_check_deploy_is_clean_on_the_full_production_environment(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(tmp_path, SHOP_HSTS_PRELOAD="1"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_only_asks_about_hsts_preload_when_it_is_off(tmp_path):
    # Preloading is an operator's decision (hard to undo), so it stays a warning.
    result = run(["manage.py", "check", "--deploy"], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "security.W021" in result.stderr
    assert "System check identified 1 issue (0 silenced)." in result.stderr
