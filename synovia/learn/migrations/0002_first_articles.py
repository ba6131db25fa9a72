"""Load the first set of Learn articles (English and Spanish) written for Synovia.

Idempotent: an article that already exists (same topic and language) is left as staff edited it.
"""

from __future__ import annotations

import datetime

from django.db import migrations

from synovia.learn.migrations import _first_articles as content


def load(apps, schema_editor):
    Article = apps.get_model("learn", "Article")
    Reference = apps.get_model("learn", "Reference")
    reviewed = datetime.date.fromisoformat(content.REVIEWED_ON)
    made = {}
    for language, texts in (("en", content.EN), ("es", content.ES)):
        for position, topic in enumerate(content.ORDER):
            text = texts[topic]
            article, created = Article.objects.get_or_create(
                topic=topic,
                language=language,
                defaults={
                    "slug": text["slug"],
                    "title": text["title"],
                    "summary": text["summary"],
                    "body": text["body"],
                    "position": position,
                    "author": content.AUTHOR[language],
                    "medical_reviewer": content.REVIEWER[language],
                    "reviewed_on": reviewed,
                },
            )
            made[(topic, language)] = article
            if created:
                for number, key in enumerate(content.EN[topic]["refs"], start=1):
                    citation, url = content.R[key]
                    Reference.objects.create(article=article, number=number, citation=citation, url=url)
    for (topic, language), article in made.items():
        article.related.add(*(made[(other, language)] for other in content.RELATED[topic]))


class Migration(migrations.Migration):
    dependencies = [("learn", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
