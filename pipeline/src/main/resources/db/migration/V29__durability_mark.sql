-- One row that Durability.flush updates in a synchronous transaction: a commit waits for the disk only when its
-- transaction wrote to the write-ahead log, and waiting for its own commit makes every commit before it durable.
CREATE TABLE durability_mark (
    id      int         PRIMARY KEY CHECK (id = 1),
    flushed timestamptz NOT NULL
);
INSERT INTO durability_mark VALUES (1, now());
