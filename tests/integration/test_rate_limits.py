"""Password guessing and password-reset mail are limited (issue #10): django-axes locks a
username + client address out after AXES_FAILURE_LIMIT wrong passwords, on Oscar's login, the
Django admin and the Wagtail admin; password reset counts per address and per e-mail."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-horse-9-battery"
LOCKED_TEXT = "Sign-in for this account from your network is paused after several wrong passwords"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shopper():
    return get_user_model().objects.create_user(
        username="lin", email="lin@example.com", password=PASSWORD
    )


@pytest.fixture
def staff():
    return get_user_model().objects.create_user(
        username="admin",
        email="admin@shop.example.com",
        password=PASSWORD,
        is_staff=True,
        is_superuser=True,
    )


def oscar_login(client, email, password, ip="203.0.113.7", **headers):
    return client.post(
        "/en/accounts/login/",
        {"login-username": email, "login-password": password, "login_submit": "1"},
        REMOTE_ADDR=ip,
        headers=headers,
    )


def logged_in(client):
    return "_auth_user_id" in client.session


def test_wrong_passwords_lock_the_login_even_with_the_right_password(client, settings, shopper):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for _attempt in range(limit - 1):
        assert oscar_login(client, shopper.email, "wrong").status_code == 200
    locked = oscar_login(client, shopper.email, "wrong")
    assert locked.status_code == 429
    retry = oscar_login(client, shopper.email, PASSWORD)
    assert retry.status_code == 429
    page = retry.content.decode()
    assert LOCKED_TEXT in page
    assert "Please try again in 15 minutes." in page
    assert '<html lang="en"' in page  # Oscar's layout in the request's language
    assert not logged_in(client)


def test_the_right_password_works_below_the_limit_and_clears_the_failures(
    client, settings, shopper
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        oscar_login(client, shopper.email, "wrong")
    assert oscar_login(client, shopper.email, PASSWORD).status_code == 302
    assert logged_in(client)
    client.logout()
    # AXES_RESET_ON_SUCCESS: the earlier failures no longer count
    assert oscar_login(client, shopper.email, "wrong").status_code == 200
    assert oscar_login(client, shopper.email, PASSWORD).status_code == 302


def test_lockout_is_per_username_and_address(client, settings, shopper):
    other = get_user_model().objects.create_user(
        username="wang", email="wang@example.com", password=PASSWORD
    )
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        oscar_login(client, shopper.email, "wrong", ip="203.0.113.7")
    assert oscar_login(client, shopper.email, PASSWORD, ip="203.0.113.7").status_code == 429
    # the same account from another address, another account from the same address
    assert oscar_login(client, shopper.email, PASSWORD, ip="198.51.100.2").status_code == 302
    client.logout()
    assert oscar_login(client, other.email, PASSWORD, ip="203.0.113.7").status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_lockout(client, settings, shopper):
    settings.SHOP_BEHIND_PROXY = False
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        oscar_login(client, shopper.email, "wrong", x_forwarded_for=f"192.0.2.{attempt}")
    retry = oscar_login(client, shopper.email, PASSWORD, x_forwarded_for="192.0.2.99")
    assert retry.status_code == 429


def test_behind_the_proxy_the_forwarded_address_is_the_client(client, settings, shopper):
    settings.SHOP_BEHIND_PROXY = True
    proxy = "10.0.0.2"
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        oscar_login(client, shopper.email, "wrong", ip=proxy, x_forwarded_for="203.0.113.7")
    locked = oscar_login(client, shopper.email, PASSWORD, ip=proxy, x_forwarded_for="203.0.113.7")
    assert locked.status_code == 429
    # another shopper behind the same proxy is not locked out with them
    other = oscar_login(client, shopper.email, PASSWORD, ip=proxy, x_forwarded_for="198.51.100.2")
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("url", "username_field"),
    [("/django-admin/login/", "username"), ("/cms-admin/login/", "username")],
)
def test_admin_logins_are_locked_too(client, settings, staff, url, username_field):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {username_field: staff.username, "password": "wrong"})
    retry = client.post(url, {username_field: staff.username, "password": PASSWORD})
    assert retry.status_code == 429
    # admin URLs have no language prefix: the page is in the default language (zh-hans)
    assert 'id="login-locked-out"' in retry.content.decode()
    assert not logged_in(client)


def test_registration_still_signs_the_new_shopper_in(client):
    response = client.post(
        "/en/accounts/login/",
        {
            "registration-email": "new@example.com",
            "registration-password1": PASSWORD,
            "registration-password2": PASSWORD,
            "registration_submit": "1",
        },
    )
    assert response.status_code == 302
    assert logged_in(client)
    assert get_user_model().objects.filter(email="new@example.com").exists()


def reset(client, email, ip="203.0.113.7"):
    return client.post("/en/password-reset/", {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_over_the_limit_per_email_sends_no_mail(client, settings, shopper):
    limit = settings.SHOP_PASSWORD_RESET_LIMIT_PER_EMAIL
    for attempt in range(limit):
        response = reset(client, shopper.email, ip=f"198.51.100.{attempt}")
        assert response.status_code == 302
    assert len(mail.outbox) == limit
    refused = reset(client, shopper.email.upper(), ip="198.51.100.200")
    assert refused.status_code == 429
    assert len(mail.outbox) == limit
    page = refused.content.decode()
    assert "Too many password reset e-mails were requested. No e-mail was sent" in page


def test_password_reset_over_the_limit_per_address_sends_no_mail(client, settings):
    settings.SHOP_PASSWORD_RESET_LIMIT_PER_IP = 3
    users = [
        get_user_model().objects.create_user(
            username=f"u{n}", email=f"u{n}@example.com", password=PASSWORD
        )
        for n in range(4)
    ]
    for user in users[:3]:
        assert reset(client, user.email).status_code == 302
    assert len(mail.outbox) == 3
    assert reset(client, users[3].email).status_code == 429
    assert len(mail.outbox) == 3
    # another address may still ask
    assert reset(client, users[3].email, ip="198.51.100.9").status_code == 302
    assert len(mail.outbox) == 4


def test_varying_the_letter_case_or_the_login_name_does_not_add_attempts(client, settings, shopper):
    typed = [
        "lin@example.com",
        "LIN@example.com",
        "Lin@Example.com",
        "liN@example.com",
        "lIn@example.COM",
    ]
    for login in typed[: settings.AXES_FAILURE_LIMIT]:
        oscar_login(client, login, "wrong")
    assert oscar_login(client, shopper.email, PASSWORD).status_code == 429
    # the Django admin by username: the same account, so locked as well
    admin = client.post(
        "/django-admin/login/", {"username": "lin", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    assert admin.status_code == 429
