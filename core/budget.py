"""The eco-design budget of every public page (RGESN 2024), one set of figures for the CI test
that enforces it (tests/browser/test_page_budget.py) and for the eco-design statement."""

PAGE_BUDGET = {
    # Bytes transferred on a first visit (empty cache), every resource included.
    "max_bytes": 500_000,
    "max_requests": 40,
    "max_font_files": 2,
}

# What the site does, listed in the statement under the figures.
MEASURES = (
    "Images servies en AVIF ou WebP, aux dimensions de l'écran (attribut srcset), "
    "chargées à l'approche de l'écran.",
    "Au plus deux fichiers de police, hébergés sur le site.",
    "Aucune lecture automatique de vidéo ou de son ; une vidéo n'est chargée qu'après un clic.",
    "Pas de défilement infini : les listes sont paginées.",
    "Aucun traceur ni service tiers chargé sans action de la personne ; mesure d'audience "
    "sans cookie, sur le site même.",
    "Pages mises en cache et compressées ; feuilles de style et scripts versionnés et "
    "conservés un an par le navigateur.",
    "Un site qui fonctionne sans JavaScript et sur un téléphone de 320 pixels de large.",
)
