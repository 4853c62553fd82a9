"""StripeGateway (integrations/payments/stripe_gateway.py) against the Stripe stub
(tests/stripe_stub.py): the stripe library speaks real HTTP to a local server, never stripe.com.
No database.
"""

import json
import re
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import stripe

from integrations.payments.base import (
    CANCELED,
    FAILED,
    REQUIRES_ACTION,
    REQUIRES_PAYMENT,
    SUCCEEDED,
    PaymentError,
    WebhookSignatureInvalid,
)
from integrations.payments.stripe_gateway import StripeGateway
from tests.stripe_stub import StripeStub, stub_fixture

WEBHOOK_SECRET = "whsec_unit_test"
ALL_METHODS = ("card", "alipay", "wechat_pay")

stripe_stub = stub_fixture(webhook_secret=WEBHOOK_SECRET)


@pytest.fixture
def gateway(stripe_stub):
    return StripeGateway(**stripe_stub.gateway_kwargs(method_types=ALL_METHODS))


@pytest.fixture
def client(stripe_stub):
    """What the browser (Stripe.js) does, done with the secret key like Stripe's own tests."""
    return stripe.StripeClient(
        stripe_stub.secret_key, base_addresses={"api": stripe_stub.url}, max_network_retries=0
    )


def new_intent(gateway, key="order-100001-payment-1", amount=12_345, types=("card",), **extra):
    return gateway.create_intent(
        amount_minor=amount,
        currency="CNY",
        reference="100001",
        idempotency_key=key,
        method_types=list(types),
        metadata={"order_number": "100001", **extra},
    )


def paid_intent(gateway, stub, name="张三", amount=12_345):
    intent = new_intent(gateway, key=f"paid-{time.monotonic_ns()}", amount=amount)
    stub.confirm(intent.id, "pm_card_visa", name=name)
    return gateway.retrieve_intent(intent.id)


# -- create ------------------------------------------------------------------------------------


def test_create_intent_sends_amount_methods_metadata_and_idempotency_key(gateway, stripe_stub):
    intent = new_intent(gateway)

    assert intent.id.startswith("pi_")
    assert (intent.status, intent.raw_status) == (REQUIRES_PAYMENT, "requires_payment_method")
    assert (intent.amount_minor, intent.currency) == (12_345, "cny")
    assert intent.client_secret.startswith(f"{intent.id}_secret_")
    assert intent.metadata == {"order_number": "100001", "reference": "100001"}
    sent = stripe_stub.request_log[-1]
    assert (sent["method"], sent["path"]) == ("POST", "/v1/payment_intents")
    assert sent["idempotency_key"] == "order-100001-payment-1"
    assert sent["authorization"] == "Bearer sk_test_stub"
    assert sent["params"] == {
        "amount": "12345",
        "currency": "cny",
        "payment_method_types": ["card"],
        "metadata": {"order_number": "100001", "reference": "100001"},
        "description": "Order 100001",
    }


def test_create_intent_is_idempotent_by_key(gateway, stripe_stub):
    first = new_intent(gateway, key="order-100001-payment-1")
    again = new_intent(gateway, key="order-100001-payment-1")
    other = new_intent(gateway, key="order-100001-payment-2")

    assert again.id == first.id
    assert other.id != first.id
    assert len(stripe_stub.intents) == 2


def test_same_key_with_another_amount_is_refused_like_stripe(gateway):
    new_intent(gateway, key="order-100001-payment-1", amount=100)
    with pytest.raises(PaymentError, match="idempotent requests"):
        new_intent(gateway, key="order-100001-payment-1", amount=200)


