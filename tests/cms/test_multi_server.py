"""Two gunicorn servers sharing PostgreSQL, Redis and an S3 bucket behave as one site.

Both run the production settings against this test's own PostgreSQL database (committed data:
`transaction=True`), a Redis database and key prefix of their own, and a bucket of their own on
an S3-compatible server (moto): `.ci/run` starts one and exports TEST_S3_ENDPOINT_URL; without
it the test starts `moto_server` itself when installed. Whatever is set up on server A must be
seen on server B: a publication, an uploaded image, a private document, a session, a lockout.
Neither server may write a file to its local disk.

In CI a missing PostgreSQL, Redis or moto fails the test; elsewhere it is skipped.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connection

from wagtail.models import Collection

import pytest
import requests

from cms.demo.members import private_collection
from core.models import SiteDocument, SiteImage
from members.pdf import simple_pdf
from members.roles import CLUB
from tests import factories
from tests.members import member_factories as mf

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
REDIS_URL = os.environ.get("TEST_MULTI_REDIS_URL", "redis://127.0.0.1:6379/11")
S3_ENDPOINT_URL = os.environ.get("TEST_S3_ENDPOINT_URL", "")
S3_REGION = "eu-west-3"
PASSWORD = "un-mot-de-passe-assez-long"  # noqa: S105 - throwaway accounts of this test
# The servers sit behind a TLS proxy, as in production: plain HTTP on loopback, this header.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
# The site's public name, which the balancer passes on to whichever server it picks.
PUBLIC_HOST = "limoges-attractivite.test"
# A small PNG (1×1): Wagtail reads it back from the bucket to make renditions.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2"
    "2e6b6c0000000049454e44ae426082"
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def missing(what, how):
    """Fail in CI, where every service is started by .ci/run; skip elsewhere."""
    reason = f"{what} : {how}"
    if IN_CI:
        pytest.fail(f"CI needs {reason}", pytrace=False)
    pytest.skip(reason)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answers(url, process=None, log=None, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            pytest.fail(f"{url} stopped at start-up:\n{Path(log).read_text()[-3000:]}")
        try:
            if requests.get(url, headers=PROXY_HEADERS, timeout=10).status_code < 500:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.2)
    pytest.fail(f"{url} does not answer after {timeout} s")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def postgresql_database():
    """The URL of this test's own database, the one the servers must share with it."""
    if connection.vendor != "postgresql":
        missing("PostgreSQL", "DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms make test")
    config = connection.settings_dict
    credentials = quote(config["USER"] or "", safe="")
    if config["PASSWORD"]:
        credentials += ":" + quote(config["PASSWORD"], safe="")
    host = config["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}@{host}:{config['PORT'] or 5432}/{config['NAME']}"


@pytest.fixture
def redis_prefix():
    """A key prefix of this test's own in the shared Redis database, emptied afterwards."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:
        missing(f"Redis on {REDIS_URL}", "redis-server --daemonize yes")
    prefix = f"multi-{uuid.uuid4().hex[:12]}"
    yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def s3_endpoint(tmp_path):
    """CI's S3 server, or a moto_server of this test's own."""
    if S3_ENDPOINT_URL:
        try:
            requests.get(S3_ENDPOINT_URL, timeout=2)
        except requests.ConnectionError:
            missing(f"an S3 server at TEST_S3_ENDPOINT_URL={S3_ENDPOINT_URL}", "see .ci/run")
        yield S3_ENDPOINT_URL
        return
    moto_server = BIN / "moto_server"
    if not moto_server.exists():
        missing("moto_server", "make install (moto[server] is a dev dependency)")
    port = free_port()
    log = tmp_path / "moto.log"
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our own virtualenv's program
            [str(moto_server), "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        endpoint = f"http://127.0.0.1:{port}"
        wait_until_answers(endpoint, process, log)
        yield endpoint
    finally:
        stop(process)


def public_renditions_policy(bucket_name):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket_name}/images/*",
            }
        ],
    }


@pytest.fixture
def bucket(s3_endpoint):
    """A bucket of this test's own: two xdist workers never share one."""
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=S3_REGION,
        aws_access_key_id="test",
        aws_secret_access_key="test",  # noqa: S106 - moto accepts any key
    )
    name = f"cms-multi-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": S3_REGION})
    # As the README asks of a deployment: renditions, and nothing else, readable by anyone.
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_renditions_policy(name)))
    yield client, name
    for item in client.list_objects_v2(Bucket=name).get("Contents", []):
        client.delete_object(Bucket=name, Key=item["Key"])
    client.delete_bucket(Bucket=name)


