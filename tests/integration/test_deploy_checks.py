from django.core import checks


def deploy_check_ids():
    return {message.id for message in checks.run_checks(include_deployment_checks=True)}


def test_deploy_checks_refuse_embedded_backends_demo_codes_and_missing_keys(settings):
    settings.SHOP_ENCRYPTION_KEYS = []
    ids = deploy_check_ids()
    assert "integrations.E001" in ids  # the folder exchange is the embedded transport
    assert "integrations.W001" in ids  # database search: acceptable, but said
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