def test_wechat_pay_gets_its_web_client_option_and_only_enabled_methods_are_sent(stripe_stub):
    gateway = StripeGateway(**stripe_stub.gateway_kwargs(method_types=("card", "wechat_pay")))
    intent = new_intent(gateway, types=["wechat_pay", "alipay", "card", "sandbox"])

    stored = stripe_stub.intents[intent.id]
    assert stored["payment_method_types"] == ["wechat_pay", "card"]
    assert stored["payment_method_options"] == {"wechat_pay": {"client": "web"}}
    everything = new_intent(gateway, key="k-all", types=[])  # nothing asked: all configured
    assert stripe_stub.intents[everything.id]["payment_method_types"] == ["card", "wechat_pay"]
    with pytest.raises(PaymentError, match="none of the payment methods"):
        new_intent(gateway, key="k-alipay", types=["alipay"])


def test_no_payment_method_options_without_wechat_pay(gateway, stripe_stub):
    new_intent(gateway, types=["card", "alipay"])
    assert "payment_method_options" not in stripe_stub.request_log[-1]["params"]


def test_amount_must_be_positive_minor_units(gateway, stripe_stub):
    with pytest.raises(PaymentError, match="positive"):
        new_intent(gateway, amount=0)
    with pytest.raises(PaymentError, match="positive"):
        new_intent(gateway, amount=12.5)
    assert stripe_stub.request_log == []


# -- confirm (what the browser does) and retrieve ------------------------------------------------


def test_card_payment_succeeds_with_the_payer_name(gateway, client, stripe_stub):
    intent = new_intent(gateway)
    client.v1.payment_intents.confirm(
        intent.id,
        {
            "payment_method_data": {
                "type": "card",
                "card": {"token": "tok_visa"},
                "billing_details": {"name": "张三"},
            }
        },
    )

    paid = gateway.retrieve_intent(intent.id)

    assert (paid.status, paid.raw_status) == (SUCCEEDED, "succeeded")
    assert paid.payer_name == "张三"
    assert paid.payment_method_type == "card"
    assert paid.latest_charge.startswith("ch_")
    assert (paid.failure_message, paid.amount_refunded_minor) == (None, 0)
    assert stripe_stub.request_log[-1]["params"] == {"expand": ["latest_charge"]}
    assert [e["type"] for e in stripe_stub.events] == ["payment_intent.succeeded"]


def test_pm_card_visa_succeeds_without_a_name(gateway, client):
    intent = new_intent(gateway)
    client.v1.payment_intents.confirm(intent.id, {"payment_method": "pm_card_visa"})

    paid = gateway.retrieve_intent(intent.id)
    assert (paid.status, paid.payer_name) == (SUCCEEDED, None)


def test_declined_card_is_failed_with_stripes_message_and_can_be_retried(
    gateway, client, stripe_stub
):
    intent = new_intent(gateway)
    with pytest.raises(stripe.CardError) as declined:
        client.v1.payment_intents.confirm(intent.id, {"payment_method": "pm_card_chargeDeclined"})
    assert declined.value.code == "card_declined"
    assert declined.value.http_status == 402

    failed = gateway.retrieve_intent(intent.id)
    assert (failed.status, failed.raw_status) == (FAILED, "requires_payment_method")
    assert failed.failure_message == "Your card was declined."
    assert failed.payer_name is None
    assert stripe_stub.latest_event()["type"] == "payment_intent.payment_failed"

    client.v1.payment_intents.confirm(intent.id, {"payment_method": "pm_card_visa"})
    retried = gateway.retrieve_intent(intent.id)
    assert (retried.status, retried.failure_message) == (SUCCEEDED, None)


def test_alipay_requires_action_then_succeeds_after_the_redirect(gateway, stripe_stub):
    intent = new_intent(gateway, types=["alipay"])
    stripe_stub.confirm(intent.id, "alipay", return_url="https://shop.test/pay/return")

    waiting = gateway.retrieve_intent(intent.id)
    assert (waiting.status, waiting.raw_status) == (REQUIRES_ACTION, "requires_action")
    action = stripe_stub.intents[intent.id]["next_action"]
    assert action["type"] == "alipay_handle_redirect"
    assert action["alipay_handle_redirect"]["return_url"] == "https://shop.test/pay/return"

    stripe_stub.complete_redirect(intent.id, succeed=True, name="李四")
    paid = gateway.retrieve_intent(intent.id)
    assert (paid.status, paid.payment_method_type, paid.payer_name) == (SUCCEEDED, "alipay", "李四")


