"""Blocks of the site's own pages: the legal statements filled from the site settings and
from the code's declarations, never typed as free text."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from core.blocks import BodyBlock


class LegalNoticeBlock(blocks.StaticBlock):
    """The legal notices (LCEN art. 6), from « Paramètres du site »."""

    class Meta:
        icon = "doc-full"
        label = _("Mentions légales (paramètres du site)")
        admin_text = _("Affiche l'éditeur, la direction de la publication et l'hébergeur.")
        template = "components/legal/legal_notice_block.html"


class AccessibilityStatementBlock(blocks.StaticBlock):
    """The accessibility statement's header: conformance, audit, rate, contact, recourse."""

    class Meta:
        icon = "view"
        label = _("Déclaration d'accessibilité (paramètres du site)")
        admin_text = _("Affiche l'état de conformité, l'audit, le contact et les voies de recours.")
        template = "components/legal/accessibility_block.html"


class ProcessingRegisterBlock(blocks.StaticBlock):
    """The register of processings, from the code's declarations (core.personal_data)."""

    class Meta:
        icon = "list-ul"
        label = _("Registre des traitements de données")
        admin_text = _("Affiche le même tableau que l'administration.")
        template = "components/legal/processing_register_block.html"


class EcoDesignBlock(blocks.StaticBlock):
    """The eco-design budget and measures (core.budget), the figures the CI enforces."""

    class Meta:
        icon = "pick"
        label = _("Écoconception (budget des pages)")
        admin_text = _("Affiche le budget de poids et de requêtes vérifié à chaque livraison.")
        template = "components/legal/eco_design_block.html"


class StandardPageBodyBlock(BodyBlock):
    """The body of a standard page: the editorial blocks, and the legal statements."""

    legal_notice = LegalNoticeBlock()
    accessibility_statement = AccessibilityStatementBlock()
    processing_register = ProcessingRegisterBlock()
    eco_design = EcoDesignBlock()
