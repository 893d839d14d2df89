-- What the node's HTTP intake (serve) refused, counted per day, child, HTTP status and reason code, so that overview
-- shows a child whose pushes are being turned away (a wrong or retired token, a package too large, a stalled upload)
-- without anyone reading serve's log. The child is '' when the request named no child of this node. Bounded: the
-- codes are a fixed list (exchange/IntakeRefusals), the children those of the topology.
CREATE TABLE intake_refusal (
    day          date        NOT NULL,
    child        text        NOT NULL,
    status       int         NOT NULL,
    code         text        NOT NULL,
    count        bigint      NOT NULL,
    last_at      timestamptz NOT NULL,
    last_address text,
    last_reason  text,
    PRIMARY KEY (day, child, status, code)
);