def test_failed_alipay_redirect_is_failed(gateway, stripe_stub):
    intent = new_intent(gateway, types=["alipay"])
    stripe_stub.confirm(intent.id, "alipay")
    stripe_stub.complete_redirect(intent.id, succeed=False)

    failed = gateway.retrieve_intent(intent.id)
    assert failed.status == FAILED
    assert "failed authentication" in failed.failure_message


def test_wechat_pay_shows_a_qr_code(gateway, stripe_stub):
    intent = new_intent(gateway, types=["wechat_pay"])
    stripe_stub.confirm(intent.id, "wechat_pay")

    assert gateway.retrieve_intent(intent.id).status == REQUIRES_ACTION
    assert stripe_stub.intents[intent.id]["next_action"]["type"] == "wechat_pay_display_qr_code"
    stripe_stub.complete_redirect(intent.id)
    assert gateway.retrieve_intent(intent.id).payment_method_type == "wechat_pay"


def test_a_method_the_intent_does_not_allow_is_refused(gateway, client):
    intent = new_intent(gateway, types=["card"])
    with pytest.raises(stripe.InvalidRequestError, match="not allowed"):
        client.v1.payment_intents.confirm(
            intent.id, {"payment_method_data": {"type": "alipay"}, "return_url": "https://x.test/"}
        )
    assert gateway.retrieve_intent(intent.id).status == REQUIRES_PAYMENT


# -- cancel ------------------------------------------------------------------------------------


def test_cancel_an_open_intent(gateway, stripe_stub):
    intent = new_intent(gateway)

    canceled = gateway.cancel_intent(intent.id)

    assert (canceled.status, canceled.raw_status) == (CANCELED, "canceled")
    assert gateway.retrieve_intent(intent.id).status == CANCELED
    assert stripe_stub.latest_event()["type"] == "payment_intent.canceled"
    assert gateway.cancel_intent(intent.id).status == CANCELED  # twice: as it is, no error


def test_cancel_a_paid_intent_returns_it_paid(gateway, stripe_stub):
    paid = paid_intent(gateway, stripe_stub)

    assert gateway.cancel_intent(paid.id).status == SUCCEEDED
    assert stripe_stub.intents[paid.id]["status"] == "succeeded"


# -- refunds -----------------------------------------------------------------------------------


def test_partial_then_full_refund(gateway, stripe_stub):
    paid = paid_intent(gateway, stripe_stub)

    part = gateway.refund(
        intent_id=paid.id, amount_minor=2_345, idempotency_key="refund-1", reason="damaged"
    )
    assert (part.intent_id, part.amount_minor, part.status) == (paid.id, 2_345, "succeeded")
    assert part.id.startswith("re_")
    assert stripe_stub.request_log[-1]["params"]["reason"] == "requested_by_customer"
    assert stripe_stub.request_log[-1]["idempotency_key"] == "refund-1"
    assert gateway.retrieve_intent(paid.id).amount_refunded_minor == 2_345

    rest = gateway.refund(intent_id=paid.id, amount_minor=10_000, idempotency_key="refund-2")
    assert rest.amount_minor == 10_000
    assert "reason" not in stripe_stub.request_log[-1]["params"]
    after = gateway.retrieve_intent(paid.id)
    assert (after.status, after.amount_refunded_minor) == (SUCCEEDED, 12_345)
    assert stripe_stub.charges[after.latest_charge]["refunded"] is True
    refunded = [e for e in stripe_stub.events if e["type"] == "charge.refunded"]
    assert [e["data"]["object"]["amount_refunded"] for e in refunded] == [2_345, 12_345]


