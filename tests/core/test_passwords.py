"""Passwords: twelve characters at least, Django's validators, Argon2 hashing."""

import importlib

from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    [
        "Court-2024",
        "password1234",
        "qwertyuiop123",
        "123456789012345",
        "camille.martin@example.org",
    ],
)
def test_weak_passwords_are_refused_in_french(password):
    user = UserFactory(email="camille.martin@example.org", first_name="Camille")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert any("mot de passe" in message.lower() for message in refused.value.messages)


def test_twelve_characters_is_the_minimum():
    with pytest.raises(ValidationError, match="12 caractères"):
        validate_password("Porcelain1!")
    validate_password("Porcelaine-1")


def test_new_hashes_are_argon2_in_production_settings(settings):
    """base.py (production) puts Argon2 first; older PBKDF2 hashes still verify."""
    base = importlib.import_module("cms.settings.base")
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    hashed = make_password("Émaux-et-porcelaines-2024")
    assert identify_hasher(hashed).algorithm == "argon2"
    assert hashed.startswith("argon2$argon2id$")
    assert check_password("Émaux-et-porcelaines-2024", hashed)
    legacy = make_password("Émaux-et-porcelaines-2024", hasher="pbkdf2_sha256")
    assert check_password("Émaux-et-porcelaines-2024", legacy)
