"""Operations (issue 8): the encrypted backup archive and its restore (ADR 0019).

A plain package, not a Django app: it has no models. The commands that use it,
``integriteit backup`` and ``integriteit restore``, live in ``integriteit.common``.
"""