def test_refund_twice_with_the_same_key_refunds_once(gateway, stripe_stub):
    paid = paid_intent(gateway, stripe_stub)

    first = gateway.refund(intent_id=paid.id, amount_minor=1_000, idempotency_key="refund-1")
    second = gateway.refund(intent_id=paid.id, amount_minor=1_000, idempotency_key="refund-1")

    assert second.id == first.id
    assert len(stripe_stub.refunds) == 1
    assert gateway.retrieve_intent(paid.id).amount_refunded_minor == 1_000


def test_refunding_more_than_remains_is_a_payment_error(gateway, stripe_stub):
    paid = paid_intent(gateway, stripe_stub)
    gateway.refund(intent_id=paid.id, amount_minor=12_000, idempotency_key="refund-1")

    with pytest.raises(PaymentError, match=r"greater than unrefunded amount .*¥3\.45"):
        gateway.refund(intent_id=paid.id, amount_minor=346, idempotency_key="refund-2")
    assert gateway.retrieve_intent(paid.id).amount_refunded_minor == 12_000


def test_an_unpaid_intent_cannot_be_refunded(gateway):
    intent = new_intent(gateway)
    with pytest.raises(PaymentError, match="does not have a successful charge"):
        gateway.refund(intent_id=intent.id, amount_minor=100, idempotency_key="refund-1")


# -- errors --------------------------------------------------------------------------------------


def test_wrong_secret_key_is_a_payment_error(stripe_stub):
    gateway = StripeGateway(**stripe_stub.gateway_kwargs(secret_key="sk_test_wrong_key_1234"))
    with pytest.raises(PaymentError, match="Invalid API Key provided"):
        new_intent(gateway)
    assert stripe_stub.intents == {}


def test_unknown_intent_is_a_payment_error(gateway):
    with pytest.raises(PaymentError, match="No such payment_intent: 'pi_missing'"):
        gateway.retrieve_intent("pi_missing")


def test_network_failure_is_a_payment_error():
    with StripeStub() as stub:
        kwargs = stub.gateway_kwargs(max_network_retries=0, timeout=2)
    gateway = StripeGateway(**kwargs)  # the stub is stopped: nothing listens any more
    with pytest.raises(PaymentError, match="Stripe"):
        gateway.retrieve_intent("pi_x")


# -- webhooks ------------------------------------------------------------------------------------


def test_parse_webhook_accepts_stripes_signature(gateway, stripe_stub):
    paid = paid_intent(gateway, stripe_stub)
    event = stripe_stub.latest_event("payment_intent.succeeded")
    body = stripe_stub.event_body(event)

    parsed = gateway.parse_webhook(body, stripe_stub.sign(body))

    assert (parsed.id, parsed.type) == (event["id"], "payment_intent.succeeded")
    assert parsed.object_id == parsed.intent_id == paid.id
    assert parsed.data["status"] == "succeeded"
    assert parsed.data["amount"] == 12_345


@pytest.mark.parametrize(
    "case",
    [
        "tampered body",
        "other secret",
        "missing header",
        "garbage header",
        "older than 300 s",
        "future scheme only",
        "not json",
    ],
)
def test_parse_webhook_refuses_what_stripe_did_not_sign(case, gateway, stripe_stub):
    paid_intent(gateway, stripe_stub)
    body = stripe_stub.event_body(stripe_stub.latest_event())
    header = stripe_stub.sign(body)
    if case == "tampered body":
        body = body.replace(b'"succeeded"', b'"canceled"')
    elif case == "other secret":
        header = stripe_stub.sign(body, secret="whsec_someone_else")
    elif case == "missing header":
        header = ""
    elif case == "garbage header":
        header = "garbage"
    elif case == "older than 300 s":
        header = stripe_stub.sign(body, timestamp=int(time.time()) - 301)
    elif case == "future scheme only":
        header = header.replace("v1=", "v2=")
    elif case == "not json":
        body = b"not json"
        header = stripe_stub.sign(body)

    with pytest.raises(WebhookSignatureInvalid):
        gateway.parse_webhook(body, header)


