import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    name = "shop.apps.basket"

    def ready(self):
        super().ready()
        from django.db.models.signals import m2m_changed

        from .models import forget_voucher_flag

        m2m_changed.connect(
            forget_voucher_flag,
            sender=self.get_model("Basket").vouchers.through,
            dispatch_uid="shop_basket_forget_voucher_flag",
        )
