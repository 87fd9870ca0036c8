package io.kongsync.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * The embedded default {@link HistoryStore}: an append-only JSON-lines file, one line per state of a record (the last line of an id wins),
 * and the newest records in memory. When the file outgrows its limit it is compacted to the newest records and the
 * old file kept beside it as {@code history.1.jsonl}. Reports, secrets already masked, are kept apart in
 * {@code reports/<id>.json} and read on demand, so neither memory nor the history file grows with a plan's size.
 *
 * <p>A record left {@code queued} or {@code running} by a process that stopped is marked failed when the store opens.
 */
public final class FileHistoryStore implements HistoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileHistoryStore.class);
    static final String FILE = "history.jsonl";
    static final String ROTATED = "history.1.jsonl";
    static final String REPORTS = "reports";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path file;
    private final Path reportsDir;
    private final int maxRecords;
    private final long maxFileBytes;
    /** by id, oldest first */
    private final LinkedHashMap<String, SyncRecord> records = new LinkedHashMap<>();
    /** why the last write failed; null when it succeeded */
    private String writeFailure;

    private FileHistoryStore(Path file, int maxRecords, long maxFileBytes) {
        this.file = file;
        this.reportsDir = file.resolveSibling(REPORTS);
        this.maxRecords = maxRecords;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * Opens (or creates) the history in {@code dataDir}.
     *
     * @param maxRecords   how many records are kept
     * @param maxFileBytes the file size that triggers compaction
     */
    public static FileHistoryStore open(Path dataDir, int maxRecords, long maxFileBytes, Instant now) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("the history must keep at least 1 record, was " + maxRecords);
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        FileHistoryStore store = new FileHistoryStore(dataDir.resolve(FILE), maxRecords, maxFileBytes);
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
            SyncRecord record;
            try {
                record = JSON.readValue(line, SyncRecord.class);
            } catch (RuntimeException e) {
                unreadable++;
                continue;
            }
            // histories written before reports were kept apart carry them inline
            remember(record.reports() == null ? record : storeReports(record));
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
                save(r.interrupted(now));
            }
        }
    }

    @Override
    public synchronized void save(SyncRecord record) {
        boolean known = records.containsKey(record.id());
        try {
            SyncRecord stored = record.reports() == null ? record : storeReports(record);
            remember(stored);
            append(JSON.writeValueAsString(stored) + "\n");
            if (Files.size(file) > maxFileBytes) {
                compact();
            }
            writeFailure = null;
        } catch (IOException | UncheckedIOException e) {
            if (known) {
                remember(record.withoutReports());
            } else {
                records.remove(record.id());
            }
            writeFailure = e.getMessage();
            throw e instanceof UncheckedIOException u ? u
                    : new UncheckedIOException("cannot write the sync history " + file, (IOException) e);
        }
    }

    @Override
    public synchronized Optional<String> writeFailure() {
        return Optional.ofNullable(writeFailure);
    }

    /** Read from disk. */
    @Override
    public Optional<StoredReports> reports(String id) {
        Path path = reportFile(id);
        try {
            if (!Files.exists(path)) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(path)) {
                return Optional.of(JSON.readValue(in, StoredReports.class));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the report of sync {}: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    private SyncRecord storeReports(SyncRecord record) {
        Path fresh = reportsDir.resolve(record.id() + ".json.tmp");
        try {
            Files.createDirectories(reportsDir);
            // streamed: a 65,000-entity report as one String was the service's largest allocation
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(fresh), 1 << 16)) {
                JSON.writeValue(out, record.reports());
            }
            Files.move(fresh, reportFile(record.id()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(fresh);
            } catch (IOException ignored) {
                // the directory itself is what fails
            }
            throw new UncheckedIOException("cannot write the report of sync " + record.id(), e);
        }
        return record.withoutReports();
    }

    private Path reportFile(String id) {
        // ids are kongsync's own (base-36 time and hex), but a path must never come from outside unchecked
        if (!id.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("not a sync id");
        }
        return reportsDir.resolve(id + ".json");
    }

    private void remember(SyncRecord record) {
        records.put(record.id(), record);
        while (records.size() > maxRecords) {
            String evicted = records.keySet().iterator().next();
            records.remove(evicted);
            try {
                Files.deleteIfExists(reportFile(evicted));
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot delete the report of sync {}: {}", evicted, e.getMessage());
            }
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

    @Override
    public synchronized Optional<SyncRecord> get(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public synchronized Page list(int page, int size) {
        List<SyncRecord> newestFirst = new ArrayList<>(records.values());
        java.util.Collections.reverse(newestFirst);
        int from = (int) Math.min(newestFirst.size(), (long) page * size);
        int to = Math.min(newestFirst.size(), from + size);
        return new Page(List.copyOf(newestFirst.subList(from, to)), page, size, newestFirst.size());
    }

    @Override
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