def test_parse_webhook_accepts_a_signature_within_the_tolerance(gateway, stripe_stub):
    paid_intent(gateway, stripe_stub)
    body = stripe_stub.event_body(stripe_stub.latest_event())
    header = stripe_stub.sign(body, timestamp=int(time.time()) - 250)
    assert gateway.parse_webhook(body, header).type == "payment_intent.succeeded"


def test_refund_and_dispute_events_carry_the_intent_id(gateway, stripe_stub):
    paid = paid_intent(gateway, stripe_stub)
    gateway.refund(intent_id=paid.id, amount_minor=345, idempotency_key="refund-1")
    dispute = stripe_stub.create_dispute(paid.id)

    refunded = stripe_stub.latest_event("charge.refunded")
    disputed = stripe_stub.latest_event("charge.dispute.created")
    for event, object_id in [(refunded, paid.latest_charge), (disputed, dispute["id"])]:
        body = stripe_stub.event_body(event)
        parsed = gateway.parse_webhook(body, stripe_stub.sign(body))
        assert (parsed.type, parsed.object_id, parsed.intent_id) == (
            event["type"],
            object_id,
            paid.id,
        )
    assert refunded["data"]["object"]["amount_refunded"] == 345
    assert refunded["data"]["previous_attributes"] == {"amount_refunded": 0, "refunded": False}
    assert disputed["data"]["object"]["amount"] == 12_000


class Receiver:
    """A webhook endpoint on its own port, checking signatures with the gateway."""

    def __init__(self, gateway):
        self.gateway = gateway
        self.received = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                try:
                    event = receiver.gateway.parse_webhook(body, self.headers["Stripe-Signature"])
                except WebhookSignatureInvalid:
                    self.send_response(400)
                else:
                    receiver.received.append(event)
                    self.send_response(200)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/payments/webhook/"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    gateway = StripeGateway(
        secret_key="sk_test_unused", publishable_key="pk_test_unused", webhook_secret=WEBHOOK_SECRET
    )
    receiver = Receiver(gateway)
    yield receiver
    receiver.close()


def test_events_are_posted_signed_before_the_api_call_returns(receiver):
    with StripeStub(webhook_secret=WEBHOOK_SECRET, webhook_url=receiver.url) as stub:
        gateway = StripeGateway(**stub.gateway_kwargs())
        intent = new_intent(gateway)
        client = stripe.StripeClient(stub.secret_key, base_addresses={"api": stub.url})
        client.v1.payment_intents.confirm(intent.id, {"payment_method": "pm_card_visa"})

        assert [(e.type, e.intent_id) for e in receiver.received] == [
            ("payment_intent.succeeded", intent.id)
        ]
        assert stub.deliveries == [(stub.events[0]["id"], 200)]
        assert stub.pending == []


def test_events_wait_for_deliver_pending_and_can_be_replayed(receiver):
    with StripeStub(
        webhook_secret=WEBHOOK_SECRET, webhook_url=receiver.url, auto_deliver=False
    ) as stub:
        gateway = StripeGateway(**stub.gateway_kwargs())
        paid = paid_intent(gateway, stub)
        gateway.refund(intent_id=paid.id, amount_minor=100, idempotency_key="refund-1")
        assert receiver.received == []
        assert [e["type"] for e in stub.pending] == ["payment_intent.succeeded", "charge.refunded"]

        delivered = stub.deliver_pending()

        assert delivered == [(e["id"], 200) for e in stub.events]
        assert [e.type for e in receiver.received] == [
            "payment_intent.succeeded",
            "charge.refunded",
        ]
        assert stub.send_event(stub.events[0], times=3) == [200, 200, 200]
        assert [e.id for e in receiver.received[2:]] == [stub.events[0]["id"]] * 3


