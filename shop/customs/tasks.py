"""Background work of the customs app, on the ``customs`` queue of django-tasks
(``manage.py db_worker --queue-name customs``)."""

from django_tasks import task

from .outbox import outbox_deliver


@task(queue_name="customs")
def deliver_outbox_message(message_id: int) -> str:
    return outbox_deliver(message_id=message_id)
