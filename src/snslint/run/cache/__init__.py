"""The two caches of a run, in one folder (``.snslint_cache/``):

- :mod:`~snslint.run.cache.results`: the findings of drafts already checked, by content
  (:class:`~snslint.run.cache.results.ContentCache`);
- :mod:`~snslint.run.cache.artifacts`: compiled data kept between processes, such as the CAT
  lexicons (:class:`~snslint.run.cache.artifacts.ArtifactStore`), passed in to who compiles;
- :mod:`~snslint.run.cache.folder`: the folder itself (name, layout version, tags, atomic
  writes).
"""
