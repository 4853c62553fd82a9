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
