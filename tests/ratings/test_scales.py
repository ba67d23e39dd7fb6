"""A framework's rating scale is built once per loaded framework, and never outlives it."""

import gc

from yjinspect.frameworks import load_framework
from yjinspect.ratings.standards import rating_scale


def with_top_edge(percent):
    framework = load_framework("hmip-yos-2018")
    bands = [band.model_copy(update={"min_percent": percent}) if i == 0 else band
             for i, band in enumerate(framework.rules.bands)]  # fmt: skip
    rules = framework.rules.model_copy(update={"bands": bands})
    return framework.model_copy(update={"rules": rules})


def test_the_scale_is_built_once_per_framework():
    framework = load_framework("hmip-yos-2018")
    assert rating_scale(framework) is rating_scale(framework)


def test_a_new_framework_never_gets_a_forgotten_frameworks_scale():
    """Frameworks loaded one after another (say, edited files) each get their own edges, even
    when one takes the memory, and so the identity, of another that has gone."""
    for percent in range(70, 100):
        framework = with_top_edge(percent)
        assert rating_scale(framework).bands[0].min_percent == percent
        del framework
        gc.collect()
