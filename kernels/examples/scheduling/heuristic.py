"""A dispatch rule for online single-machine scheduling: the free machine runs the waiting job of
highest priority. Judged by evaluate.py (higher score: less weighted waiting than first come, first served)."""


def priority(weight, processing, waited):
    """How urgent a waiting job is: its weight, its processing time, and how long it has waited so far."""
    # EVOLVE-BLOCK-START
    return weight ** 0.5 / processing ** 2.0 + 0.01 * waited
    # EVOLVE-BLOCK-END
