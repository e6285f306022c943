"""Web-server settings that send the security headers: nginx, Apache, Netlify/Cloudflare.

Each writer takes the headers as name -> value and refuses a value its format
cannot hold safely, rather than write a file that a server would read
differently (an nginx ``$`` starts a variable, an Apache ``%`` a format code).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

HEADER_NAME = re.compile(r"^[A-Za-z0-9-]+$")


def _checked(headers: Mapping[str, str], forbidden: str, server: str) -> list[tuple[str, str]]:
    checked = []
    for name, value in headers.items():
        if not HEADER_NAME.match(name):
            raise ValueError(f"{name!r} is not a header name")
        unsafe = sorted({c for c in value if c in forbidden or c in "\r\n"})
        if unsafe:
            raise ValueError(f"the {name} header holds {unsafe!r}, which {server} would misread")
        checked.append((name, value))
    return checked


NGINX_HEAD = """\
# Security headers and rules for this site, made by `python -m build_tools dist`.
# Include this file inside the server {} block that serves the site, after its root:
#
#     server {
#         listen 443 ssl;
#         server_name dbt.example.org;
#         root /var/www/dbt/site;
#         include /etc/nginx/snippets/dbt-site.conf;
#     }
#
# nginx hands add_header down to a location only if the location sets no
# add_header of its own: add none inside the locations below (or repeat all of these).
"""

NGINX_RULES = """
charset utf-8;
index index.html;
# No file listings, and no nginx version in error pages.
autoindex off;
server_tokens off;

# Text compresses to a fifth: pages and styles arrive sooner on a phone's slow network.
gzip on;
gzip_comp_level 6;
gzip_types text/css application/javascript image/svg+xml application/json text/plain;

# Pages, robots.txt, sitemap.xml and every file without a versioned address: a browser
# must ask again on every visit (Cache-Control: no-cache; a 304 answer costs a few bytes),
# so a re-published page reaches returning visitors at once. The file times in the zip
# are the time it was packed, so nginx's ETag and Last-Modified change with each package.
location / {
    expires epoch;
    try_files $uri $uri/ =404;
}

# Nothing in the site starts with a dot; keep stray .htaccess or .git files private.
# .well-known stays reachable for certificate renewal (Let's Encrypt).
location ~ /\\.(?!well-known/) {
    return 404;
}

# Styles and scripts are linked with a ?v=<checksum> of their content, so a browser may
# keep them for a year: a new version has a new address. Asked for without one (the
# favicon), a file is checked on every visit like a page. (expires sets Cache-Control
# without add_header, so the security headers above still apply here; "if" only sets a
# variable.) A pattern, so it also works when the site sits below the server's root.
location ~ /_static/ {
    set $dbt_expires epoch;
    if ($arg_v) {
        set $dbt_expires 1y;
    }
    expires $dbt_expires;
    try_files $uri =404;
}
"""


def nginx_conf(headers: Mapping[str, str]) -> str:
    # "always": the headers go with error pages too, not only with 200 answers.
    lines = [
        f'add_header {name} "{value}" always;' for name, value in _checked(headers, '"\\$', "nginx")
    ]
    return NGINX_HEAD + "\n" + "\n".join(lines) + "\n" + NGINX_RULES


HTACCESS_HEAD = """\
# Security headers and rules for this site, made by `python -m build_tools dist`.
# Copy this file into the web folder, next to index.html. It needs mod_headers
# (a2enmod headers) and "AllowOverride FileInfo Indexes Options" (or All) for the folder.
# The Header lines are not inside <IfModule>: without mod_headers Apache answers
# with an error instead of quietly serving the site without its headers.

Options -Indexes
DirectoryIndex index.html
AddDefaultCharset UTF-8

"""

HTACCESS_CACHE = """
# Pages, robots.txt, sitemap.xml and every file without a versioned address: a browser
# must ask again on every visit, so a re-published page reaches returning visitors at
# once. Styles and scripts linked with ?v=<checksum> may be kept for a year: a new
# version has a new address. (Apache 2.4's <If>; the file times in the zip are the time
# it was packed, so Last-Modified and the ETag change with each package.)
Header always set Cache-Control "no-cache"
<If "%{REQUEST_URI} =~ m#/_static/# && %{QUERY_STRING} =~ /(^|&)v=/">
    Header always set Cache-Control "max-age=31536000"
</If>
"""


def htaccess(headers: Mapping[str, str]) -> str:
    # "always": the headers go with error pages too, not only with 200 answers.
    lines = [
        f'Header always set {name} "{value}"' for name, value in _checked(headers, '"\\%', "Apache")
    ]
    return HTACCESS_HEAD + "\n".join(lines) + "\n" + HTACCESS_CACHE


PAGES_HEAD = """\
# Security headers for this site on Netlify or Cloudflare Pages, made by
# `python -m build_tools dist`. Copy this file into the uploaded folder, next to
# index.html; the host reads it and does not publish it.
# Cache-Control: no-cache makes a browser ask again on every visit (a short "not
# modified" answer when nothing changed), so a re-published page reaches returning
# visitors at once. One rule for every file: these hosts join the values of several
# matching rules, which would mix a year's caching into the pages' rule.
"""

# Every file is checked again on each visit: the hosts reading _headers match paths,
# not the ?v= that versions styles and scripts.
PAGES_CACHE = {"Cache-Control": "no-cache"}


def pages_headers(headers: Mapping[str, str]) -> str:
    """The ``_headers`` file: a path pattern, then its headers indented under it."""
    every = {**headers, **PAGES_CACHE}
    lines = [f"  {name}: {value}" for name, value in _checked(every, "", "the host")]
    return PAGES_HEAD + "/*\n" + "\n".join(lines) + "\n"
