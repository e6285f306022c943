"""Publishing: ``python -m build_tools dist`` packs a built site for upload.

The package is one zip a clinic can put on any host: the site itself, a
checksum manifest, and web-server settings that send the security headers
computed from the built pages (``headers``), written for nginx, Apache and
Netlify or Cloudflare Pages (``server_config``), with plain steps
(``readme``). ``dist`` builds, checks and packs; ``archive`` writes the zip.
"""
