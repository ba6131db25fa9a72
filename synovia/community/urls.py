from django.urls import URLPattern, URLResolver, path

from synovia.community import views

app_name = "community"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.feed, name="feed"),
    path("search/", views.search, name="search"),
    path("new/", views.post_new, name="post_new"),
    path("experiences/", views.experiences, name="experiences"),
    path("notifications/", views.notifications, name="notifications"),
    path("profile/", views.profile, name="profile"),
    path("posts/<int:post_id>/", views.post_detail, name="post"),
    path("posts/<int:post_id>/comment/", views.comment_new, name="comment"),
    path("posts/<int:post_id>/react/", views.react, name="react"),
    path("posts/<int:post_id>/follow/", views.follow_post, name="follow_post"),
    path("posts/<int:post_id>/delete/", views.post_delete, name="post_delete"),
    path("posts/<int:post_id>/report/", views.report_post, name="report_post"),
    path("topics/<slug:topic>/follow/", views.follow_topic, name="follow_topic"),
    path("comments/<int:comment_id>/helpful/", views.helpful, name="helpful"),
    path("comments/<int:comment_id>/accept/", views.accept, name="accept"),
    path("comments/<int:comment_id>/report/", views.report_comment, name="report_comment"),
    path("pictures/<uuid:picture_id>/", views.picture, name="picture"),
    path("pictures/<uuid:picture_id>/thumb/", views.picture_thumb, name="picture_thumb"),
    path("moderation/", views.mod_queue, name="queue"),
    path("moderation/log/", views.mod_log, name="log"),
    path("moderation/posts/<int:post_id>/", views.mod_post, name="mod_post"),
    path("moderation/comments/<int:comment_id>/", views.mod_comment, name="mod_comment"),
    path("moderation/members/<int:profile_id>/", views.mod_member, name="mod_member"),
]
