import pytest

from tests.factories import AuthorFactory, BlogPageFactory, CategoryFactory, build_site

pytestmark = pytest.mark.django_db


def test_a_published_post_renders_under_the_blog(client):
    _, blog, _ = build_site()
    author = AuthorFactory(name="Greta Hansen")
    post = BlogPageFactory(
        parent=blog,
        title="Erdbeeren sind da",
        authors=[author],
        categories_list=[CategoryFactory(name="Neues vom Hof")],
        tag_names=["erdbeeren"],
    )
    response = client.get(post.url)
    assert response.status_code == 200
    assert "Erdbeeren sind da" in response.text
