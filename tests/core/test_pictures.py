"""`{% picture %}` from core.templatetags.pictures: Wagtail's markup, byte for byte."""

from django.template import Context, Template

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

TAGS = [
    # The site's own: several sizes in several formats, attributes and a boolean one.
    'image fill-{40x25,80x50} format-{avif,webp,jpeg} sizes="10rem" loading="lazy" alt=""',
    # One format: no <source>, a srcset on the <img>.
    "image max-{60x60,120x120} class=photo",
    # A single rendition: no srcset at all.
    "image width-50 format-webp",
    # Attributes from the context: escaped, unless declared safe; a false one is left out.
    "image width-{40,80} format-{webp,jpeg} alt=hostile title=safe hidden=yes data-x=off",
]


def render(load, tag, **values):
    return Template(f"{{% load {load} %}}{{% picture {tag} %}}").render(Context(values))


@pytest.fixture
def values():
    from django.utils.safestring import mark_safe

    return {
        "image": factories.SiteImageFactory(title='Vue "du pont" <Saint-Étienne> & co'),
        "hostile": '"><script>alert(1)</script>',
        "safe": mark_safe("<b>gras</b>"),  # noqa: S308 - the test's own markup
        "yes": True,
        "off": False,
    }


@pytest.mark.parametrize("tag", TAGS)
def test_same_markup_as_wagtail(values, tag):
    ours = render("pictures", tag, **values)
    assert ours == render("wagtailimages_tags", tag, **values)
    assert ours.startswith("<picture>")
    assert "<script>" not in ours


def test_rendered_twice_the_same(values):
    template = Template(f"{{% load pictures %}}{{% picture {TAGS[0]} %}}")
    first = template.render(Context(values))
    values["image"] = factories.SiteImageFactory()
    second = template.render(Context(values))
    assert first != second
    assert second == render("wagtailimages_tags", TAGS[0], **values)


def test_no_image_no_markup():
    assert render("pictures", "image width-50", image=None) == ""


def test_as_a_variable(values):
    template = "{% load pictures %}{% picture image width-{40,80} format-{webp,jpeg} as pic %}"
    picture = Template(template + "{{ pic }}").render(Context(values))
    wagtail = Template(template.replace("pictures", "wagtailimages_tags") + "{{ pic }}")
    assert picture == wagtail.render(Context(values))


def test_a_missing_file_as_wagtail_shows_it(values):
    image = values["image"]
    image.file.storage.delete(image.file.name)
    image.renditions.all().delete()
    tag = "image width-{40,80} format-{webp,jpeg}"
    assert render("pictures", tag, **values) == render("wagtailimages_tags", tag, **values)
