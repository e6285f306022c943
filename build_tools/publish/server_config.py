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

location / {
    try_files $uri $uri/ =404;
}

# Nothing in the site starts with a dot; keep stray .htaccess or .git files private.
# .well-known stays reachable for certificate renewal (Let's Encrypt).
location ~ /\\.(?!well-known/) {
    return 404;
}

# Styles and scripts are linked with a ?v=<checksum> of their content, so a browser may
# keep them for a year: a new version has a new address. (expires sets Cache-Control
# without add_header, so the security headers above still apply here.) A pattern, so it
# also works when the site sits below the server's root.
location ~ /_static/ {
    expires 1y;
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


def htaccess(headers: Mapping[str, str]) -> str:
    # "always": the headers go with error pages too, not only with 200 answers.
    lines = [
        f'Header always set {name} "{value}"' for name, value in _checked(headers, '"\\%', "Apache")
    ]
    return HTACCESS_HEAD + "\n".join(lines) + "\n"


PAGES_HEAD = """\
# Security headers for this site on Netlify or Cloudflare Pages, made by
# `python -m build_tools dist`. Copy this file into the uploaded folder, next to
# index.html; the host reads it and does not publish it.
"""


def pages_headers(headers: Mapping[str, str]) -> str:
    """The ``_headers`` file: a path pattern, then its headers indented under it."""
    lines = [f"  {name}: {value}" for name, value in _checked(headers, "", "the host")]
    return PAGES_HEAD + "/*\n" + "\n".join(lines) + "\n"
