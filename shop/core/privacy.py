"""No phone number is stored in clear on Oscar's addresses (issue #10).

Oscar's address models keep ``phone_number`` as plain text, and its forms (checkout, address
book, the dashboard's shipping-address edit) all add the field. The consignee's phone is asked for
in the real-name checkout step and stored encrypted on each customs declaration
(``Declaration.consignee_phone``); Oscar's copy is cleared before every save, whatever form or
code wrote it.
"""

from django.db.models.signals import pre_save
from oscar.core.loading import get_model

# (app label, model) of Oscar's addresses that carry a phone number
ADDRESS_MODELS_WITH_PHONE = (("order", "ShippingAddress"), ("address", "UserAddress"))


def _clear_phone(sender, instance, **kwargs):
    if instance.phone_number:
        instance.phone_number = ""


def connect():
    for app_label, model_name in ADDRESS_MODELS_WITH_PHONE:
        pre_save.connect(
            _clear_phone,
            sender=get_model(app_label, model_name),
            dispatch_uid=f"shop.core.privacy.clear_phone.{app_label}.{model_name}",
        )
