"""``synovia token create|revoke|list``: API tokens at the server's console."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from synovia.accounts.models import User
from synovia.api import tokens
from synovia.api.models import ApiToken


class Command(BaseCommand):
    help = (
        "API tokens. 'create USERNAME [--expires DAYS] [--name N]' prints a new token once; "
        "'revoke PREFIX' or 'revoke --user USERNAME' (every token of the user); "
        "'list [--user USERNAME]' shows prefixes, expiry and last use (never a secret)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("username")
        create.add_argument("--expires", type=int, default=None, metavar="DAYS")
        create.add_argument("--name", default="")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix", nargs="?", default="")
        revoke.add_argument("--user", default="")
        listing = sub.add_parser("list")
        listing.add_argument("--user", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self._create(options)
        elif action == "revoke":
            self._revoke(options)
        else:
            self._list(options)

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}", returncode=2)
        return user

    def _create(self, options: dict[str, Any]) -> None:
        user = self._user(options["username"])
        try:
            new = tokens.token_create(user=user, name=options["name"], expires_days=options["expires"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from exc
        expiry = f"expires {new.token.expires_at:%Y-%m-%d}" if new.token.expires_at else "no expiry"
        self.stderr.write(f"token {new.token.prefix}... for {user.username} ({expiry}); shown once:")
        self.stdout.write(new.secret)

    def _revoke(self, options: dict[str, Any]) -> None:
        if options["user"]:
            rows = list(ApiToken.objects.filter(user=self._user(options["user"]), revoked_at__isnull=True))
        elif options["prefix"]:
            rows = list(ApiToken.objects.filter(prefix=options["prefix"].rstrip(".")))
        else:
            raise CommandError("give a token prefix or --user USERNAME", returncode=2)
        if not rows:
            raise CommandError("no such token", returncode=2)
        for row in rows:
            tokens.token_revoke(token=row)
        self.stdout.write(f"revoked {len(rows)} token(s)")

    def _list(self, options: dict[str, Any]) -> None:
        rows = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if options["user"]:
            rows = rows.filter(user=self._user(options["user"]))
        for t in rows:
            state = "revoked" if t.revoked_at else ("active" if t.active else "expired")
            expires = f"{t.expires_at:%Y-%m-%d}" if t.expires_at else "-"
            used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
            self.stdout.write(
                f"{t.prefix}...\t{t.user.username}\t{state}\texpires {expires}\tused {used}\t{t.name}"
            )
