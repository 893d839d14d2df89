-- The ID pepper (DOMAIN.md §10; docs/OPERATIONS.md, The ID pepper): person identifier keys (P:, I:type:) hold a keyed
-- hash of the ID number, no longer the number. This row says which pepper the node's keys are made with (its
-- fingerprint, which reveals nothing of it) and when the keys made before were re-keyed: written once, by the first
-- consolidate, review accept or record unmerge after the upgrade, in the transaction that re-keys them
-- (consolidate/IdKeys). A command given another pepper is refused instead of making keys that match nothing.
CREATE TABLE id_pepper (
    id           smallint    PRIMARY KEY CHECK (id = 1),
    fingerprint  text        NOT NULL,
    rekeyed_at   timestamptz NOT NULL DEFAULT now(),
    rekeyed_keys bigint      NOT NULL,
    rekey_ms     bigint      NOT NULL
);
