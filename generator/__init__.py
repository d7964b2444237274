"""小蜜蜂驿站 station guide: a pure core (load → validate → model → builders) plus thin MkDocs and CLI adapters."""
