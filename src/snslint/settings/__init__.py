"""What a run is configured by: a city's policy and the project's configuration file.

- :mod:`~snslint.settings.policy`: the policy YAML schema (pydantic), bundled city policies;
  whether a policy's rule entries name known rules is the rules' question
  (:func:`snslint.rules.registry.check_policy`)
- :mod:`~snslint.settings.config`: ``snslint.toml`` / ``[tool.snslint]`` in ``pyproject.toml``
- :mod:`~snslint.settings.chooser`: which policy checks a draft (the one chooser of a run)

A new city is a YAML file in the top-level ``policies/`` folder, read through this package.
"""
