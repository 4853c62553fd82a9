"""China's cross-border retail import policy in numbers (spec §8.1, 财关税〔2016〕18号 and
〔2018〕49号), defined once: the shop's tax calculation (``shop.customs.tax``) and the customs
simulator (``integrations.customs.simulator``) both import them from here. Pure, no Django.
"""

from decimal import Decimal

__all__ = ["ANNUAL_LIMIT", "RETAIL_RATE", "SINGLE_LIMIT", "STANDARD_VAT"]

SINGLE_LIMIT = Decimal("5000.00")  #: §8.1 per transaction (dutiable value), since 2019-01-01
ANNUAL_LIMIT = Decimal("26000.00")  #: §8.1 per person (ID number) and calendar year
RETAIL_RATE = Decimal("0.7")  #: §8.1 VAT and consumption tax at 70 % within the limits
STANDARD_VAT = Decimal("0.13")  #: the standard import VAT rate (the simulator's tax bills)