def test_a_callable_webhook_and_enabled_events():
    calls = []
    with StripeStub(
        webhook_url=lambda body, headers: calls.append((body, headers)) or 204,
        enabled_events=["charge.refunded"],
    ) as stub:
        gateway = StripeGateway(**stub.gateway_kwargs())
        paid = paid_intent(gateway, stub)
        gateway.refund(intent_id=paid.id, amount_minor=100, idempotency_key="refund-1")

    assert [json.loads(body)["type"] for body, _ in calls] == ["charge.refunded"]
    body, headers = calls[0]
    assert gateway.parse_webhook(body, headers["Stripe-Signature"]).intent_id == paid.id
    assert stub.deliveries == [(json.loads(body)["id"], 204)]


def test_events_can_be_fetched_from_the_api(gateway, client, stripe_stub):
    paid_intent(gateway, stripe_stub)
    event = stripe_stub.events[-1]

    fetched = client.v1.events.retrieve(event["id"])
    listed = client.v1.events.list({"type": "payment_intent.succeeded", "limit": 3})

    assert (fetched.id, fetched.type) == (event["id"], "payment_intent.succeeded")
    assert [e.id for e in listed.data] == [event["id"]]


# -- the browser side ----------------------------------------------------------------------------


def test_client_config_has_no_secret(gateway, stripe_stub):
    intent = new_intent(gateway)
    assert gateway.client_config(intent) == {
        "gateway": "stripe",
        "publishable_key": "pk_test_stub",
        "client_secret": intent.client_secret,
        "js_url": f"{stripe_stub.url}/v3/",
    }
    assert "sk_" not in json.dumps(gateway.client_config(intent))


def _http(stub, method, path, params=None, key=None):
    data = urllib.parse.urlencode(params or {}).encode() if method == "POST" else None
    query = "" if data is not None or not params else "?" + urllib.parse.urlencode(params)
    url = stub.url + path + query
    request = urllib.request.Request(url, data=data, method=method)
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_fake_stripe_js_is_served_with_the_stub_url(stripe_stub):
    status, headers, body = _http(stripe_stub, "GET", "/v3/")

    assert status == 200
    assert headers["Content-Type"].startswith("application/javascript")
    script = body.decode()
    assert f'var API = "{stripe_stub.url}";' in script
    for name in ("window.Stripe", "confirmPayment", "stub-card-number", "stub-card-name"):
        assert name in script
    if shutil.which("node"):
        checked = subprocess.run(
            ["node", "--check", "-"], input=script, capture_output=True, text=True, check=False
        )
        assert checked.returncode == 0, checked.stderr


def test_api_needs_a_key_and_the_publishable_key_only_confirms_with_the_client_secret(
    gateway, stripe_stub
):
    intent = new_intent(gateway)
    path = f"/v1/payment_intents/{intent.id}"

    assert _http(stripe_stub, "GET", path)[0] == 401
    assert _http(stripe_stub, "GET", path, key="pk_test_stub")[0] == 400  # no client_secret
    create = _http(stripe_stub, "POST", "/v1/payment_intents", {"amount": 1}, "pk_test_stub")
    assert create[0] == 403
    wrong = {"client_secret": "pi_x_secret_y", "payment_method": "pm_card_visa"}
    assert _http(stripe_stub, "POST", f"{path}/confirm", wrong, "pk_test_stub")[0] == 400
    preflight = _http(stripe_stub, "OPTIONS", f"{path}/confirm")
    assert preflight[0] == 204
    assert "Authorization" in preflight[1]["Access-Control-Allow-Headers"]

    params = {
        "client_secret": intent.client_secret,
        "payment_method_data[type]": "card",
        "payment_method_data[card][number]": "4242 4242 4242 4242",
        "payment_method_data[billing_details][name]": "王五",
    }
    status, headers, body = _http(stripe_stub, "POST", f"{path}/confirm", params, "pk_test_stub")
    assert (status, json.loads(body)["status"]) == (200, "succeeded")
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert gateway.retrieve_intent(intent.id).payer_name == "王五"


