"""Which statement to show a participant next: Polis's comment priority.

Source: Polis math, ``polismath/math/conversation.clj`` (``importance-metric``,
``priority-metric``, ``comment-priorities``).

With A agrees, P passes and S votes on a statement among the participants in the analysis,
and E its extremity (distance from the centre of the map):

- importance = (1 − p) × (E + 1) × a, with p = (P + 1) / (S + 2) and a = (A + 1) / (S + 2):
  statements that people take a side on, that separate them, and that they agree with;
- novelty = 1 + 8 × 2^(−S / 5): a new statement is shown more until it has votes;
- priority = (importance × novelty)², squared to deepen the bias; a meta statement (about
  the conversation itself) has the fixed priority 7² = 49.

Participants are then shown statements at random with probability proportional to priority.
"""

from __future__ import annotations

import numpy as np

from territoria.opinion.domain.matrix import BoolArray, FloatArray, IntArray

META_PRIORITY = 7.0


def importance(agree: IntArray, passes: IntArray, seen: IntArray,
               extremity: FloatArray) -> FloatArray:
    """Polis ``importance-metric``: (1 − p) (E + 1) a with pseudocounts."""
    p = (passes + 1.0) / (seen + 2.0)
    a = (agree + 1.0) / (seen + 2.0)
    return (1.0 - p) * (extremity + 1.0) * a


def priorities(agree: IntArray, disagree: IntArray, seen: IntArray, extremity: FloatArray,
               is_meta: BoolArray) -> FloatArray:
    """Polis ``priority-metric`` for each statement (see the module docstring)."""
    passes = seen - (agree + disagree)
    novelty = 1.0 + 8.0 * np.power(2.0, -seen / 5.0)
    value = importance(agree, passes, seen, extremity) * novelty
    return np.where(is_meta, META_PRIORITY, value) ** 2
