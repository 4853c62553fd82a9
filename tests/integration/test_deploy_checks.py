from django.core import checks


def deploy_check_ids():
    return {message.id for message in checks.run_checks(include_deployment_checks=True)}


def test_deploy_checks_refuse_embedded_backends_demo_codes_and_missing_keys(settings):
    settings.SHOP_ENCRYPTION_KEYS = []
    ids = deploy_check_ids()
    assert "integrations.E001" in ids  # the folder exchange is the embedded transport
    assert "integrations.W001" not in ids  # database search: acceptable on PostgreSQL, no warning
    assert "shop_customs.E001" in ids  # demo customs registrations
    assert "shop_core.E001" in ids  # no encryption key


def test_real_configuration_passes_those_checks(settings):
    settings.CUSTOMS_PARTIES = {key: "2224960001" for key in settings.CUSTOMS_PARTIES}
    settings.INTEGRATIONS = {
        **settings.INTEGRATIONS,
        "customs_transport": {
            "BACKEND": "integrations.customs.transport.http.HttpGateway",
            "OPTIONS": {"base_url": "http://127.0.0.1:9"},
        },
        "customs_signer": {
            "BACKEND": "integrations.customs.signing.HttpSigner",
            "OPTIONS": {"url": "http://127.0.0.1:9/sign"},
        },
        "payments": {
            "BACKEND": "integrations.payments.stripe_gateway.StripeGateway",
            "OPTIONS": {
                "secret_key": "sk_live_x",
                "publishable_key": "pk_live_x",
                "webhook_secret": "whsec_x",
            },
        },
    }
    ids = deploy_check_ids()
    assert not ids & {"integrations.E001", "shop_customs.E001", "shop_core.E001"}


def test_the_development_signer_is_refused_in_production(settings):
    settings.INTEGRATIONS = {
        **settings.INTEGRATIONS,
        "customs_transport": {
            "BACKEND": "integrations.customs.transport.http.HttpGateway",
            "OPTIONS": {"base_url": "http://127.0.0.1:9"},
        },
    }
    errors = [
        m for m in checks.run_checks(include_deployment_checks=True) if m.id == "integrations.E001"
    ]
    assert [m.msg for m in errors if "customs_signer" in m.msg]


def test_check_deploy_and_the_start_up_refusal_apply_one_rule(settings):
    from shop.core.startup import production_problems

    settings.SHOP_ENCRYPTION_KEYS = []
    refused = {(p.id, p.msg) for p in production_problems()}
    reported = {
        (m.id, m.msg) for m in checks.run_checks(include_deployment_checks=True) if m.is_serious()
    }
    assert refused  # the test settings run on the stand-ins
    assert refused <= reported


def test_folder_exchange_needs_the_explicit_opt_in(settings):
    def transport_errors():
        return [
            m
            for m in checks.run_checks(include_deployment_checks=True)
            if m.id == "integrations.E001" and "customs_transport" in m.msg
        ]

    assert "CUSTOMS_EXCHANGE_FOLDER=1" in transport_errors()[0].hint
    settings.CUSTOMS_EXCHANGE_FOLDER = True
    assert transport_errors() == []


def test_stripe_without_webhook_secret_is_refused(settings):
    stripe = {
        "BACKEND": "integrations.payments.stripe_gateway.StripeGateway",
        "OPTIONS": {
            "secret_key": "sk_test_x",
            "publishable_key": "pk_test_x",
            "webhook_secret": "",
        },
    }
    settings.INTEGRATIONS = {**settings.INTEGRATIONS, "payments": stripe}
    errors = [
        m for m in checks.run_checks(include_deployment_checks=True) if m.id == "integrations.E002"
    ]
    assert errors
    assert "STRIPE_WEBHOOK_SECRET" in errors[0].hint
    stripe["OPTIONS"]["webhook_secret"] = "whsec_x"
    settings.INTEGRATIONS = {**settings.INTEGRATIONS, "payments": stripe}
    assert "integrations.E002" not in deploy_check_ids()
