"""Browser checkout steps shared by tests that need a placed order (the checkout test itself
walks these pages with its own error cases and screenshots)."""

from tests.factories.customs import valid_id_number


def checkout_to_payment(page, language: str) -> None:
    """From the shipping-address page: a Changchun address, the orderer's real-name details,
    the consumer notice accepted, the order placed; ends on the payment page."""
    assert "/checkout/shipping-address/" in page.url, page.url
    page.fill("#id_first_name", "王芳")
    page.fill("#id_state", "吉林省")
    page.fill("#id_line4", "长春市")
    page.fill("#id_line3", "南关区")
    page.fill("#id_line1", "人民大街 1210 号")
    page.fill("#id_postcode", "130000")
    page.locator("form#new_shipping_address button[type=submit]").click()
    page.wait_for_load_state()
    assert "/checkout/customs-identity/" in page.url, page.url
    page.fill("#id_name", "王芳")
    page.fill("#id_id_number", valid_id_number())
    page.fill("#id_phone", "13812345678")
    page.fill("#id_consignee_phone", "13900001234")
    page.locator("#customs_identity_form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/checkout/preview/" in page.url, page.url
    page.check("#accept_notice")
    page.click("#place-order")
    page.wait_for_load_state()
    assert f"/{language}/payments/" in page.url, page.url
