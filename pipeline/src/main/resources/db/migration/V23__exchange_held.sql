-- Parent side: packages held in the inbox after a sequence gap (docs/EXCHANGE.md, Receiving), so that a gap that never
-- closes is seen: every receive lists them with their age and alerts past credit.exchange.held-alert-hours. A row
-- goes when its package leaves the held state (applied, refused, or taken out of the inbox).
CREATE TABLE exchange_held (
    file_name     text        PRIMARY KEY,
    child_node    text        NOT NULL,
    package_id    text        NOT NULL,
    from_seq      bigint      NOT NULL,
    to_seq        bigint      NOT NULL,
    missing_from  bigint      NOT NULL,
    missing_to    bigint      NOT NULL,
    first_seen    timestamptz NOT NULL DEFAULT now(),
    last_seen     timestamptz NOT NULL DEFAULT now()
);
