"""Media on object storage: the rendition origin the policy allows is the one images load from."""

from urllib.parse import urlsplit

import pytest
from storages.backends.s3 import S3Storage

from cms.settings.base import object_storage_origin


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            {"custom_domain": "medias.limoges-attractivite.fr"},
            "https://medias.limoges-attractivite.fr",
        ),
        (
            {"endpoint_url": "https://s3.fr-par.scw.cloud", "addressing_style": "path"},
            "https://s3.fr-par.scw.cloud",
        ),
        (
            {"endpoint_url": "http://127.0.0.1:9377", "addressing_style": "path"},
            "http://127.0.0.1:9377",
        ),
        (
            {"region_name": "eu-west-3", "addressing_style": "virtual"},
            "https://medias-limoges.s3.eu-west-3.amazonaws.com",
        ),
        (
            {"region_name": "us-east-1", "addressing_style": "virtual"},
            "https://medias-limoges.s3.amazonaws.com",
        ),
    ],
)
def test_the_policy_allows_the_origin_renditions_are_served_from(options, expected):
    """What base.py adds to img-src is the origin django-storages writes renditions under."""
    storage = S3Storage(
        bucket_name="medias-limoges",
        querystring_auth=False,
        access_key="test",
        secret_key="test",
        signature_version="s3v4",
        **options,
    )
    url = urlsplit(storage.url("images/Abc123/gare.webp"))
    served_from = f"{url.scheme}://{url.netloc}"
    assert served_from == expected
    assert (
        object_storage_origin(
            "medias-limoges",
            options.get("endpoint_url"),
            options.get("region_name"),
            options.get("custom_domain"),
        )
        == served_from
    )
