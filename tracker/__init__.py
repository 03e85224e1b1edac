"""tracker: the supervision ledger (督办台账) of a municipal emergency-management bureau."""

__version__ = "0.2.0"
