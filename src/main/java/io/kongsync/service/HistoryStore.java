package io.kongsync.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The sync history: an append-only JSON-lines file, one line per state of a record (the last line of an id wins),
 * and the newest records in memory. When the file outgrows its limit it is compacted to the newest records and the
 * old file kept beside it as {@code history.1.jsonl}. Records hold reports whose secrets are already masked.
 *
 * <p>A record left {@code queued} or {@code running} by a process that stopped is marked failed when the store opens.
 */
public final class HistoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    static final String FILE = "history.jsonl";
    static final String ROTATED = "history.1.jsonl";
    static final String INTERRUPTED = "kongsync stopped while this sync was %s; it did not finish, and Kong may be "
            + "partly changed: the next sync completes it";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path file;
    private final int maxRecords;
    private final long maxFileBytes;
    /** by id, oldest first */
    private final LinkedHashMap<String, SyncRecord> records = new LinkedHashMap<>();

    private HistoryStore(Path file, int maxRecords, long maxFileBytes) {
        this.file = file;
        this.maxRecords = maxRecords;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * Opens (or creates) the history in {@code dataDir}.
     *
     * @param maxRecords   how many records are kept
     * @param maxFileBytes the file size that triggers compaction
     */
    public static HistoryStore open(Path dataDir, int maxRecords, long maxFileBytes, Instant now) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("the history must keep at least 1 record, was " + maxRecords);
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        HistoryStore store = new HistoryStore(dataDir.resolve(FILE), maxRecords, maxFileBytes);
        store.load();
        store.failInterrupted(now);
        return store;
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sync history " + file, e);
        }
        int unreadable = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                remember(JSON.readValue(line, SyncRecord.class));
            } catch (RuntimeException e) {
                unreadable++;
            }
        }
        if (!lines.isEmpty() && !endsWithNewline()) {
            append("\n");
        }
        if (unreadable > 0) {
            LOG.warn("skipped {} unreadable line(s) of {} (a write cut short by a crash, or a hand edit)",
                    unreadable, file);
        }
    }

    /** A line torn by a crash must not swallow the next record appended. */
    private boolean endsWithNewline() {
        try (var channel = Files.newByteChannel(file)) {
            if (channel.size() == 0) {
                return true;
            }
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            channel.position(channel.size() - 1).read(last);
            return last.get(0) == '\n';
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sync history " + file, e);
        }
    }

    private void failInterrupted(Instant now) {
        for (SyncRecord r : List.copyOf(records.values())) {
            if (!r.state().finished()) {
                save(r.failed(now, INTERRUPTED.formatted(r.state().label())));
            }
        }
    }

    /** Records a new state of a sync. */
    public synchronized void save(SyncRecord record) {
        remember(record);
        append(JSON.writeValueAsString(record) + "\n");
        try {
            if (Files.size(file) > maxFileBytes) {
                compact();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact the sync history " + file, e);
        }
    }

    private void remember(SyncRecord record) {
        records.put(record.id(), record);
        while (records.size() > maxRecords) {
            records.remove(records.keySet().iterator().next());
        }
    }

    private void append(String line) {
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sync history " + file, e);
        }
    }

    private void compact() throws IOException {
        Path fresh = file.resolveSibling(FILE + ".tmp");
        StringBuilder out = new StringBuilder();
        for (SyncRecord r : records.values()) {
            out.append(JSON.writeValueAsString(r)).append('\n');
        }
        Files.writeString(fresh, out, StandardCharsets.UTF_8);
        Files.move(file, file.resolveSibling(ROTATED), StandardCopyOption.REPLACE_EXISTING);
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
    }

    public synchronized Optional<SyncRecord> get(String id) {
        return Optional.ofNullable(records.get(id));
    }

    /** A page of the history, newest first. */
    public record Page(List<SyncRecord> items, int page, int size, int total) {
    }

    public synchronized Page list(int page, int size) {
        List<SyncRecord> newestFirst = new ArrayList<>(records.values());
        java.util.Collections.reverse(newestFirst);
        int from = Math.min(newestFirst.size(), page * size);
        int to = Math.min(newestFirst.size(), from + size);
        return new Page(List.copyOf(newestFirst.subList(from, to)), page, size, newestFirst.size());
    }

    /** The newest finished sync that was not a dry run. */
    public synchronized Optional<SyncRecord> lastSync() {
        SyncRecord last = null;
        for (SyncRecord r : records.values()) {
            if (!r.dryRun() && r.state().finished()) {
                last = r;
            }
        }
        return Optional.ofNullable(last);
    }
}
