from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def check_customs_parties_are_real(app_configs, **kwargs):
    demo = [
        key
        for key, value in settings.CUSTOMS_PARTIES.items()
        if "DEMO" in value.upper() or "演示" in value
    ]
    if demo:
        return [
            checks.Error(
                f"Customs registrations still have demo values: {', '.join(sorted(demo))}",
                hint="Set CUSTOMS_EBP_CODE, CUSTOMS_COP_CODE, CUSTOMS_DXP_ID, … to the shop's real codes.",
                id="shop_customs.E001",
            )
        ]
    return []


RETURN_FREIGHT_POLICIES = ("full_return", "always", "never")


@checks.register()
def check_return_freight_policy(app_configs, **kwargs):
    policy = settings.SHOP_RETURN_FREIGHT_REFUND
    if policy not in RETURN_FREIGHT_POLICIES:
        return [
            checks.Error(
                f"SHOP_RETURN_FREIGHT_REFUND is {policy!r}",
                hint=f"Use one of {', '.join(RETURN_FREIGHT_POLICIES)}.",
                id="shop_customs.E002",
            )
        ]
    return []
