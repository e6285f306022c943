"""README.txt: plain steps to check the package and put it on each kind of host."""

from __future__ import annotations

TRAINER_WARNING = """
THIS IS THE TRAINER EDITION, FOR STAFF ONLY. Never upload it where clients can
reach it: put it behind your staff login, or keep it on staff computers.
"""

STEPS = """
What is in this package
-----------------------
  site/             The website. Upload everything inside this folder.
  MANIFEST.sha256   A checksum of every file in site/.
  server/           Settings that make your web server send security headers,
                    and this file (README.txt).

1. Check the package
--------------------
In the folder where you unpacked the zip, run:

    sha256sum -c MANIFEST.sha256

Every line must end in "OK". On macOS: shasum -a 256 -c MANIFEST.sha256

2. Upload the site
------------------
Upload the contents of site/ (not the folder itself) to your web host, and
serve it over HTTPS only. There is no server code and no database.

3. Send the security headers
----------------------------
Every page already carries its own Content-Security-Policy. The headers add
what a page cannot set for itself: no framing by other sites, HTTPS only, and
no camera, microphone or location access. Use the file for your host:

nginx
    Copy server/nginx.conf to /etc/nginx/snippets/dbt-site.conf. In the
    server {} block for the site, set "root" to the uploaded folder and add:
        include /etc/nginx/snippets/dbt-site.conf;
    Do not put add_header lines of your own inside its locations. Then run
        sudo nginx -t && sudo systemctl reload nginx

Apache
    Copy server/.htaccess into the uploaded folder, next to index.html.
    Apache needs mod_headers (sudo a2enmod headers) and, for that folder,
    "AllowOverride FileInfo Indexes Options" (or "AllowOverride All").

Netlify or Cloudflare Pages
    Copy server/_headers into the site folder, next to index.html, before you
    upload or deploy it.

Other hosts (GitHub Pages, plain object storage)
    If your host cannot send headers, the site still works and each page still
    protects itself; only the extra protection of the headers is missing.

4. Check that it worked
-----------------------
Run (with your own address):

    curl -sI https://dbt.example.org/ | grep -i -e content-security -e strict-transport

Both lines must be there. Open a few pages in a browser: they should look
right, with the crisis help at the top.

When you change the site
------------------------
Make a new package and upload its site/ and server settings together. The
header policy lists the exact inline code of these pages, so the settings of
an older package can block parts of a newer site.

With these settings a browser asks the server about every page on every visit,
so visitors see a change as soon as the upload is complete. Unpack with a tool
that keeps the files' times (unzip does): each file carries the time the
package was made, and that is how the server knows a page has changed.
"""


def readme_text(clinic: str, edition: str, fingerprint: str) -> str:
    title = f"{clinic}: DBT agreements site, {edition} edition {fingerprint}"
    warning = TRAINER_WARNING if edition == "trainer" else ""
    return f"{title}\n{'=' * len(title)}\n{warning}{STEPS}"
