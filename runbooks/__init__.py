"""The bundled runbooks and knowledge-base articles (markdown with YAML front matter).

This file only makes the folder an importable package, so that a wheel ships the markdown as
package data and an installed opsdesk finds it without the source checkout
(:func:`bot.runbooks.bundled_runbooks_dir`). Nothing here is indexed: only ``.md`` files are.
"""
