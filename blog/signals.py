"""Signal receivers of the blog: a changed author, category or certification
purges the cached pages that show it, and a published or unpublished post
the posts that may list it as related."""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.signals import page_published, page_unpublished

from home.page_cache.tags import list_tag, page_tag, purge, tag_for

from .models import Author, BlogCategory, BlogPage, Certification, ProducerPage
from .models.listing import related_posts_tags


def _purge(obj, pages) -> None:
    """Purge `obj`, the listings of its kind and the live `pages` showing it."""
    ids = pages.live().values_list("pk", flat=True)
    purge(tag_for(obj), list_tag(type(obj)), *(page_tag(pk) for pk in ids))


@receiver(post_save, sender=Author)
@receiver(pre_delete, sender=Author)
def author_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _purge(instance, BlogPage.objects.filter(post_authors__author=instance))


@receiver(post_save, sender=get_image_model())
@receiver(pre_delete, sender=get_image_model())
def author_photo_changed(sender, instance, raw=False, **kwargs):
    """An author's photo shows in the bylines of their posts and on their page."""
    if not raw:
        for author in Author.objects.filter(photo=instance):
            author_changed(Author, author)


@receiver(post_save, sender=BlogCategory)
@receiver(pre_delete, sender=BlogCategory)
def category_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _purge(instance, BlogPage.objects.filter(categories=instance))


@receiver(post_save, sender=Certification)
@receiver(pre_delete, sender=Certification)
def certification_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _purge(instance, ProducerPage.objects.filter(certifications=instance))


@receiver(page_published, sender=BlogPage)
@receiver(page_unpublished, sender=BlogPage)
def post_changed(sender, instance, **kwargs):
    """Posts sharing a category or tag with this one show it as related."""
    purge(
        *related_posts_tags(
            [category.pk for category in instance.categories.all()],
            [tag.pk for tag in instance.tags.all()],
        )
    )
