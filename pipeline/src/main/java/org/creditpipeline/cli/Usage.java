package org.creditpipeline.cli;

/** The help text; kept in step with README.md's CLI section. */
final class Usage {

    private Usage() {
    }

    static final String TEXT = """
            credit-pipeline: ingest, normalize, consolidate and exchange public credit records

            Usage: credit-pipeline [OPTIONS] COMMAND [ARGS]

            Commands:
              ingest [--check] [--mapping NAME] [--show-rejects N] FILE...
                                                read CSV, .xlsx, .xls (also the HTML-table and XML Spreadsheet 2003
                                                "Excel" files web systems export) and JSON files into the node's
                                                staging tables; every rejected row is kept with its reasons and listed
                                                in an error report HOME/var/reports/ID-NAME-errors.xlsx (--show-rejects
                                                prints the first N per file); the same file twice is detected and
                                                skipped; a node of job-configs/nodes rejects rows outside its region;
                                                --check: a dry run, the same summary and error report
                                                (check-SHA-NAME-errors.xlsx) but nothing stored and no node lock
              demo                              run the 贵州 hierarchy of job-configs/nodes on sample-data/: three counties
                                                ingest and consolidate, push to 贵阳市 → 贵州省 → national; a repair at
                                                南明区 reaches the national public export; per-level summary
              generate --out DIR [--records N] [--seed S] [--invalid-share F] [--duplicate-share F]
                       [--formats csv,xlsx,json] [--xlsx-rows N] [--json-records N] [--county-list-share F]
                                                write synthetic uploads with ground truth: CSV files of all four record
                                                kinds (N rows, UTF-8 and GBK), a share F (default 0.1) of the 纪律处分
                                                and 问责 rows as county lists without 文号 or ID number (a CSV per
                                                county and kind), a county .xlsx workbook (title rows, header variants,
                                                Excel quirks; default N/10 rows) and a court JSON feed of 失信被执行人
                                                (API response shape; default N/10 records); all formats unless
                                                --formats names some
              template --mapping NAME [--out FILE]
                                                write a blank upload template .xlsx for a mapping (text-formatted ID
                                                columns, drop-down lists, a notes sheet); default FILE NAME-template.xlsx
              consolidate                       deduplicate the node's staged rows not yet consolidated into
                                                consolidated records (lineage, stable ids, change log) and print the
                                                report: new, updated, merged, pairs for review, contradictions
              review list [--status PENDING|ACCEPTED|REJECTED|RESOLVED|ALL] [--limit N] | review accept ID
                     | review reject ID
                                                the pairs consolidation was unsure about (list: the first 50 pending
                                                unless --status, --limit say): accept merges the two records (the
                                                older id survives), reject keeps them apart for good
              keys rotate-id-pepper             replace the node's ID pepper (the secret that hashes ID numbers in
                                                match keys) with a new one and re-key every person key with it
                                                (docs/OPERATIONS.md, The ID pepper)
              keys rebuild-id-pepper --pepper-lost
                                                last resort when the pepper file is lost with no copy anywhere: make a
                                                new pepper and rebuild every person key from the ID numbers of the
                                                records and staged rows; refused, nothing changed, when a key leads to
                                                no number or to two (docs/OPERATIONS.md, The ID pepper)
              nightly [--incoming DIR] [--export KINDS] [--export-format csv|jsonl|xlsx]
                                                the night's work for one cron line: receive (a node with children),
                                                ingest the files waiting in DIR (default HOME/var/incoming/NODE; moved
                                                to done/DATE or failed/DATE with the reason), consolidate, expire, push
                                                (a node with a parent), the exports KINDS (public,sharing,full) for
                                                downstream platforms, housekeep (unless credit.housekeeping.nightly
                                                is false), then what needs someone; exit: the worst step's
              housekeep [--older-than DAYS] [--dry-run] [--incoming DIR]
                                                remove what the node no longer needs once it is old enough
                                                (credit.housekeeping.*): incoming files done with (90 days; failed ones
                                                never by default), error reports (180 days), exports beyond the newest
                                                10 of each kind, exchange packages acknowledged or applied and
                                                acknowledgements (90 days; never an unacknowledged, held or refused
                                                one), logs in HOME/var/log (90 days), Spring Batch metadata of job
                                                instances completed 90 days ago (never one a restart needs), the
                                                consolidation's scratch tables; evidence is never removed. Prints what
                                                went (files, rows, bytes) and what was kept; --dry-run lists only;
                                                --older-than replaces every limit in days for this run; exit 1 when
                                                something could not be removed (docs/OPERATIONS.md)
              overview [--days N] [--files N]   the node at a glance: records by kind and status, rows not yet
                                                consolidated, the last consolidation, the exchange with parent and
                                                children, the latest N files (default 10), and what needs someone
                                                (failed files and high reject shares in the last N days (default 1),
                                                review pairs, packages unacknowledged, refused or held, questioned
                                                rows, objections (异议) undecided after 7 working days
                                                (credit.objection.deadline-working-days))
              record find [--doc 文号|案号] [--subject NAME|USCC|ID] [--kind KIND] [--limit N]
                                                look consolidated records up by document or case number (any bracket
                                                style) and/or subject (统一社会信用代码, 组织机构代码, ID number or name)
              record show ID                    one record: its fields and the row each came from, the records merged
                                                into it, every source row (file, sheet, row; through the levels below),
                                                status history, change log, open review pairs
              record unmerge ID --reason TEXT [--actor NAME]
                                                undo a wrong merge: record ID (merged away) comes back with its own
                                                source rows and keys, both records recomputed, the pair rejected,
                                                audited; merges from before V26 cannot be undone; the levels above
                                                follow it at their next receive (docs/CONSOLIDATION.md)
              exchange init                     create the node's exchange folder (its 'directory') and the marker
                                                .credit-exchange naming the node; once per folder, where it is set up
              push [--max-changes N] [--show-questions N]
                                                take the parent's acknowledgements, deliver unacknowledged packages again
                                                and send the change log since the last package as new packages of at
                                                most N changes (default 100000); list the records the parent questioned
                                                (the first 20 unless --show-questions says; job-configs/nodes/NODE.yaml
                                                names the parent and transport); a parent folder that is absent,
                                                unmarked or another node's is refused (exit 1, EXCHANGE_FOLDER_MISSING),
                                                nothing is written
              receive                           verify, apply and acknowledge the packages children left in the inbox
                                                (refused: tampered, truncated, replayed, out of order; held: after a gap,
                                                listed with their age; exit 4 when one is held longer than
                                                credit.exchange.held-alert-hours, env CREDIT_EXCHANGE_HELD_ALERT_HOURS,
                                                default 24); the node's own folder needs its marker too
              serve [--port N]                  run the node's HTTP intake endpoint at the url of its node file
                                                (packages go to the inbox; each child with its own pushToken or the
                                                shared token, on its own paths only); --port listens on another
                                                port; credit.exchange.intake-read-timeout-seconds (default 60) and
                                                intake-threads (default 8) bound stalled and concurrent clients
              export --kind public|sharing|full [--since SEQ] [--format csv|jsonl|xlsx] [--as-of DATE]
                                                write an export file and its manifest under HOME/var/exports/NODE/
              status set --record ID objection|repaired|withdrawn|active --reason TEXT [--ref DOC] [--actor NAME]
                                                change a record's status (audited with the actor, default the login
                                                name; sent upward by the next push)
              status import FILE [--check] [--status S] [--reason TEXT] [--actor NAME] [--out RESULT.csv]
                                                apply a list of status changes (.csv/.xlsx/.xls: 记录编号, or 文号/案号
                                                with 统一社会信用代码/证件号码 or 名称; 状态, 原因, 修复决定文号; --status
                                                and --reason for columns it lacks) row by row; rows that find no
                                                record or several, or are refused, change nothing; writes each row's
                                                outcome to RESULT.csv (default HOME/var/reports/); exit 1 when a row
                                                was not applied; --check changes nothing
              expire [--as-of DATE]             nightly pass: records whose publication period ended become EXPIRED
                                                (as of today in China; a later --as-of is refused)
              help, --help, -h                  this text
              --version                         the version of this build

            Options (any command):
              --home DIR          installation directory; data lives in DIR/var (env CREDIT_HOME; default: the
                                  checkout scripts/credit-pipeline runs from, else the current dir)
              --node ID           node id; its tables live in schema node_ID (env CREDIT_NODE, default: local)
              --db-url URL        use this PostgreSQL server instead of embedded PostgreSQL (env CREDIT_DB_URL)
              --db-user U, --db-password P
                                  (env CREDIT_DB_USER, default postgres; CREDIT_DB_PASSWORD)
              --config-dir DIR    job-configs folder (env CREDIT_CONFIG_DIR; default: HOME/job-configs, else the
                                  launcher's checkout's job-configs)
              --region-table F    GB/T 2260 code table to check region codes against: the current list, then
                                  historical ones (repeat the option, or F1,F2): a code of any is valid, a code
                                  abolished since keeps its records (env CREDIT_INGEST_REGION_TABLE, a comma list)
              --json              print a machine-readable summary on stdout (logs go to stderr)
              --quiet             only warnings in the log

            Exit status: 0 success (rejected rows are not a failure), 1 a file or step failed (an exchange folder
            that is absent, unmarked or another node's: EXCHANGE_FOLDER_MISSING), 2 usage error, 3 the node is busy
            (another run holds it; nothing was done), 4 receive holds a package after a gap longer than
            credit.exchange.held-alert-hours. With --json a failure is a JSON document too. Set CREDIT_DEBUG=1 for
            the stack trace of a failure. More: README.md and docs/.
            """;
}
