package org.ppcvm.linux;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.Perm;
import org.ppcvm.elf.ProgramHeader;

/**
 * What {@code /proc/self/maps} says of the guest's memory besides each page's permissions: the
 * file a page maps (path, offset, device and inode) or a name such as {@code [stack]}, and whether
 * the mapping is shared. Pages with no origin are anonymous.
 *
 * <p>The guest reads the file itself (glibc's {@code pthread_getattr_np} finds the main thread's
 * stack there), and so does gdb's {@code info proc mappings}; both must see the guest's memory,
 * not the host process's.
 */
final class MemoryMaps {
    /** Where a mapping's pages come from; {@code offset} is the file offset of page {@code start}. */
    record Origin(String name, int start, long offset, long device, long inode, boolean shared) {
        static Origin named(String name, int start) {
            return new Origin(name, start, 0, 0, 0, false);
        }
    }

    private static final int PAGES_PER_CHUNK = 1 << 10;
    private static final int PAGES = 1 << (32 - Memory.PAGE_SHIFT);

    /** The origin of each page, in chunks allocated on first use. */
    private final Origin[][] chunks = new Origin[PAGES / PAGES_PER_CHUNK][];

    /** Records {@code origin} for the pages of [start, start+size). */
    void map(int start, long size, Origin origin) {
        forPages(start, size, origin);
    }

    /** Forgets the origin of the pages of [start, start+size): they are gone or anonymous now. */
    void clear(int start, long size) {
        forPages(start, size, null);
    }

    /**
     * mremap: the origins of [from, from+oldSize) move to [to, to+newSize) (each page's file offset
     * kept), a grown tail continuing the old range's last page, as Linux extends the mapping.
     */
    void move(int from, long oldSize, int to, long newSize) {
        long fromPage = Integer.toUnsignedLong(from) >>> Memory.PAGE_SHIFT;
        long oldPages = oldSize >>> Memory.PAGE_SHIFT;
        int pages = (int) (newSize >>> Memory.PAGE_SHIFT);
        Origin[] moved = new Origin[pages];
        Map<Origin, Origin> shifted = new IdentityHashMap<>();
        for (int i = 0; i < pages && oldPages > 0; i++) {
            Origin o = at(fromPage + Math.min(i, oldPages - 1));
            if (o != null) {
                moved[i] = shifted.computeIfAbsent(
                        o,
                        x -> new Origin(
                                x.name(), x.start() + (to - from), x.offset(), x.device(), x.inode(), x.shared()));
            }
        }
        clear(from, oldSize);
        for (int i = 0; i < pages; i++) {
            forPages(to + (i << Memory.PAGE_SHIFT), Memory.PAGE_SIZE, moved[i]);
        }
    }

    /**
     * Records the file-backed pages of an ELF image's loadable segments as mappings of {@code
     * path}; the pages past a segment's file contents (its bss) stay anonymous, as Linux maps them.
     */
    void mapImage(LoadedImage image, String path, long device, long inode) {
        for (ProgramHeader ph : image.elf().programHeaders()) {
            if (ph.type() != ProgramHeader.PT_LOAD || ph.filesz() == 0) {
                continue;
            }
            int start = (ph.vaddr() + image.bias()) & ~Memory.PAGE_MASK;
            long end = AddressSpace.pageAlign(ph.vaddr() + image.bias() + ph.filesz()) & 0xFFFF_FFFFL;
            long offset = Integer.toUnsignedLong(ph.offset()) & ~(long) Memory.PAGE_MASK;
            map(start, end - Integer.toUnsignedLong(start), new Origin(path, start, offset, device, inode, false));
        }
    }

    private void forPages(int start, long size, Origin origin) {
        long first = Integer.toUnsignedLong(start) >>> Memory.PAGE_SHIFT;
        long last = Math.min(PAGES, (Integer.toUnsignedLong(start) + size + Memory.PAGE_MASK) >>> Memory.PAGE_SHIFT);
        for (long page = first; page < last; page++) {
            int chunk = (int) (page / PAGES_PER_CHUNK);
            if (chunks[chunk] == null) {
                if (origin == null) {
                    page = (long) (chunk + 1) * PAGES_PER_CHUNK - 1;
                    continue;
                }
                chunks[chunk] = new Origin[PAGES_PER_CHUNK];
            }
            chunks[chunk][(int) (page % PAGES_PER_CHUNK)] = origin;
        }
    }

    private Origin at(long page) {
        Origin[] chunk = chunks[(int) (page / PAGES_PER_CHUNK)];
        return chunk == null ? null : chunk[(int) (page % PAGES_PER_CHUNK)];
    }

    /**
     * The text of {@code /proc/self/maps}: one line per run of pages with the same permissions and
     * origin, in Linux's format (that of a 64-bit kernel), the pages of [heapStart, heapEnd) named
     * {@code [heap]}.
     */
    byte[] render(Memory memory, int heapStart, int heapEnd) {
        Origin heap = Origin.named("[heap]", heapStart);
        StringBuilder text = new StringBuilder();
        long runStart = -1;
        int runPerm = -1;
        Origin runOrigin = null;
        for (long page = 0; page <= PAGES; page++) {
            int perm = -1;
            Origin origin = null;
            if (page < PAGES) {
                int address = (int) (page << Memory.PAGE_SHIFT);
                perm = memory.permissions(address);
                origin = at(page);
                if (origin == null
                        && heapStart != heapEnd
                        && Integer.compareUnsigned(address, heapStart) >= 0
                        && Integer.compareUnsigned(address, heapEnd) < 0) {
                    origin = heap;
                }
            }
            if (perm != runPerm || origin != runOrigin) {
                if (runPerm >= 0) {
                    line(text, runStart, page, runPerm, runOrigin);
                }
                runStart = page;
                runPerm = perm;
                runOrigin = origin;
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder text, long firstPage, long endPage, int perm, Origin origin) {
        long start = firstPage << Memory.PAGE_SHIFT;
        long end = endPage << Memory.PAGE_SHIFT;
        boolean file = origin != null && origin.inode() != 0;
        long offset = file ? origin.offset() + (start - Integer.toUnsignedLong(origin.start())) : 0;
        long device = file ? origin.device() : 0;
        int lineStart = text.length();
        text.append(String.format(
                "%08x-%08x %c%c%c%c %08x %02x:%02x %d ",
                start,
                end,
                (perm & Perm.READ) != 0 ? 'r' : '-',
                (perm & Perm.WRITE) != 0 ? 'w' : '-',
                (perm & Perm.EXEC) != 0 ? 'x' : '-',
                origin != null && origin.shared() ? 's' : 'p',
                offset,
                major(device),
                minor(device),
                file ? origin.inode() : 0));
        if (origin != null) {
            // Linux pads the line to 72 characters (25 + 6 * sizeof(void *) - 1 on a 64-bit
            // kernel), then puts one more space before the name.
            final int padTo = 72;
            text.append(" ".repeat(Math.max(0, padTo - (text.length() - lineStart))));
            text.append(' ').append(origin.name());
        }
        text.append('\n');
    }

    /** The major number of a Linux dev_t, as glibc's gnu_dev_major takes it apart. */
    static long major(long device) {
        return ((device >>> 8) & 0xfff) | ((device >>> 32) & ~0xfffL);
    }

    /** The minor number of a Linux dev_t, as glibc's gnu_dev_minor takes it apart. */
    static long minor(long device) {
        return (device & 0xff) | ((device >>> 12) & ~0xffL);
    }
}
