"""Content is data, never code.

Pages and translations come from many hands (staff, contractors, pull requests), so
nothing in ``content/`` may run code on the build machine, read its files or add
markup the extension did not write. Three layers, each enough on its own:

- ``parser``: MyST with substitutions as plain key look-ups (no template engine),
  raw HTML refused where it is parsed, and the directives and roles that read files
  or write raw output refused by name (as docutils compares them, lower-cased), with
  docutils' file insertion and raw passthrough off for every document;
- ``document``: after parsing and translation, the document tree itself is checked
  (raw nodes, link schemes, image and download paths, head metadata), so a trick that
  slips past a line scan still stops the build at its source line;
- ``links``: no symbolic link may lead out of the content folder;
- ``catalogs``: translations are compiled from the checked ``.po`` files on every
  build, never taken from a ``.mo`` left on disk.

``site.security`` closes the loop in the browser: the page's policy allows only the
inline code of the theme's and our templates, and anything else fails the build.
"""
