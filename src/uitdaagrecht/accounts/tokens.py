"""Links sent by e-mail that act on an account, bound to the state of that account.

As Django's PasswordResetTokenGenerator: the token is an HMAC over the account's primary key,
password hash, last login, whether it is active and its e-mail address, and the time it was made.
When any of these changes — the link was used (the account became active, someone logged in),
the password was reset — the token no longer matches; after `max_age` seconds it has expired.
Nothing is stored. Unlike Django's generator the token carries the account and what the link
may do (its purpose), both covered by the HMAC, and its own maximum age.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36


@dataclass(frozen=True)
class Token:
    pk: int
    purpose: str
    timestamp: int
    digest: str


class AccountStateTokens:
    def __init__(self, *, salt: str, max_age: int, purposes: tuple[str, ...]) -> None:
        self.salt, self.max_age, self.purposes = salt, max_age, purposes

    def now(self) -> int:
        return int(time.time())

    def make(self, user, *, purpose: str) -> str:
        if purpose not in self.purposes:
            raise ValueError(purpose)
        timestamp = self.now()
        digest = self._digest(user, purpose, timestamp, settings.SECRET_KEY)
        return f"{int_to_base36(user.pk)}-{purpose}-{int_to_base36(timestamp)}-{digest}"

    def parse(self, token: str) -> Token | None:
        """What the token says, unchecked; None when it is not a token of this kind at all."""
        parts = token.split("-")
        if len(parts) != 4 or parts[1] not in self.purposes:
            return None
        try:
            # base36_to_int refuses more than 13 digits: no huge numbers from the URL.
            pk, timestamp = base36_to_int(parts[0]), base36_to_int(parts[2])
        except ValueError:
            return None
        return Token(pk=pk, purpose=parts[1], timestamp=timestamp, digest=parts[3])

    def check(self, user, token: Token) -> bool:
        """Whether the token was made for this account in its present state, and is fresh."""
        if user is None or user.pk != token.pk:
            return False
        age = self.now() - token.timestamp
        if not 0 <= age <= self.max_age:
            return False
        return any(
            constant_time_compare(
                self._digest(user, token.purpose, token.timestamp, secret), token.digest
            )
            for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        )

    def _digest(self, user, purpose: str, timestamp: int, secret: str) -> str:
        # Without microseconds: tokens stay valid on databases that do not store them.
        last_login = (
            "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        )
        state = (
            f"{user.pk}|{user.password}|{last_login}|{int(user.is_active)}|{user.email}"
            f"|{purpose}|{timestamp}"
        )
        return salted_hmac(self.salt, state, secret=secret, algorithm="sha256").hexdigest()[::2]
