package io.kongsync.service;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

class FileHistoryStoreContractTest extends HistoryStoreContract {

    @TempDir
    Path dir;

    @Override
    protected HistoryStore open(int maxRecords, Instant now) {
        return HistoryStore.open(dir, maxRecords, 1 << 20, now);
    }
}
