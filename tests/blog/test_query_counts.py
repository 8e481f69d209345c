"""Pinned query counts: the pages readers open most cost the same with ten times
more posts, tags, authors and images."""

import pytest

from blog.models import ProducerPageGalleryImage
from tests.factories import (
    AuthorFactory,
    BlogPageFactory,
    CategoryFactory,
    CertificationFactory,
    ImageFactory,
    ProducerPageFactory,
    build_site,
    warm_count,
)

pytestmark = pytest.mark.django_db

# The numbers a warm request takes (renditions made, menu cached). A change here
# is a change in what every page view costs: look for the new query first.
PINNED = {
    "home": 7,
    "blog_index": 7,
    # Posts and producer pages: their discussion comes from the shared cache.
    "post": 13,
    "producer": 10,  # with the query for the producer's products
}


def build_shop(scale):
    """A shop whose number of posts, tags, authors and images grows with scale."""
    _, blog, producers_index = build_site()
    certifications = [CertificationFactory() for _ in range(2)]
    producers = []
    for _ in range(2 * scale):
        producer = ProducerPageFactory(
            parent=producers_index, hero_image=ImageFactory()
        )
        producer.certifications.set(certifications)
        for position in range(3):
            ProducerPageGalleryImage.objects.create(
                page=producer,
                image=ImageFactory(),
                alt="Hofansicht",
                sort_order=position,
            )
        producer.save_revision().publish()
        producers.append(producer)
    authors = [AuthorFactory() for _ in range(3 * scale)]
    categories = [CategoryFactory() for _ in range(2 * scale)]
    posts = []
    for n in range(5 * scale):
        posts.append(
            BlogPageFactory(
                parent=blog,
                authors=[authors[n % len(authors)], authors[(n + 1) % len(authors)]],
                producers=[
                    producers[n % len(producers)],
                    producers[(n + 1) % len(producers)],
                ],
                categories_list=[categories[n % len(categories)], categories[0]],
                tag_names=[f"tag-{n}", f"tag-{n + 1}", "hof"],
            )
        )
    return blog, producers[0], posts[0]


def page_urls(blog, producer, post):
    return {
        "home": "/",
        "blog_index": blog.url,
        "post": post.url,
        "producer": producer.url,
    }


@pytest.mark.parametrize("page", sorted(PINNED))
def test_page_query_counts_are_pinned_and_do_not_grow_tenfold(client, page):
    small = warm_count(client, page_urls(*build_shop(scale=1))[page])
    assert small == PINNED[page]


@pytest.mark.parametrize("page", sorted(PINNED))
def test_page_query_counts_stay_pinned_with_ten_times_the_content(client, page):
    large = warm_count(client, page_urls(*build_shop(scale=10))[page])
    assert large == PINNED[page]
