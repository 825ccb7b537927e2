package org.ppcvm.gdb.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.ppcvm.gdb.protocol.Packets;

/**
 * gdb's Host I/O packets ({@code vFile:operation:parameters}, GDB manual "Host I/O Packets"): gdb
 * reads the target's files through them, the executable and, with a sysroot, the dynamic linker
 * and libraries. Target paths are turned into host files by {@link GdbTarget#hostFile}; the files
 * are read only.
 *
 * <p>Numbers in the packets are hex, negative ones with a minus sign; file names are hex-encoded
 * bytes (UTF-8 here). Every reply is {@code F result[,errno][;attachment]}: the result in hex,
 * {@code -1} with an errno of gdb's File-I/O numbering on failure, and for {@code pread}, {@code
 * fstat} and {@code readlink} the data as escaped binary. Malformed parameters get {@code EINVAL}
 * in that form rather than an {@code E NN} reply, since gdb reads every Host I/O reply as {@code
 * F}. Operations not listed here ({@code pwrite}, {@code unlink}) get the empty reply: gdb then
 * says the target does not support them.
 *
 * <p>The operations, by their exact name up to the second colon:
 *
 * <ul>
 *   <li>{@code setfs:pid}: 0 (the stub's view, which is the process's here) succeeds; another pid
 *       fails with {@code EINVAL}, as this stub does not announce multiprocess and gdb then
 *       always sends 0.
 *   <li>{@code open:name,flags,mode}: a new file descriptor. Only read-only opens: write access,
 *       {@code O_APPEND}, {@code O_CREAT} and {@code O_TRUNC} fail with {@code EROFS}, what Linux
 *       says for a read-only file system; unknown flag bits with {@code EINVAL}. A directory fails
 *       with {@code EISDIR} (POSIX would open it, but no gdb request reads one). At most {@link
 *       #MAX_OPEN_FILES} are open at once ({@code EMFILE}); descriptors count from {@link
 *       #FIRST_FD}, the lowest free one first, as a process's do.
 *   <li>{@code pread:fd,count,offset}: up to {@code count} bytes at {@code offset}, fewer when the
 *       escaped data would not fit a {@link GdbSession#PACKET_SIZE} reply (a short read, which gdb
 *       continues from), none at or past the end.
 *   <li>{@code close:fd}, {@code fstat:fd}: the latter's attachment is the File-I/O protocol's
 *       64-byte big-endian {@code struct stat} ({@link #statBytes}).
 *   <li>{@code readlink:name}: the link's text; {@code EINVAL} for a file that is no link.
 * </ul>
 *
 * <p>{@link #close()} closes every file still open; the session calls it when gdb goes away.
 */
final class HostFileService implements AutoCloseable {
    /** How many files gdb may hold open at once. */
    static final int MAX_OPEN_FILES = 64;

    /** The first descriptor handed out (0 to 2 read as a process's standard streams). */
    static final int FIRST_FD = 3;

    /** Linux's PATH_MAX, the terminating NUL included: a name of this many bytes is too long. */
    static final int PATH_MAX = 4096;

    /** The size of the File-I/O {@code struct stat}. */
    static final int STAT_SIZE = 64;

    /** The errno values of gdb's File-I/O protocol (GDB manual, "Errno Values"). */
    enum Errno {
        EPERM(1),
        ENOENT(2),
        EINTR(4),
        EBADF(9),
        EACCES(13),
        EFAULT(14),
        EBUSY(16),
        EEXIST(17),
        ENODEV(19),
        ENOTDIR(20),
        EISDIR(21),
        EINVAL(22),
        ENFILE(23),
        EMFILE(24),
        EFBIG(27),
        ENOSPC(28),
        ESPIPE(29),
        EROFS(30),
        ENAMETOOLONG(91),
        EUNKNOWN(9999);

        private final int number;

        Errno(int number) {
            this.number = number;
        }

        int number() {
            return number;
        }
    }

    // open(2) flags of the File-I/O protocol (GDB manual, "Open Flags").
    private static final int O_ACCMODE = 0x3;
    private static final int O_APPEND = 0x8;
    private static final int O_CREAT = 0x200;
    private static final int O_TRUNC = 0x400;
    private static final int O_EXCL = 0x800;
    private static final int O_KNOWN = O_ACCMODE | O_APPEND | O_CREAT | O_TRUNC | O_EXCL;
    private static final int O_MODIFY = O_APPEND | O_CREAT | O_TRUNC;

    // mode_t values of the File-I/O protocol (GDB manual, "mode_t Values"), octal.
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 040000;

    /** st_blksize: the block size we claim, since Java does not tell the host's. */
    private static final long BLOCK_SIZE = 4096;

