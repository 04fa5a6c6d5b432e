"""StreamField blocks shared by every editorial page."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page outline correct."""

    text = blocks.CharBlock(label=_("Texte"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Titre de niveau 2")), ("h3", _("Titre de niveau 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Intertitre")
        template = "components/streamfield/heading_block.html"
        description = _("Un intertitre qui structure la page pour tous les lecteurs.")
        preview_value = {"text": "Une métropole qui attire", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    """An image with its caption and credit; alt text comes from the image library."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Légende"), required=False, max_length=255)
    credit = blocks.CharBlock(label=_("Crédit"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/streamfield/image_block.html"
        description = _("Une image avec sa légende et son crédit photo.")


class QuoteBlock(blocks.StructBlock):
    """A quotation with its author."""

    quote = blocks.TextBlock(label=_("Citation"))
    author = blocks.CharBlock(label=_("Auteur"), required=False, max_length=255)
    role = blocks.CharBlock(label=_("Fonction"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "components/streamfield/quote_block.html"
        description = _("Une citation mise en valeur, avec son auteur.")
        preview_value = {
            "quote": "Ensemble, faisons rayonner Limoges.",
            "author": "Un membre fondateur",
        }


class VideoBlock(blocks.StructBlock):
    """An embedded video with a title for assistive technologies."""

    video = EmbedBlock(label=_("Adresse de la vidéo"))
    title = blocks.CharBlock(
        label=_("Titre de la vidéo"),
        max_length=255,
        help_text=_("Annoncé aux lecteurs d'écran."),
    )
    transcript = blocks.TextBlock(label=_("Transcription"), required=False)

    class Meta:
        icon = "media"
        label = _("Vidéo")
        template = "components/streamfield/video_block.html"
        description = _("Une vidéo intégrée (YouTube, Vimeo…), avec sa transcription.")


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document of the library, with its format and size."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Intitulé du lien"),
        required=False,
        max_length=255,
        help_text=_("Par défaut, le titre du document."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Lien vers un document")
        template = "components/streamfield/document_block.html"
        description = _("Un document à télécharger, avec son format et son poids.")


class CallToActionBlock(blocks.StructBlock):
    """A highlighted invitation that leads to a page or an address."""

    title = blocks.CharBlock(label=_("Titre"), max_length=200)
    text = blocks.TextBlock(label=_("Texte"), required=False)
    link_label = blocks.CharBlock(label=_("Libellé du bouton"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("ou adresse"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choisissez une page ou une adresse."))}
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Appel à l'action")
        template = "components/streamfield/cta_block.html"
        description = _("Un encadré qui invite le lecteur à agir.")
        preview_value = {
            "title": "Rejoignez le club des partenaires",
            "text": "Signez la charte et participez à la dynamique.",
            "link_label": "Candidater",
            "url": "https://example.org/",
        }


class BodyBlock(blocks.StreamBlock):
    """The body of an editorial page."""

    paragraph = blocks.RichTextBlock(
        label=_("Texte"),
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="components/streamfield/paragraph_block.html",
    )
    heading = HeadingBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        block_counts = {}
