"""Settings for the test suite: the real settings with a throw-away key and fast hashing."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-key-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# E-mail tasks run at once, after commit; the queue tests switch to the database backend.
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault(
    "UITDAAGRECHT_VAR_DIR", os.path.join(tempfile.gettempdir(), "uitdaagrecht-test-var")
)

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
# Tests see e-mail in mail.outbox; the scale-out test's servers and workers use a real SMTP server.
EMAIL_BACKEND = os.environ.get(
    "UITDAAGRECHT_TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
