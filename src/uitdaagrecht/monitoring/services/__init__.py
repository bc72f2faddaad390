"""Writes for execution and evaluation, by concept: the handover, reports, feedback, evaluations."""
