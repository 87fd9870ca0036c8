-- Several replicas on one store (docs/shared-store.md). runner: the replica process ("name #instance") that runs or
-- waits to run a record; null for a sync queued in the store, which the holder of the sync lock takes.
-- in_queue: a sync queued in the store for the holder to take (any replica may have asked for it).
ALTER TABLE sync_record ADD COLUMN runner text;
ALTER TABLE sync_record ADD COLUMN in_queue boolean NOT NULL DEFAULT false;

-- At most one sync queued in the store: a request on any replica folds into it.
CREATE UNIQUE INDEX sync_record_one_queued_sync ON sync_record ((true)) WHERE in_queue AND state = 'queued';

-- The fencing value: bumped by every replica that takes the sync lock over; a holder's write of a sync is refused
-- once the epoch it took the lock with is no longer the current one.
CREATE TABLE sync_lease (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    epoch    bigint  NOT NULL,
    holder   text
);
INSERT INTO sync_lease (epoch, holder) VALUES (0, NULL);
