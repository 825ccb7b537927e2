package org.ppcvm.linux;

import java.util.ArrayList;
import java.util.List;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.linux.host.HostOs;
import org.ppcvm.linux.host.HostStat;
import org.ppcvm.linux.host.Out;

/**
 * MAP_SHARED mappings of files: their pages are guest memory like any other, and what the guest
 * wrote goes back to the file at msync, munmap and the end of the process (where Linux's page
 * cache would have made it visible already). Only the part of a page that lies within the file
 * is written, as Linux never extends a file through a mapping.
 */
final class SharedFileMappings {
    /** One mapping: guest [start, start+length) shows the file behind {@code hostFd} from {@code offset}. */
    private record Mapping(int start, long length, int hostFd, long offset) {
        long end() {
            return Integer.toUnsignedLong(start) + length;
        }
    }

    private final HostOs host;
    private final Memory memory;
    private final List<Mapping> mappings = new ArrayList<>();

    SharedFileMappings(HostOs host, Memory memory) {
        this.host = host;
        this.memory = memory;
    }

    /** Records a shared mapping; keeps its own duplicate of the descriptor (the guest may close its). */
    void add(int start, long length, int hostFd, long offset) {
        long dup = host.dup(hostFd);
        if (dup >= 0) {
            mappings.add(new Mapping(start, length, (int) dup, offset));
        }
    }

    /** msync: writes the shared pages of [addr, addr+len) back to their files. */
    void writeBack(int addr, long len) {
        long from = Integer.toUnsignedLong(addr);
        long to = from + len;
        for (Mapping m : mappings) {
            long start = Math.max(from, Integer.toUnsignedLong(m.start()));
            long end = Math.min(to, m.end());
            if (start < end) {
                write(m, start, end);
            }
        }
    }

    private void write(Mapping m, long start, long end) {
        Out<HostStat> st = new Out<>();
        if (host.fstat(m.hostFd(), st) < 0) {
            return;
        }
        long fileOffset = m.offset() + (start - Integer.toUnsignedLong(m.start()));
        long inFile = Math.min(end - start, st.get().size() - fileOffset);
        if (inFile <= 0) {
            return;
        }
        byte[] bytes = new byte[(int) inFile];
        int n = memory.readRaw((int) start, bytes, 0, bytes.length);
        for (int done = 0; done < n; ) {
            long w = host.pwrite64(m.hostFd(), bytes, done, n - done, fileOffset + done);
            if (w <= 0) {
                return;
            }
            done += (int) w;
        }
    }

    /** munmap: writes back what goes, and forgets mappings that are wholly gone. */
    void unmap(int addr, long len) {
        writeBack(addr, len);
        long from = Integer.toUnsignedLong(addr);
        long to = from + len;
        mappings.removeIf(m -> {
            boolean gone = from <= Integer.toUnsignedLong(m.start()) && m.end() <= to;
            if (gone) {
                host.close(m.hostFd());
            }
            return gone;
        });
    }

    /** The end of the process: everything goes back. */
    void writeBackAll() {
        for (Mapping m : mappings) {
            write(m, Integer.toUnsignedLong(m.start()), m.end());
            host.close(m.hostFd());
        }
        mappings.clear();
    }
}
