"""No phone number in clear on Oscar's addresses (issue #10).

The consignee's phone belongs on the customs declarations, encrypted. An order's shipping-address
phone is copied into its declarations where they have none, then Oscar's clear-text copies in
``order_shippingaddress`` and ``address_useraddress`` are cleared (shop/core/privacy.py keeps them
empty from now on). Not reversible: the clear values are not kept anywhere.
"""

from django.db import migrations


def _normalised(phone: str) -> str:
    from django.core.exceptions import ValidationError

    from shop.core.identity import validate_mainland_mobile

    try:
        return validate_mainland_mobile(phone)
    except ValidationError:
        return phone


def move_phones(apps, schema_editor):
    ShippingAddress = apps.get_model("order", "ShippingAddress")
    UserAddress = apps.get_model("address", "UserAddress")
    Order = apps.get_model("order", "Order")
    Declaration = apps.get_model("shop_customs", "Declaration")

    with_phone = ShippingAddress.objects.exclude(phone_number="").exclude(phone_number__isnull=True)
    for address in with_phone.iterator():
        phone = _normalised(str(address.phone_number))
        orders = Order.objects.filter(shipping_address=address).values_list("pk", flat=True)
        for declaration in Declaration.objects.filter(order__in=list(orders)):
            if not declaration.consignee_phone:
                declaration.consignee_phone = phone
                declaration.save(update_fields=["consignee_phone"])
    with_phone.update(phone_number="")
    UserAddress.objects.exclude(phone_number="").exclude(phone_number__isnull=True).update(
        phone_number=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("shop_customs", "0004_alter_declaration_status"),
        ("order", "0021_billingaddress_code_shippingaddress_code"),
        ("address", "0007_useraddress_code"),
    ]

    operations = [migrations.RunPython(move_phones, migrations.RunPython.noop)]
