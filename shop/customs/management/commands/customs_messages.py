from django.core.management.base import BaseCommand, CommandError

from shop.customs.messages import MessageInvalid, build_message
from shop.customs.models import Declaration
from shop.customs.selectors import message_xml_masked


class Command(BaseCommand):
    help = (
        "Print the customs messages of an order's declarations: the stored (sent) XML, or for a "
        "message not built yet what would be sent. Personal data is masked unless --unmasked."
    )

    def add_arguments(self, parser):
        parser.add_argument("order_number")
        parser.add_argument(
            "--unmasked",
            action="store_true",
            help="Show ID numbers, names and phones (for debugging with customs; handle with care).",
        )

    def handle(self, *args, order_number, unmasked, **options):
        declarations = Declaration.objects.filter(order__number=order_number)
        if not declarations.exists():
            raise CommandError(f"No customs declarations for order {order_number!r}.")
        for declaration in declarations:
            self.stdout.write(f"# {declaration.number} ({declaration.get_status_display()})")
            messages = declaration.outbox_messages.all()
            if not messages:
                self.stdout.write("  not paid yet: no messages")
            for message in messages:
                self.stdout.write(f"## {message.kind} {message.guid} [{message.status}]")
                xml = message.payload
                if not xml:
                    try:
                        xml = build_message(message).decode("utf-8")
                    except MessageInvalid as error:
                        self.stdout.write(f"  invalid: {error}")
                        continue
                self.stdout.write(xml if unmasked else message_xml_masked(xml))
