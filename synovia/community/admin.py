"""The community in the admin: the moderation log read-only (append-only), the rest for
administrators to inspect."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from synovia.community.models import ModerationAction, Post, Profile, Report


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin[ModerationAction]):
    list_display = (
        "created_at",
        "action",
        "moderator",
        "member",
        "post_id_logged",
        "comment_id_logged",
        "reason",
    )
    list_filter = ("action",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}


@admin.register(Post)
class PostAdmin(admin.ModelAdmin[Post]):
    list_display = ("id", "created_at", "topic", "kind", "status", "author")
    list_filter = ("status", "topic", "kind")
    raw_id_fields = ("author", "picture", "accepted_answer")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    list_display = ("id", "created_at", "reason", "post", "comment", "resolved_at")
    list_filter = ("reason",)
    raw_id_fields = ("reporter", "post", "comment")


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin[Profile]):
    list_display = ("display_name", "user", "suspended_until")
    search_fields = ("display_name",)
    raw_id_fields = ("user", "avatar")
