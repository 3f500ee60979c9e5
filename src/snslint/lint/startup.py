"""A command-line run's start-up without cyclic garbage collection.

Start-up (importing the modules, validating the policy, building the lexicons and the rules'
patterns) allocates objects that live as long as the process. Python's cyclic collector,
triggered by allocation counts (``gc.get_threshold()``), walks them again and again while
they are built, and finds nothing to free. The command line pauses it first thing
(:func:`pause_collection`); the engine resumes it once the first drafts are checked
(:func:`resume_collection`, from :func:`snslint.lint.engine.check_batch`, and from
:func:`snslint.web.serve.serve` once the page's policies are loaded), after moving every
object alive to the permanent generation (``gc.freeze``), so that later collections walk only
what the drafts allocate. Reference counting frees everything that is not in a cycle all along.

Only a process that paused resumes: in-process callers (tests, an embedding program) keep
their collector as it is. Figures in the commit that added this module.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collection() -> None:
    """Pause the cyclic garbage collector for the start-up of this process (``gc.disable``).

    Called once, by the console-script entry point, before the heavy imports."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Freeze what the start-up built and resume the collector, if :func:`pause_collection`
    paused it; otherwise nothing. Cheap enough to call after every batch."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
