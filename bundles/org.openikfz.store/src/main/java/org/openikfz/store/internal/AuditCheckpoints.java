package org.openikfz.store.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit chain's checkpoints, kept apart from the database: a file of lines, each saying where
 * the chain ended (position and hash) and where it started (the anchor after the § 18(3)
 * deletions), signed with the audit key and linked to the line before. Whoever can write to the
 * database but not this file (nor knows the key) cannot cut the chain's end or start and rewrite
 * the chain's record without the verification noticing. Ship the file off the host (or to WORM
 * storage) for the same guarantee against someone who can write to both.
 *
 * <p>Line format: {@code pos hash anchorPos anchorHash time mac}, space separated; the MAC covers
 * the previous line's MAC and this line's other fields.
 */
final class AuditCheckpoints {

    /** One line: the chain from after {@code anchorPos} to {@code pos}. */
    record Checkpoint(long pos, String hash, long anchorPos, String anchorHash, Instant at) {
    }

    /** The file read back: its checkpoints in order, and the lines that are not authentic. */
    record Contents(List<Checkpoint> checkpoints, List<String> problems) {
    }

    private final Path file;
    private final AuditChain chain;

    AuditCheckpoints(Path file, AuditChain chain) {
        this.file = file;
        this.chain = chain;
    }

    Path file() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    /**
     * Appends a checkpoint, flushed to disk before it returns. The file is locked while the line is
     * written, and the line links to the file's last line as it is then, so several writers (two
     * platform nodes on one file share, or a restart) keep one unbroken sequence.
     */
    Written write(Checkpoint c, boolean anchorMayMove) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                String[] last = lastLine(channel);
                Written outcome = Written.WRITTEN;
                if (last != null && last.length == 6 && !anchorMayMove && (Long.parseLong(last[2]) != c.anchorPos() || !last[3].equals(c.anchorHash()))) {
                    // only a deletion run moves the chain's start: the file keeps the start it knows
                    c = new Checkpoint(c.pos(), c.hash(), Long.parseLong(last[2]), last[3], c.at());
                    outcome = Written.START_MOVED;
                }
                if (last != null && last.length == 6) {
                    long lastPos = Long.parseLong(last[0]);
                    long lastAnchor = Long.parseLong(last[2]);
                    if (c.pos() < lastPos || c.anchorPos() < lastAnchor) {
                        return Written.BEHIND; // never written backwards: the database lost what a checkpoint saw
                    }
                    if (c.pos() == lastPos && c.hash().equals(last[1]) && c.anchorPos() == lastAnchor) {
                        return Written.UNCHANGED;
                    }
                }
                String fields = c.pos() + " " + c.hash() + " " + c.anchorPos() + " " + c.anchorHash() + " " + c.at();
                String mac = chain.mac((last == null ? AuditChain.GENESIS : last[last.length - 1]) + '\n' + fields);
                channel.position(channel.size());
                ByteBuffer line = ByteBuffer.wrap((fields + " " + mac + "\n").getBytes(StandardCharsets.US_ASCII));
                while (line.hasRemaining()) {
                    channel.write(line);
                }
                channel.force(false);
                return outcome;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit checkpoint file " + file, e);
        }
    }

    /** What {@link #write} did. */
    enum Written {
        WRITTEN, UNCHANGED,
        /** written, but with the start the file knows: the database's start moved outside a deletion run */
        START_MOVED,
        /** refused: the chain ends before (or starts after) what the last checkpoint saw */
        BEHIND
    }

    /** The fields of the file's last line (its last 512 bytes are enough), or {@code null} for an empty file. */
    private static String[] lastLine(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return null;
        }
        int n = (int) Math.min(512, size);
        ByteBuffer tail = ByteBuffer.allocate(n);
        channel.read(tail, size - n);
        String text = new String(tail.array(), 0, tail.position(), StandardCharsets.US_ASCII).strip();
        return text.substring(text.lastIndexOf('\n') + 1).split(" ");
    }

    /** Reads and authenticates every line; an empty result when the file does not exist. */
    Contents read() throws IOException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!exists()) {
            return new Contents(checkpoints, problems);
        }
        String previous = AuditChain.GENESIS;
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split(" ");
            int cut = line.strip().lastIndexOf(' ');
            if (f.length != 6 || cut < 0) {
                problems.add("checkpoint line " + number + " is malformed");
                continue;
            }
            String fields = line.strip().substring(0, cut);
            if (!chain.mac(previous + '\n' + fields).equals(f[5])) {
                problems.add("checkpoint line " + number + " is not authentic (altered, inserted, or a line before it was removed)");
            }
            previous = f[5];
            try {
                checkpoints.add(new Checkpoint(Long.parseLong(f[0]), f[1], Long.parseLong(f[2]), f[3], Instant.parse(f[4])));
            } catch (RuntimeException e) {
                problems.add("checkpoint line " + number + " is malformed");
            }
        }
        return new Contents(checkpoints, problems);
    }
}