    /** st_blocks counts 512-byte units, as on Linux. */
    private static final long STAT_BLOCK = 512;

    /** The largest reply header {@code F<count>;} of a read, with up to 8 hex digits of count. */
    private static final int READ_HEADER = 1 + 8 + 1;

    /**
     * Host errors Java reports only by their text (a {@link FileSystemException}'s reason, the C
     * library's message for the errno), for the errnos gdb's protocol has.
     */
    private static final Map<String, Errno> REASONS = Map.of(
            "Not a directory", Errno.ENOTDIR,
            "File name too long", Errno.ENAMETOOLONG,
            "Is a directory", Errno.EISDIR,
            "Too many open files", Errno.EMFILE,
            "Too many open files in system", Errno.ENFILE,
            "Permission denied", Errno.EACCES,
            "Operation not permitted", Errno.EPERM,
            "No such file or directory", Errno.ENOENT,
            "Invalid argument", Errno.EINVAL);

    /** A failed operation, carried out of the handler to become {@code F-1,errno}. */
    private static final class HostIoFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final Errno errno;

        HostIoFailure(Errno errno) {
            super(errno.name(), null, false, false);
            this.errno = errno;
        }
    }

    /** One operation: parameters in, reply out. */
    @FunctionalInterface
    private interface Operation {
        String apply(String parameters) throws HostIoFailure;
    }

    /**
     * An open file: a host file's channel and path, or the bytes of a file the target's kernel
     * made up ({@link GdbTarget#kernelFile}), taken when it was opened, as Linux's seq files are.
     */
    private record OpenFile(FileChannel channel, Path path, byte[] contents) {}

    private final GdbTarget target;
    private final Map<String, Operation> operations;
    private final TreeMap<Integer, OpenFile> files = new TreeMap<>();

    HostFileService(GdbTarget target) {
        this.target = target;
        this.operations = Map.of(
                "setfs", this::setfs,
                "open", this::open,
                "pread", this::pread,
                "close", this::closeFile,
                "fstat", this::fstat,
                "readlink", this::readlink);
    }

    /**
     * The reply to a {@code vFile} packet, given what follows {@code vFile:}; the empty reply for
     * an operation we do not have.
     */
    String handle(String request) {
        int colon = request.indexOf(':');
        if (colon < 0) {
            return "";
        }
        Operation operation = operations.get(request.substring(0, colon));
        if (operation == null) {
            return "";
        }
        try {
            return operation.apply(request.substring(colon + 1));
        } catch (HostIoFailure e) {
            return failure(e.errno);
        } catch (IllegalArgumentException e) {
            return failure(Errno.EINVAL);
        }
    }

    /** The number of files open now. */
    int openFiles() {
        return files.size();
    }

    /** Closes every open file; the service stays usable. */
    @Override
    public void close() {
        for (OpenFile f : files.values()) {
            if (f.channel() == null) {
                continue;
            }
            try {
                f.channel().close();
            } catch (IOException e) {
                // Nothing to tell: gdb is gone.
            }
        }
        files.clear();
    }

    // ---- operations ----------------------------------------------------------------------------

    private String setfs(String parameters) throws HostIoFailure {
        long pid = parseNumber(parameters);
        if (pid != 0) {
            throw new HostIoFailure(Errno.EINVAL);
        }
        return success(0);
    }

    private String open(String parameters) throws HostIoFailure {
        String[] parts = parameters.split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("open needs name,flags,mode");
        }
        String name = fileName(parts[0]);
        long flags = parseNumber(parts[1]);
        parseNumber(parts[2]);
        if (flags < 0 || (flags & ~O_KNOWN) != 0 || (flags & O_ACCMODE) == O_ACCMODE) {
            throw new HostIoFailure(Errno.EINVAL);
        }
        if ((flags & O_ACCMODE) != 0 || (flags & O_MODIFY) != 0) {
            throw new HostIoFailure(Errno.EROFS);
        }
        if (files.size() >= MAX_OPEN_FILES) {
            throw new HostIoFailure(Errno.EMFILE);
        }
        Optional<byte[]> made = target.kernelFile(name);
        if (made.isPresent()) {
            int fd = lowestFreeFd();
            files.put(fd, new OpenFile(null, null, made.get()));
            return success(fd);
        }
        Path path = hostPath(name);
        if (Files.isDirectory(path)) {
            throw new HostIoFailure(Errno.EISDIR);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new HostIoFailure(errnoOf(e));
        }
        int fd = lowestFreeFd();
        files.put(fd, new OpenFile(channel, path, null));
        return success(fd);
    }

    private String pread(String parameters) throws HostIoFailure {
        String[] parts = parameters.split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("pread needs fd,count,offset");
        }
        OpenFile file = file(parts[0]);
        long count = parseNumber(parts[1]);
        long offset = parseNumber(parts[2]);
        if (count < 0 || offset < 0) {
            throw new HostIoFailure(Errno.EINVAL);
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, GdbSession.PACKET_SIZE - READ_HEADER));
        if (file.contents() != null) {
            byte[] contents = file.contents();
            int from = (int) Math.min(offset, contents.length);
            int n = Math.min(buffer.capacity(), contents.length - from);
            return withAttachment(Arrays.copyOfRange(contents, from, from + n), GdbSession.PACKET_SIZE);
        }
        try {
            // Past the end there is nothing to read (and the host may refuse offsets near 2^63).
            if (offset >= file.channel().size()) {
                buffer.limit(0);
            }
            while (buffer.hasRemaining()) {
                int n = file.channel().read(buffer, offset + buffer.position());
                if (n < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new HostIoFailure(errnoOf(e));
        }
        return withAttachment(Arrays.copyOf(buffer.array(), buffer.position()), GdbSession.PACKET_SIZE);
    }

    private String closeFile(String parameters) throws HostIoFailure {
        int fd = fd(parameters);
        OpenFile file = files.remove(fd);
        if (file == null) {
            throw new HostIoFailure(Errno.EBADF);
        }
        if (file.channel() == null) {
            return success(0);
        }
        try {
            file.channel().close();
        } catch (IOException e) {
            // The descriptor is gone all the same, as after a failing close(2).
            throw new HostIoFailure(Errno.EUNKNOWN);
        }
        return success(0);
    }

    private String fstat(String parameters) throws HostIoFailure {
        OpenFile file = file(parameters);
        try {
            if (file.contents() != null) {
                return withAttachment(madeUpStat(file.contents().length), Integer.MAX_VALUE);
            }
            return withAttachment(statBytes(file.path(), file.channel().size()), Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new HostIoFailure(errnoOf(e));
        }
    }

    private String readlink(String parameters) throws HostIoFailure {
        String name = fileName(parameters);
        Optional<String> made = target.kernelLink(name);
        String link;
        if (made.isPresent()) {
            link = made.get();
        } else {
            try {
                link = Files.readSymbolicLink(hostPath(name)).toString();
            } catch (IOException e) {
                throw new HostIoFailure(errnoOf(e));
            }
        }
        byte[] text = link.getBytes(StandardCharsets.UTF_8);
        String reply = withAttachment(text, Integer.MAX_VALUE);
        if (reply.length() > GdbSession.PACKET_SIZE) {
            throw new HostIoFailure(Errno.ENAMETOOLONG);
        }
        return reply;
    }

    // ---- struct stat ---------------------------------------------------------------------------

    /**
     * The File-I/O {@code struct stat} of a host file, 64 bytes big-endian: st_dev, st_ino,
     * st_mode, st_nlink, st_uid, st_gid, st_rdev (32 bits each), st_size, st_blksize, st_blocks (64
     * bits each), st_atime, st_mtime, st_ctime (32-bit seconds). st_dev is 0, which the protocol
     * reserves for files (1 is the console); st_mode keeps the file type (regular or directory)
     * and the permission bits, the only ones the protocol defines. The inode, link count, owner
     * and device come from the host when its file system reports them, else 0 (1 for the links).
     *
     * @param size the size to report (an open file's, which may differ from the path's now)
     */
    static byte[] statBytes(Path path, long size) throws IOException {
        BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class);
        Map<String, Object> unix = unixAttributes(path);
        int type = basic.isDirectory() ? S_IFDIR : basic.isRegularFile() ? S_IFREG : 0;
        int permissions = unix.get("mode") instanceof Integer mode ? mode & 0777 : posixPermissions(path);
        return stat(
                (int) number(unix.get("ino"), 0),
                type | permissions,
                (int) number(unix.get("nlink"), 1),
                (int) number(unix.get("uid"), 0),
                (int) number(unix.get("gid"), 0),
                (int) number(unix.get("rdev"), 0),
                size,
                seconds(basic.lastAccessTime()),
                seconds(basic.lastModifiedTime()),
                seconds(unix.get("ctime") instanceof FileTime ctime ? ctime : basic.lastModifiedTime()));
    }

    /** The {@code struct stat} of a made-up file: regular, read-only, one link, times 0. */
    private static byte[] madeUpStat(long size) {
        return stat(0, S_IFREG | 0444, 1, 0, 0, 0, size, 0, 0, 0);
    }

    /** The File-I/O {@code struct stat} of these values (st_dev 0, the block count from the size). */
    private static byte[] stat(
            int ino, int mode, int nlink, int uid, int gid, int rdev, long size, int atime, int mtime, int ctime) {
        ByteBuffer b = ByteBuffer.allocate(STAT_SIZE);
        b.putInt(0)
                .putInt(ino)
                .putInt(mode)
                .putInt(nlink)
                .putInt(uid)
                .putInt(gid)
                .putInt(rdev);
        b.putLong(size).putLong(BLOCK_SIZE).putLong((size + STAT_BLOCK - 1) / STAT_BLOCK);
        b.putInt(atime).putInt(mtime).putInt(ctime);
        return b.array();
    }

    // The "unix" attribute view (inode, mode, links, owner ids) exists on Linux and macOS JDKs.
    private static Map<String, Object> unixAttributes(Path path) {
        try {
            return Files.readAttributes(path, "unix:ino,mode,nlink,uid,gid,rdev,ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return Map.of();
        }
    }

    private static int posixPermissions(Path path) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IOException e) {
            return 0444;
        }
        int bits = 0;
        for (PosixFilePermission p : permissions) {
            bits |= switch (p) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return bits;
    }

    private static long number(Object value, long otherwise) {
        return value instanceof Number n ? n.longValue() : otherwise;
    }

    // time_t is 32 bits in the protocol: seconds since the epoch, wrapping in 2106 read unsigned.
    private static int seconds(FileTime time) {
        return (int) time.to(TimeUnit.SECONDS);
    }

    // ---- parameters ----------------------------------------------------------------------------

    /**
     * A number as Host I/O writes it: hex, negative with a leading minus sign.
     *
     * @throws IllegalArgumentException if it is not one or does not fit a long
     */
    static long parseNumber(String text) {
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        long value = Packets.parseHexNumber(digits);
        if (value < 0) {
            throw new IllegalArgumentException("number out of range: " + text);
        }
        return negative ? -value : value;
    }

    private int fd(String text) throws HostIoFailure {
        long fd = parseNumber(text);
        if (fd < 0 || fd > Integer.MAX_VALUE) {
            throw new HostIoFailure(Errno.EBADF);
        }
        return (int) fd;
    }

    private OpenFile file(String fdText) throws HostIoFailure {
        OpenFile file = files.get(fd(fdText));
        if (file == null) {
            throw new HostIoFailure(Errno.EBADF);
        }
        return file;
    }

    private static String fileName(String hex) throws HostIoFailure {
        byte[] bytes = Packets.fromHex(hex);
        if (bytes.length == 0) {
            throw new HostIoFailure(Errno.ENOENT);
        }
        if (bytes.length >= PATH_MAX) {
            throw new HostIoFailure(Errno.ENAMETOOLONG);
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new HostIoFailure(Errno.EINVAL);
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private Path hostPath(String targetPath) throws HostIoFailure {
        Optional<Path> path = target.hostFile(targetPath);
        if (path.isEmpty()) {
            throw new HostIoFailure(Errno.ENOENT);
        }
        return path.get();
    }

    private int lowestFreeFd() {
        int fd = FIRST_FD;
        for (int used : files.keySet()) {
            if (used != fd) {
                break;
            }
            fd++;
        }
        return fd;
    }

    /** The errno for a failed host file operation; Java names few causes, the rest by their text. */
    static Errno errnoOf(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> Errno.ENOENT;
            case AccessDeniedException a -> Errno.EACCES;
            case NotDirectoryException n -> Errno.ENOTDIR;
            case NotLinkException n -> Errno.EINVAL;
            case FileSystemException f when f.getReason() != null -> reasonErrno(f.getReason());
            default -> Errno.EUNKNOWN;
        };
    }

    private static Errno reasonErrno(String reason) {
        return REASONS.getOrDefault(reason, Errno.EUNKNOWN);
    }

    // ---- replies -------------------------------------------------------------------------------

    private static String success(long result) {
        return "F" + Long.toHexString(result);
    }

    private static String failure(Errno errno) {
        return "F-1," + Integer.toHexString(errno.number());
    }

    /**
     * {@code F<n>;<escaped data>} for the longest prefix of the data whose reply fits {@code limit}
     * characters; n counts the data bytes sent, not the escaped ones.
     */
    private static String withAttachment(byte[] data, int limit) {
        int budget = limit - READ_HEADER;
        int n = 0;
        int escapedLength = 0;
        while (n < data.length) {
            int size = Packets.needsEscape(data[n]) ? 2 : 1;
            if (escapedLength + size > budget) {
                break;
            }
            escapedLength += size;
            n++;
        }
        byte[] escaped = Packets.escape(Arrays.copyOf(data, n));
        return success(n) + ";" + new String(escaped, StandardCharsets.ISO_8859_1);
    }
}
