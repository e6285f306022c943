"""``:::{trainer-modules}``: the onboarding guide's list of every module, made at build time.

Each client agreement page (a client page with a checklist) is listed with the
trainer module of the same topic, or with "no module yet" when it has none, such
as a page a clinic added itself: the gap shows instead of passing unnoticed. Every
other trainer page follows, in reading order. The list is built from what the
build read, so a new page appears in it without anyone editing the guide.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..acknowledgment.directives import env_items, page_audience, reading_order

NO_MODULE = "no module yet"
AGREEMENTS_CAPTION = "Each client agreement and its module:"
OTHERS_CAPTION = "The modules on DBT and on your own practice:"


class kc_module_list(nodes.General, nodes.Element):  # type: ignore[misc]  # docutils node naming
    """Replaced on doctree-resolved by the lists of modules."""


class TrainerModulesDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = kc_module_list()
        self.set_source_info(node)
        return [node]


def plan(app: Sphinx, here: str) -> tuple[list[tuple[str, str | None]], list[str]]:
    """([(agreement page, its module or None)], [every other trainer page]), in reading
    order; ``here`` (the guide) is left out."""
    env = app.env
    order = reading_order(env)
    topic = {d: str(env.metadata.get(d, {}).get("topic", "")) for d in order}
    trainer = [d for d in order if page_audience(env, d) == "trainer" and d != here]
    module_of: dict[str, str] = {}
    for docname in trainer:
        module_of.setdefault(topic[docname], docname)
    items = env_items(env)
    agreements = [
        (d, module_of.get(topic[d]) if topic[d] else None)
        for d in order
        if page_audience(env, d) == "client" and items.get(d)
    ]
    paired = {module for _, module in agreements if module}
    return agreements, [d for d in trainer if d not in paired]


def link(app: Sphinx, here: str, target: str) -> nodes.reference:
    title = app.env.titles[target].astext() if target in app.env.titles else target
    uri = app.builder.get_relative_uri(here, target)
    return nodes.reference("", title, internal=True, refuri=uri)


def module_lists(app: Sphinx, here: str) -> list[nodes.Node]:
    agreements, others = plan(app, here)
    out: list[nodes.Node] = []
    if agreements:
        out.append(nodes.paragraph("", AGREEMENTS_CAPTION))
        bullets = nodes.bullet_list(classes=["dbt-modules"])
        for page, module in agreements:
            para = nodes.paragraph("", "", link(app, here, page), nodes.Text(": "))
            para += link(app, here, module) if module else nodes.emphasis("", NO_MODULE)
            bullets += nodes.list_item("", para)
        out.append(bullets)
    if others:
        out.append(nodes.paragraph("", OTHERS_CAPTION))
        bullets = nodes.bullet_list(classes=["dbt-modules"])
        for page in others:
            bullets += nodes.list_item("", nodes.paragraph("", "", link(app, here, page)))
        out.append(bullets)
    return out


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(kc_module_list)):
        node.replace_self(module_lists(app, docname))


def setup(app: Sphinx) -> None:
    app.add_node(kc_module_list)
    app.add_directive("trainer-modules", TrainerModulesDirective)
    app.connect("doctree-resolved", resolve)
