"""The database search backend's index (integrations/search/database.py, db_text.py).

``ProductSearchDoc``: one row per product with what listings filter, count and sort on, copied by
``index_products`` (products, prices and stock reach it through the task queue): browsable or
not, origin, brand, cheapest price, stock to sell, trade modes offered, creation date, and the
normalised text. Browsing without a query counts and sorts over it, with no join to stock records.

``ProductGram``: one row per (gram, product) - CJK unigrams and bigrams, word trigrams and word
prefixes - carrying the same listing columns. The composite primary key (gram, product) is the
btree a query walks: ``gram = '面膜'`` reads exactly the rows of the products holding it, with
everything the filters, facet counts and sorting need, so a 1- or 2-character CJK query never
scans a table; further grams of the query are probes of the same btree.

``SearchWordGram``: the vocabulary of Latin and Cyrillic title and brand words by trigram, for the
spelling-tolerant alternatives of an empty result.
"""

from django.db import models


class ListingColumns(models.Model):
    """What listings filter, count and sort on, copied from the product, its prices and stock."""

    browsable = models.BooleanField()
    origin = models.CharField(max_length=3, blank=True)
    brand = models.CharField(max_length=128, blank=True)
    brand_key = models.CharField(max_length=128, blank=True)  # casefolded
    cheapest = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    in_stock = models.BooleanField()
    bonded = models.BooleanField()  # a priced offer from a 1210 warehouse
    direct_mail = models.BooleanField()  # a priced offer from a 9610 warehouse
    date_created = models.DateTimeField()

    class Meta:
        abstract = True


class ProductGram(ListingColumns):
    pk = models.CompositePrimaryKey("gram", "product")
    gram = models.CharField(max_length=4)
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="+", db_index=True
    )

    class Meta:
        db_table = "shop_search_product_gram"

    def __str__(self):
        return f"{self.gram} → {self.product_id}"


class ProductSearchDoc(ListingColumns):
    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    text = models.TextField()  # db_text.normalize of every language's text: the recheck

    class Meta:
        db_table = "shop_search_product_doc"
        indexes = [
            models.Index(fields=["browsable", "date_created"], name="search_doc_newest"),
            models.Index(fields=["browsable", "cheapest"], name="search_doc_price"),
        ]

    def __str__(self):
        return f"search document of product {self.product_id}"


class SearchWordGram(models.Model):
    pk = models.CompositePrimaryKey("gram", "word")
    gram = models.CharField(max_length=3)
    word = models.CharField(max_length=64)

    class Meta:
        db_table = "shop_search_word_gram"

    def __str__(self):
        return f"{self.gram} → {self.word}"
