"""Pure domain layer: entities, rules and value objects; no Qt, no SQL, no I/O."""
