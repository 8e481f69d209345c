"""Pages in a real tree, the snippets and images they show, and the products."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import PageViewRestriction, Site

from blog.models import (
    Author,
    BlogCategory,
    BlogIndexPage,
    BlogPage,
    BlogPageAuthor,
    BlogPageProducer,
    Certification,
    ProducerPage,
    ProducersIndexPage,
)
from home.models import HomePage
from shop_link.models import Product, ProductIndexPage, ProductSource


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Bild {n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Autorin {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    role = "Hofladen"
    bio = "Steht seit Jahren an der Theke."
    photo = factory.SubFactory(ImageFactory)

    class Meta:
        model = Author


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kategorie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = BlogCategory
        django_get_or_create = ("slug",)


class CertificationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Siegel {n}")

    class Meta:
        model = Certification


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blog"
    slug = "blog"

    class Meta:
        model = BlogIndexPage


class ProducersIndexPageFactory(wagtail_factories.PageFactory):
    title = "Erzeuger"
    slug = "producers"

    class Meta:
        model = ProducersIndexPage


class ProducerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Hof Nummer {n}")
    place = "Lindenau"
    region = "Uckermark"
    since = 1987
    summary = "Ein kleiner Hof mit Weidehaltung."
    what_they_make = "Milch, Käse und Butter."
    how_they_produce = "Die Kühe stehen von Frühjahr bis Herbst auf der Weide."

    class Meta:
        model = ProducerPage
        skip_postgeneration_save = True

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        if create:
            publish(self)


def publish(page):
    """Publish the page through a revision, as the admin does, so it has dates."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def products_block(*products, heading=""):
    """A story block of product cards, as staff add it in the admin."""
    return ("products", {"heading": heading, "products": list(products)})


class BlogPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Geschichte vom Hof {n}")
    intro = "Eine kurze Geschichte aus dem Hofladen."
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(n))
    hero_image = factory.SubFactory(ImageFactory)
    hero_alt = "Ein Feld im Morgenlicht"
    body = factory.LazyFunction(lambda: [paragraph("Frische Milch vom Nachbarhof.")])

    class Meta:
        model = BlogPage
        # Publishing in tag_names saves the page; a save after it would write back
        # the stale instance and lose first_published_at and last_published_at.
        skip_postgeneration_save = True

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        for position, author in enumerate(extracted or []):
            BlogPageAuthor.objects.create(page=self, author=author, sort_order=position)

    @factory.post_generation
    def producers(self, create, extracted, **kwargs):
        for position, producer in enumerate(extracted or []):
            BlogPageProducer.objects.create(
                page=self, producer=producer, sort_order=position
            )

    @factory.post_generation
    def categories_list(self, create, extracted, **kwargs):
        if extracted:
            self.categories.set(extracted)

    @factory.post_generation
    def tag_names(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
        if extracted is not None or create:
            publish(self)


class ProductSourceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Quelle {n}")
    format = "merchant-xml"
    location = "https://shop.example.com/feed.xml"
    shop_name = "Hofladen Lindenau"
    shop_url = "https://shop.example.com"

    class Meta:
        model = ProductSource


class ProductFactory(factory.django.DjangoModelFactory):
    source = factory.SubFactory(ProductSourceFactory)
    external_id = factory.Sequence(lambda n: f"P-{n}")
    title = factory.Sequence(lambda n: f"Bergkäse Nummer {n}")
    slug = factory.Sequence(lambda n: f"bergkaese-nummer-{n}")
    description = "Zwölf Monate im Gewölbekeller gereift."
    link = factory.LazyAttribute(lambda o: f"https://shop.example.com/p/{o.slug}")
    price = Decimal("3.20")
    currency = "EUR"
    unit_quantity = Decimal("250")
    unit_measure = "g"
    brand = "Hof Lindenau"
    category = "Käse"
    last_seen_at = factory.LazyFunction(timezone.now)
    synced_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Product


class ProductIndexPageFactory(wagtail_factories.PageFactory):
    title = "Produkte"
    slug = "products"

    class Meta:
        model = ProductIndexPage


def home_page():
    """The site's home page, created by the migration."""
    return HomePage.objects.get()


def build_catalogue(home=None):
    """The live product catalogue at /products/ under the home page."""
    return publish(ProductIndexPageFactory(parent=home or home_page()))


def build_site():
    """A home page with a blog and a producers section, as the demo has."""
    home = home_page()
    site = Site.objects.get(is_default_site=True)
    site.hostname = "testserver"
    site.port = 80
    site.save()
    blog = publish(BlogIndexPageFactory(parent=home))
    producers = publish(ProducersIndexPageFactory(parent=home))
    return publish(home), blog, producers


def make_draft(page):
    """Take the page offline, as an editor's unpublish does."""
    page.unpublish()
    page.refresh_from_db()
    return page


def make_private(page):
    """Keep the page live but visible to logged-in users only."""
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    return page
