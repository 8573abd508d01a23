"""Stable links to runbooks in posts: never a file path of the machine that indexed them.

A runbook is named by its id (front matter ``id``, else its path under the runbooks folder without
``.md``) and a section by its heading anchor. ``OPSDESK_RUNBOOK_URL`` turns the pair into a link:
a template with ``{id}`` (``https://github.com/acme/runbooks/blob/main/{id}.md``), or a base URL
the id is appended to (``https://runbooks.example.com`` → ``https://runbooks.example.com/{id}``).
Without it a post shows ``id#anchor``, which reads the same from every replica and every install.
A runbook's own ``source_url`` (front matter, or ``opsdesk index --base-url``) wins over both.
"""

from __future__ import annotations

from urllib.parse import quote


def is_web_link(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("https://", "http://"))


def runbook_link(runbook_id: str, anchor: str | None = None, *, url_template: str | None = None) -> str:
    """The link (or, without a template, the stable reference) of a runbook section."""
    fragment = f"#{anchor}" if anchor else ""
    if not url_template:
        return f"{runbook_id}{fragment}"
    quoted = quote(runbook_id, safe="/-_.~")
    if "{id}" in url_template:
        return url_template.replace("{id}", quoted) + fragment
    return f"{url_template.rstrip('/')}/{quoted}{fragment}"


def cited_link(runbook_id: str, anchor: str | None, source_url: str | None, *, url_template: str | None = None) -> str:
    """A section's link: the document's own web address when it has one, else :func:`runbook_link`."""
    if source_url and is_web_link(source_url):
        base = source_url.split("#", 1)[0]
        return f"{base}#{anchor}" if anchor else base
    return runbook_link(runbook_id, anchor, url_template=url_template)