@pytest.fixture
def servers(postgresql_database, redis_prefix, bucket, s3_endpoint, tmp_path):
    """Servers A and B: same settings, same services, nothing else in common."""
    _, bucket_name = bucket
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "multi-server-test-throwaway-secret-key-0123456789-abcdef",
        "ALLOWED_HOSTS": PUBLIC_HOST,
        "DATABASE_URL": postgresql_database,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": redis_prefix,
        "RELEASE_ID": redis_prefix,
        "BEHIND_TLS_PROXY": "true",
        # The two-factor sign-in has tests of its own (tests/core/test_two_factor.py); here
        # the admin only has to be reached, so these servers ask for the password alone.
        "ADMIN_2FA_REQUIRED": "false",
        "AWS_STORAGE_BUCKET_NAME": bucket_name,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": S3_REGION,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "STATIC_ROOT": str(tmp_path / "static"),
        "ERASURE_LEDGER": str(tmp_path / "ledger" / "erasures.jsonl"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "ERROR",
    }
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    started = {}
    try:
        for name in ("A", "B"):
            port = free_port()
            media_root = tmp_path / f"media-{name}"
            media_root.mkdir()
            log = tmp_path / f"gunicorn-{name}.log"
            with log.open("w") as output:
                process = subprocess.Popen(  # noqa: S603 - our own virtualenv's gunicorn
                    [
                        str(BIN / "gunicorn"),
                        "cms.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                        "--no-control-socket",
                    ],
                    cwd=ROOT,
                    env={**env, "MEDIA_ROOT": str(media_root)},
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
            started[name] = (process, f"http://127.0.0.1:{port}", media_root, log)
        for process, url, _, log in started.values():
            wait_until_answers(f"{url}/_sante/", process, log)
        yield {name: url for name, (_, url, _, _) in started.items()}
        for name, (_, _, media_root, _) in started.items():
            written = [str(path) for path in media_root.rglob("*")]
            assert not written, f"server {name} wrote to its local disk: {written}"
    finally:
        for name, (process, _, _, log) in started.items():
            stop(process)
            # Shown by pytest when the test failed: what each server logged.
            sys.stderr.write(f"--- server {name}\n{log.read_text()[-5000:]}\n")


class Visitor:
    """One person's browser: their cookies, sent to whichever server the balancer picks."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, url, **kwargs):
        headers = {**PROXY_HEADERS, "Host": PUBLIC_HOST}
        if method == "POST":
            # What a browser sends with a form over HTTPS; Django's CSRF check compares it.
            origin = f"https://{PUBLIC_HOST}"
            headers.update({"Origin": origin, "Referer": origin + urlsplit(url).path})
        response = requests.request(
            method,
            url,
            headers=headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        # The cookies are marked Secure: kept by hand, since the loopback speaks plain HTTP.
        for cookie in response.cookies:
            if cookie.value and not cookie.is_expired():
                self.cookies[cookie.name] = cookie.value
            else:
                self.cookies.pop(cookie.name, None)
        return response

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def submit(self, url, data, form_url=None, files=None):
        """Fill the form of `form_url` (default: `url`) and send it to `url`."""
        form = self.get(form_url or url)
        assert form.status_code == 200, (form_url or url, form.status_code)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        return self.request("POST", url, data={"csrfmiddlewaretoken": token, **data}, files=files)


def with_password(user):
    """Hashed as production verifies (the test settings use a hasher it does not accept)."""
    user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user.save(update_fields=["password"])
    return user


def sign_in(visitor, url, path, email):
    response = visitor.submit(f"{url}{path}", {"username": email, "password": PASSWORD})
    assert response.status_code == 302, (path, response.status_code, response.text[:500])


def test_two_servers_share_pages_media_sessions_and_lockouts(servers, bucket, s3_endpoint):
    """What is done through server A holds on server B, and nothing lands on local disk."""
    a, b = servers["A"], servers["B"]
    s3, bucket_name = bucket
    home = factories.HomePageFactory()
    news = factories.NewsPageFactory(
        parent=factories.NewsIndexPageFactory(parent=home),
        title="Version d'origine",
        # Factories store files on the test's local disk, which the servers do not read.
        listing_image=None,
    )
    editor = with_password(factories.UserFactory(email="admin@example.org", superuser=True))
    partner = with_password(mf.member("partenaire@example.org", CLUB))
    with_password(mf.member("verrouille@example.org", CLUB))
    collection = private_collection()

    # A session made on A opens the admin on B.
    admin = Visitor()
    sign_in(admin, a, "/admin/login/", editor.email)
    assert admin.get(f"{b}/admin/").status_code == 200
    assert Visitor().get(f"{b}/admin/").status_code == 302

    # A page cached on B is gone from every server once A publishes a change.
    reader = Visitor()
    assert "Version d'origine" in reader.get(f"{b}{news.url}").text
    assert reader.get(f"{b}{news.url}").headers["X-Cache"] == "HIT"
    assert reader.get(f"{a}{news.url}").headers["X-Cache"] == "HIT"
    news.title = "Version publiée par le serveur A"
    news.save_revision(user=editor)
    published = admin.submit(
        f"{a}/admin/bulk/wagtailcore/page/publish/?id={news.pk}", {"include_descendants": ""}
    )
    assert published.status_code == 302, published.text[:500]
    fresh = reader.get(f"{b}{news.url}")
    assert fresh.headers["X-Cache"] == "MISS"
    assert "Version publiée par le serveur A" in fresh.text

    # An image uploaded on A: B reads it from the bucket to make a rendition, which the
    # browser loads from the bucket, unsigned, under an origin the policy allows.
    uploaded = admin.submit(
        f"{a}/admin/images/add/",
        {"title": "Porcelaine", "collection": Collection.get_first_root_node().pk},
        files={"file": ("porcelaine.png", PNG, "image/png")},
    )
    assert uploaded.status_code == 302, uploaded.text[:500]
    image = SiteImage.objects.get(title="Porcelaine")
    edit_page = admin.get(f"{b}/admin/images/{image.pk}/")
    renditions = re.findall(
        rf'src="({re.escape(s3_endpoint)}/{bucket_name}/images/[^"]+)"', edit_page.text
    )
    assert renditions, "B shows no rendition from the bucket"
    rendition = requests.get(renditions[0], timeout=10)
    assert rendition.status_code == 200
    assert rendition.headers["Content-Type"].startswith("image/")
    assert "Signature" not in renditions[0]
    policy = reader.get(f"{b}{news.url}").headers["Content-Security-Policy"]
    assert f"img-src 'self' {s3_endpoint}" in policy

    # A private document uploaded on A: streamed by B to a signed-in member after the check,
    # refused to anonymous visitors on both servers, its bucket address never shown.
    pdf = simple_pdf("Compte rendu confidentiel", ["Réservé aux membres du réseau."])
    uploaded = admin.submit(
        f"{a}/admin/documents/add/",
        {"title": "Compte rendu confidentiel", "collection": collection.pk},
        files={"file": ("compte-rendu.pdf", pdf, "application/pdf")},
    )
    assert uploaded.status_code == 302, uploaded.text[:500]
    document = SiteDocument.objects.get(title="Compte rendu confidentiel")
    assert document.file.name.startswith("documents/")
    for server in (a, b):
        refused = Visitor().get(f"{server}{document.url}")
        assert refused.status_code in (302, 403), refused.status_code
        assert s3_endpoint not in refused.headers.get("Location", "") + refused.text
    member = Visitor()
    sign_in(member, b, "/connexion/", partner.email)
    for server in (b, a):
        download = member.get(f"{server}{document.url}")
        assert download.status_code == 200, download.status_code
        assert download.content == pdf
        assert download.headers["Content-Disposition"].startswith("attachment")
    # The bucket itself answers no one but Django for documents and original images.
    for private_name in (document.file.name, image.file.name):
        assert (
            requests.get(f"{s3_endpoint}/{bucket_name}/{private_name}", timeout=10).status_code
            == 403
        )

    # Five failures on A lock the pair (address, client) on B too, right password or not.
    attacker = Visitor()
    failures = [
        attacker.submit(
            f"{a}/connexion/", {"username": "verrouille@example.org", "password": "faux"}
        ).status_code
        for _ in range(5)
    ]
    assert failures == [200, 200, 200, 200, 429]
    locked = attacker.submit(
        f"{b}/connexion/", {"username": "verrouille@example.org", "password": PASSWORD}
    )
    assert locked.status_code == 429
    assert "sessionid" not in attacker.cookies

    stored = {
        item["Key"].split("/")[0] for item in s3.list_objects_v2(Bucket=bucket_name)["Contents"]
    }
    assert stored == {"original_images", "images", "documents"}
