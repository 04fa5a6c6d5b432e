"""Aggregates over a whole archive, kept up to date by the publications that change them."""

from django.db import models


class Summary(models.Model):
    """One aggregate (an index's years, categories and frequent tags, say), stored as JSON.

    Written after each publication by what the features register (core.summaries); `version`
    moves on within the publishing transaction, so a summary older than the content is never
    read: it is recomputed in the request instead, until the publication's rewrite lands.
    """

    key = models.CharField(max_length=200, unique=True)
    version = models.PositiveBigIntegerField(default=0)
    computed_version = models.PositiveBigIntegerField(default=0)
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "agrégat"
        verbose_name_plural = "agrégats"

    def __str__(self):
        return self.key
