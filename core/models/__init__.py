"""The platform's models: media, the abstract page, the shared taxonomy."""

from .compliance import AudienceDay, ErasureRecord, ReferrerDay, RetentionRun
from .media import SiteDocument, SiteImage, SiteRendition, document_upload_to, random_storage_name
from .pages import BasePage, IntroductionMixin, member_only_page_types, without_member_only
from .summaries import Summary
from .taxonomy import Sector

__all__ = [
    "AudienceDay",
    "BasePage",
    "ErasureRecord",
    "IntroductionMixin",
    "ReferrerDay",
    "RetentionRun",
    "Sector",
    "SiteDocument",
    "SiteImage",
    "SiteRendition",
    "Summary",
    "document_upload_to",
    "member_only_page_types",
    "random_storage_name",
    "without_member_only",
]
