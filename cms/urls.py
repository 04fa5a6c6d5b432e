"""URL map: admin, documents, search, sitemap and robots, then Wagtail's page tree."""

from django.contrib import admin
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import open_data
from home import views as home_views
from home.sitemap import sitemap_index, sitemap_section

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("members.urls")),
    path("recherche/", home_views.search, name="search"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    re_path(
        r"^donnees-ouvertes/(?P<name>[a-z]+)\.(?P<extension>schema\.json|csv|json)$",
        open_data.dataset_view,
        name="open_data_file",
    ),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    re_path(
        r"^sitemap-(?P<section>[a-z]+(?:-\d{4})?)\.xml$", sitemap_section, name="sitemap_section"
    ),
]

urlpatterns += [
    # Renditions only: originals are never served, so no upload is reachable by its own name.
    re_path(r"^media/images/(?P<path>.+)$", home_views.serve_rendition, name="rendition"),
    path("", include(wagtail_urls)),
]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
handler403 = "members.views.forbidden"
