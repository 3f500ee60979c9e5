"""Built-in rule families, one module or package per family (see :data:`snslint.rules.registry.BUILTIN_FAMILIES`).

- :mod:`~snslint.rules.content` CAT: prohibited content (lexicons in ``rules/*.yaml``)
- :mod:`~snslint.rules.urls` URL: links
- :mod:`~snslint.rules.timing` TIME: when the post goes out
- :mod:`~snslint.rules.pii` PII: personal data and secrets (a package, one module per rule; the
  detectors they use are :mod:`snslint.text.pii`)
- :mod:`~snslint.rules.form` FORM: platform form and procedure (a package, one module per rule or tight group)

To add a rule: pick its family module (in a family package, a new module imported by the
package's ``__init__``), subclass :class:`snslint.rules.api.Rule`, decorate it with
:func:`snslint.rules.registry.register`, give it a code from ``rule-catalog.md``, its
documentation in ruff's sections (what it does, why it matters, the first failing example, what
to write ``instead``: see :mod:`snslint.rules.docs`), failing and passing examples, and enable it
in the policies that have a clause for it.
"""