# -- the fake Stripe.js in a browser ---------------------------------------------------------------

PAGE = """<!doctype html><meta charset="utf-8"><title>pay</title>
<script src="%(js)s"></script>
<form id="form"><div id="payment-element"></div><button id="pay">Pay</button>
<p id="error"></p></form>
<script>
  const stripe = Stripe("%(pk)s");
  const elements = stripe.elements({clientSecret: "%(secret)s", locale: "zh"});
  const payment = elements.create("payment");
  payment.on("ready", () => document.body.dataset.ready = "1");
  payment.mount("#payment-element");
  document.getElementById("form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const {error} = await stripe.confirmPayment({
      elements, confirmParams: {return_url: "%(origin)s/pay/return?order=100001"}});
    if (error) document.getElementById("error").textContent = error.message;
  });
</script>"""


@pytest.fixture
def page(browser, stripe_stub):
    """A page in the suite's one chromium (tests/conftest.py): a second Playwright instance in
    the same thread would clash with the first one's event loop."""
    page = browser.new_page()
    yield page
    page.close()


class ShopPage:
    """The shop's payment page on its own server (localhost, another origin than the stub's
    127.0.0.1: CORS is exercised) with the return page."""

    def __init__(self):
        self.html = ""
        shop = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                body = b"<h1>returned</h1>" if "/return" in self.path else shop.html.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        self.origin = f"http://localhost:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def shop_page():
    shop = ShopPage()
    yield shop
    shop.close()


def _open_payment_page(page, shop, stub, intent):
    shop.html = PAGE % {
        "js": stub.js_url,
        "pk": stub.publishable_key,
        "secret": intent.client_secret,
        "origin": shop.origin,
    }
    page.goto(f"{shop.origin}/pay/")
    page.wait_for_selector("body[data-ready='1']", state="attached")


@pytest.mark.browser
def test_fake_stripe_js_pays_by_card_in_a_browser(page, shop_page, gateway, stripe_stub):
    intent = new_intent(gateway)
    _open_payment_page(page, shop_page, stripe_stub, intent)
    assert page.input_value("#stub-card-number") == "4242424242424242"
    page.fill("#stub-card-name", "张三")
    page.click("#pay")
    page.wait_for_url(re.compile(r"/pay/return\?"))

    assert "order=100001" in page.url
    assert f"payment_intent={intent.id}" in page.url
    assert "redirect_status=succeeded" in page.url
    paid = gateway.retrieve_intent(intent.id)
    assert (paid.status, paid.payer_name) == (SUCCEEDED, "张三")


@pytest.mark.browser
def test_fake_stripe_js_returns_the_decline_without_leaving(page, shop_page, gateway, stripe_stub):
    intent = new_intent(gateway)
    _open_payment_page(page, shop_page, stripe_stub, intent)
    page.fill("#stub-card-number", "4000000000000002")
    page.click("#pay")
    page.wait_for_selector("#error:has-text('Your card was declined.')")

    assert page.url.endswith("/pay/")
    assert gateway.retrieve_intent(intent.id).status == FAILED


@pytest.mark.browser
def test_fake_stripe_js_pays_with_alipay_through_the_authorisation_page(
    page, shop_page, gateway, stripe_stub
):
    intent = new_intent(gateway, types=["card", "alipay"])
    _open_payment_page(page, shop_page, stripe_stub, intent)
    page.check("#stub-method-alipay")
    page.click("#pay")
    page.wait_for_selector("#stub-authorize")
    assert gateway.retrieve_intent(intent.id).status == REQUIRES_ACTION
    page.click("#stub-authorize")
    page.wait_for_url(re.compile(r"redirect_status=succeeded"))

    paid = gateway.retrieve_intent(intent.id)
    assert (paid.status, paid.payment_method_type) == (SUCCEEDED, "alipay")
