package org.ppcvm.linux.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ppcvm.linux.host.HostConstants.AT_FDCWD;
import static org.ppcvm.linux.host.HostConstants.AT_REMOVEDIR;
import static org.ppcvm.linux.host.HostConstants.AT_SYMLINK_NOFOLLOW;
import static org.ppcvm.linux.host.HostConstants.O_CLOEXEC;
import static org.ppcvm.linux.host.HostConstants.O_CREAT;
import static org.ppcvm.linux.host.HostConstants.O_DIRECTORY;
import static org.ppcvm.linux.host.HostConstants.O_NONBLOCK;
import static org.ppcvm.linux.host.HostConstants.O_RDONLY;
import static org.ppcvm.linux.host.HostConstants.O_RDWR;
import static org.ppcvm.linux.host.HostConstants.O_WRONLY;
import static org.ppcvm.linux.host.HostOs.path;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link HostOs} on real files, directories, pipes and terminals, checked with Java's own file API. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostOsTest {
    @TempDir
    Path tmp;

    private HostOs os;
    private final List<Integer> opened = new ArrayList<>();

    @BeforeEach
    void open() {
        os = new HostOs();
    }

    @AfterEach
    void close() {
        for (int fd : opened) {
            os.close(fd);
        }
        os.close();
    }

    private int fd(long result) {
        assertThat(result).as("descriptor").isNotNegative();
        opened.add((int) result);
        return (int) result;
    }

    private static byte[] p(Path path) {
        return path(path.toString());
    }

    private int[] pipe(int flags) {
        int[] fds = new int[2];
        assertThat(os.pipe2(fds, flags)).isZero();
        opened.add(fds[0]);
        opened.add(fds[1]);
        return fds;
    }

    // ---- errno ---------------------------------------------------------------------------------

    @Test
    void openOfAMissingFileIsMinusEnoent() {
        assertThat(os.open(p(tmp.resolve("missing")), O_RDONLY, 0))
                .isEqualTo(-Errno.ENOENT)
                .isEqualTo(-2);
    }

    @Test
    void failuresReturnTheirErrno() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        Path dir = Files.createDirectory(tmp.resolve("d"));
        Files.writeString(dir.resolve("inside"), "y");
        assertThat(os.close(-1)).isEqualTo(-Errno.EBADF);
        assertThat(os.read(12345, new byte[4], 0, 4)).isEqualTo(-Errno.EBADF);
        assertThat(os.mkdirat(AT_FDCWD, p(dir), 0755)).isEqualTo(-Errno.EEXIST);
        assertThat(os.unlinkat(AT_FDCWD, p(dir), 0)).isEqualTo(-Errno.EISDIR);
        assertThat(os.unlinkat(AT_FDCWD, p(dir), AT_REMOVEDIR)).isEqualTo(-Errno.ENOTEMPTY);
        assertThat(os.open(p(dir), O_WRONLY, 0)).isEqualTo(-Errno.EISDIR);
        assertThat(os.open(p(file), O_RDONLY | O_DIRECTORY, 0)).isEqualTo(-Errno.ENOTDIR);
        assertThat(os.open(p(file.resolve("sub")), O_RDONLY, 0)).isEqualTo(-Errno.ENOTDIR);
        assertThat(os.faccessat(AT_FDCWD, p(tmp.resolve("none")), 0, 0)).isEqualTo(-Errno.ENOENT);
        assertThat(os.fcntl(-1, HostConstants.F_GETFD, 0)).isEqualTo(-Errno.EBADF);
        int[] pipe = pipe(0);
        assertThat(os.lseek(pipe[0], 0, HostConstants.SEEK_SET)).isEqualTo(-Errno.ESPIPE);
        assertThat(os.clockGettime(12345, new Out<>())).isEqualTo(-Errno.EINVAL);
    }

    // ---- Files -------------------------------------------------------------------------------

    @Test
    void writeSeekReadAndStatAFile() throws IOException {
        Path file = tmp.resolve("data");
        int fd = fd(os.open(p(file), O_CREAT | O_RDWR | O_CLOEXEC, 0640));
        byte[] hello = "hello, world".getBytes(StandardCharsets.US_ASCII);
        assertThat(os.write(fd, hello, 0, hello.length)).isEqualTo(hello.length);
        assertThat(Files.readAllBytes(file)).isEqualTo(hello);

        assertThat(os.lseek(fd, 7, HostConstants.SEEK_SET)).isEqualTo(7);
        byte[] buf = new byte[32];
        assertThat(os.read(fd, buf, 3, 32 - 3)).isEqualTo(5);
        assertThat(Arrays.copyOfRange(buf, 3, 8)).isEqualTo("world".getBytes(StandardCharsets.US_ASCII));
        assertThat(os.read(fd, buf, 0, 32)).as("end of file").isZero();

        assertThat(os.pwrite64(fd, "J".getBytes(StandardCharsets.US_ASCII), 0, 1, 7))
                .isEqualTo(1);
        assertThat(os.pread64(fd, buf, 0, 5, 7)).isEqualTo(5);
        assertThat(new String(buf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("Jorld");
        assertThat(os.lseek(fd, 0, HostConstants.SEEK_CUR))
                .as("pread/pwrite keep the offset")
                .isEqualTo(12);

        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2001-02-03T04:05:06.789Z")));
        Out<HostStat> st = new Out<>();
        assertThat(os.fstat(fd, st)).isZero();
        assertThat(st.get().size()).isEqualTo(Files.size(file));
        assertThat(st.get().mode() & HostStat.S_IFMT).isEqualTo(HostStat.S_IFREG);
        assertThat(st.get().mode() & 0777).isEqualTo(0640 & ~currentUmask());
        assertThat(st.get().ino()).isEqualTo(Files.getAttribute(file, "unix:ino"));
        assertThat(st.get().nlink()).isEqualTo(1);
        assertThat(st.get().uid()).isEqualTo(Files.getAttribute(file, "unix:uid"));
        assertThat(st.get().mtime()).isEqualTo(new Timespec(981173106L, 789_000_000L));

        assertThat(os.ftruncate(fd, 3)).isZero();
        assertThat(os.fsync(fd)).isZero();
        assertThat(os.fdatasync(fd)).isZero();
        assertThat(Files.size(file)).isEqualTo(3);
    }

    private int currentUmask() {
        int old = (int) os.umask(022);
        os.umask(old);
        return old;
    }

    @Test
    void umaskReturnsThePreviousMask() {
        int old = (int) os.umask(077);
        try {
            assertThat(os.umask(027)).isEqualTo(077);
        } finally {
            os.umask(old);
        }
    }

    @Test
    void readvAndWritevScatterAndGatherInOrder() throws IOException {
        Path file = tmp.resolve("vec");
        int fd = fd(os.open(p(file), O_CREAT | O_RDWR, 0600));
        byte[] a = "abc".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "--defgh--".getBytes(StandardCharsets.US_ASCII);
        assertThat(os.writev(fd, List.of(IoSlice.of(a), new IoSlice(b, 2, 5), IoSlice.of(new byte[0]))))
                .isEqualTo(8);
        assertThat(Files.readString(file)).isEqualTo("abcdefgh");

        assertThat(os.lseek(fd, 0, HostConstants.SEEK_SET)).isZero();
        byte[] x = new byte[2];
        byte[] y = new byte[10];
        assertThat(os.readv(fd, List.of(IoSlice.of(x), new IoSlice(y, 4, 6)))).isEqualTo(8);
        assertThat(new String(x, StandardCharsets.US_ASCII)).isEqualTo("ab");
        assertThat(new String(y, 4, 6, StandardCharsets.US_ASCII)).isEqualTo("cdefgh");
        assertThat(y[3]).isZero();
    }

    @Test
    void statAndStatxAgreeWithJava() throws IOException {
        Path file = Files.write(tmp.resolve("s"), new byte[5000]);
        Path link = Files.createSymbolicLink(tmp.resolve("l"), file);
        Out<HostStat> st = new Out<>();
        assertThat(os.fstatat(AT_FDCWD, p(link), 0, st)).isZero();
        assertThat(st.get().size()).isEqualTo(5000);
        assertThat(os.fstatat(AT_FDCWD, p(link), AT_SYMLINK_NOFOLLOW, st)).isZero();
        assertThat(st.get().mode() & HostStat.S_IFMT).isEqualTo(HostStat.S_IFLNK);

        Out<HostStatx> stx = new Out<>();
        assertThat(os.statx(AT_FDCWD, p(file), 0, 0xffff_ffff, stx)).isZero();
        HostStatx x = stx.get();
        assertThat(x.mask() & HostConstants.STATX_BASIC_STATS).isEqualTo(HostConstants.STATX_BASIC_STATS);
        assertThat(x.mask() & ~HostStatx.KNOWN_MASK)
                .as("only members the record carries")
                .isZero();
        assertThat(os.fstatat(AT_FDCWD, p(file), 0, st)).isZero();
        assertThat(x.size()).isEqualTo(st.get().size());
        assertThat(x.ino()).isEqualTo(st.get().ino());
        assertThat(x.mode()).isEqualTo(st.get().mode());
        assertThat(x.blocks()).isEqualTo(st.get().blocks());
        assertThat(x.mtime()).isEqualTo(st.get().mtime());
        assertThat(x.ctime()).isEqualTo(st.get().ctime());
        // st_dev packs major and minor as glibc's makedev does.
        long dev = st.get().dev();
        assertThat(x.devMajor()).isEqualTo((int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL)));
        assertThat(x.devMinor()).isEqualTo((int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL)));
    }

    @Test
    void directoryOperations() throws IOException {
        assertThat(os.mkdirat(AT_FDCWD, p(tmp.resolve("d")), 0755)).isZero();
        assertThat(Files.isDirectory(tmp.resolve("d"))).isTrue();
        int dirFd = fd(os.open(p(tmp), O_RDONLY | O_DIRECTORY, 0));
        assertThat(os.renameat(dirFd, path("d"), AT_FDCWD, p(tmp.resolve("e")))).isZero();
        assertThat(Files.isDirectory(tmp.resolve("e"))).isTrue();
        assertThat(os.faccessat(dirFd, path("e"), 1 | 2 | 4, 0)).isZero();
        assertThat(os.unlinkat(dirFd, path("e"), AT_REMOVEDIR)).isZero();
        assertThat(Files.exists(tmp.resolve("e"))).isFalse();

        Files.createSymbolicLink(tmp.resolve("link"), Path.of("some/target"));
        byte[] target = new byte[64];
        long n = os.readlinkat(dirFd, path("link"), target);
        assertThat(new String(target, 0, (int) n, StandardCharsets.UTF_8)).isEqualTo("some/target");
        byte[] shortBuf = new byte[4];
        assertThat(os.readlinkat(dirFd, path("link"), shortBuf)).as("truncated").isEqualTo(4);
    }

    @Test
    void getdents64ListsTheEntries() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("list"));
        Set<String> expected = new HashSet<>(Set.of(".", ".."));
        for (String name : List.of("a", "bb", "ccc", "a-much-longer-name-than-the-others.txt")) {
            Files.writeString(dir.resolve(name), name);
            expected.add(name);
        }
        Files.createDirectory(dir.resolve("sub"));
        expected.add("sub");
        int fd = fd(os.open(p(dir), O_RDONLY | O_DIRECTORY, 0));
        Set<String> seen = new HashSet<>();
        byte[] buf = new byte[64]; // small, so that several calls are needed
        while (true) {
            long n = os.getdents64(fd, buf, buf.length);
            assertThat(n).isNotNegative();
            if (n == 0) {
                break;
            }
            ByteBuffer b = ByteBuffer.wrap(buf, 0, (int) n).order(ByteOrder.LITTLE_ENDIAN);
            int at = 0;
            while (at < n) {
                int reclen = Short.toUnsignedInt(b.getShort(at + 16));
                assertThat(reclen % 8).isZero();
                int type = buf[at + 18];
                int end = at + 19;
                while (buf[end] != 0) {
                    end++;
                }
                String name = new String(buf, at + 19, end - at - 19, StandardCharsets.UTF_8);
                seen.add(name);
                if (name.equals("sub")) {
                    assertThat(type).as("DT_DIR").isEqualTo(4);
                } else if (!name.startsWith(".")) {
                    assertThat(type).as("DT_REG").isEqualTo(8);
                    assertThat(b.getLong(at)).isEqualTo(Files.getAttribute(dir.resolve(name), "unix:ino"));
                }
                at += reclen;
            }
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(os.lseek(fd, 0, HostConstants.SEEK_SET)).isZero();
        assertThat(os.getdents64(fd, new byte[8], 8))
                .as("buffer too small for any record")
                .isEqualTo(-Errno.EINVAL);
    }

    // ---- Working directory -------------------------------------------------------------------

    @Test
    void chdirMovesOnlyThisInstancesDirectory() throws IOException {
        Path jvmCwd = Path.of("").toAbsolutePath();
        Path sub = Files.createDirectory(tmp.resolve("work"));
        Files.writeString(sub.resolve("here"), "x");
        assertThat(os.chdir(p(sub))).isZero();

        byte[] cwd = new byte[4096];
        long n = os.getcwd(cwd);
        assertThat(n).isPositive();
        assertThat(cwd[(int) n - 1]).as("NUL").isZero();
        assertThat(new String(cwd, 0, (int) n - 1, StandardCharsets.UTF_8))
                .isEqualTo(sub.toRealPath().toString());
        assertThat(os.faccessat(AT_FDCWD, path("here"), 0, 0)).isZero();
        assertThat(os.open(path("here"), O_RDONLY | O_CLOEXEC, 0)).satisfies(fd -> {
            assertThat(fd).isNotNegative();
            os.close(fd.intValue());
        });
        assertThat(os.getcwd(new byte[3])).isEqualTo(-Errno.ERANGE);

        assertThat(os.chdir(path(".."))).isZero();
        n = os.getcwd(cwd);
        assertThat(new String(cwd, 0, (int) n - 1, StandardCharsets.UTF_8))
                .isEqualTo(tmp.toRealPath().toString());
        int dirFd = fd(os.open(p(sub), O_RDONLY | O_DIRECTORY, 0));
        assertThat(os.fchdir(dirFd)).isZero();
        n = os.getcwd(cwd);
        assertThat(new String(cwd, 0, (int) n - 1, StandardCharsets.UTF_8))
                .isEqualTo(sub.toRealPath().toString());

        assertThat(os.chdir(path("here"))).isEqualTo(-Errno.ENOTDIR);
        assertThat(os.chdir(path("nowhere"))).isEqualTo(-Errno.ENOENT);
        int fileFd = fd(os.open(p(sub.resolve("here")), O_RDONLY, 0));
        assertThat(os.fchdir(fileFd)).isEqualTo(-Errno.ENOTDIR);

        try (HostOs other = new HostOs()) {
            n = other.getcwd(cwd);
            assertThat(new String(cwd, 0, (int) n - 1, StandardCharsets.UTF_8))
                    .isEqualTo(jvmCwd.toRealPath().toString());
        }
        assertThat(Path.of("").toAbsolutePath()).isEqualTo(jvmCwd);
    }

    @Test
    void getcwdOfARemovedDirectoryIsEnoent() throws IOException {
        Path gone = Files.createDirectory(tmp.resolve("gone"));
        assertThat(os.chdir(p(gone))).isZero();
        Files.delete(gone);
        assertThat(os.getcwd(new byte[4096])).isEqualTo(-Errno.ENOENT);
    }

    @Test
    void chdirNeedsSearchPermissionAsTheKernelJudgesIt() throws IOException {
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, Set.of());
        try {
            // access(X_OK) is the kernel's own verdict for this user: EACCES for an ordinary
            // user, allowed for root (CAP_DAC_READ_SEARCH), which is how CI runs.
            long expected = Files.isExecutable(locked) ? 0 : -Errno.EACCES;
            assertThat(os.chdir(p(locked))).isEqualTo(expected);
        } finally {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    // ---- Sockets, epoll, memfd ---------------------------------------------------------------

    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int MSG_DONTWAIT = 0x40;

    /** 127.0.0.1, port 0, in the host's struct sockaddr_in. */
    private static byte[] loopback() {
        return ByteBuffer.allocate(16)
                .order(ByteOrder.nativeOrder())
                .putShort((short) AF_INET)
                .putShort((short) 0)
                .put(new byte[] {127, 0, 0, 1})
                .array();
    }

    @Test
    void tcpOverLoopbackConnectsAcceptsAndCarriesData() {
        int listener = fd(os.socket(AF_INET, SOCK_STREAM | O_CLOEXEC, 0));
        assertThat(os.bind(listener, loopback())).isZero();
        assertThat(os.listen(listener, 4)).isZero();
        Out<byte[]> name = new Out<>();
        assertThat(os.getsockname(listener, name)).isZero();
        assertThat(name.get()).hasSize(16);
        assertThat(ByteBuffer.wrap(name.get()).getShort(2))
                .as("a port was chosen")
                .isNotZero();
        assertThat(os.socketIntOption(listener, SOL_SOCKET, 30))
                .as("SO_ACCEPTCONN")
                .isEqualTo(1);

        int client = fd(os.socket(AF_INET, SOCK_STREAM | O_CLOEXEC | O_NONBLOCK, 0));
        long r = os.connect(client, name.get());
        assertThat(r).isIn(0L, (long) -Errno.EINPROGRESS);
        assertThat(os.waitFor(client, HostConstants.POLLOUT, 5_000_000_000L) & HostConstants.POLLOUT)
                .isNotZero();
        assertThat(os.socketIntOption(client, SOL_SOCKET, 4)).as("SO_ERROR").isZero();
        assertThat(os.waitReadable(listener) & HostConstants.POLLIN).isNotZero();
        Out<byte[]> peer = new Out<>();
        int server = fd(os.accept4(listener, peer, O_CLOEXEC));
        Out<byte[]> clientName = new Out<>();
        assertThat(os.getsockname(client, clientName)).isZero();
        assertThat(peer.get()).isEqualTo(clientName.get());
        Out<byte[]> serverPeer = new Out<>();
        assertThat(os.getpeername(client, serverPeer)).isZero();
        assertThat(serverPeer.get()).isEqualTo(name.get());

        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        assertThat(os.sendto(client, hello, 0, 5, 0, null)).isEqualTo(5);
        assertThat(os.waitReadable(server) & HostConstants.POLLIN).isNotZero();
        byte[] in = new byte[16];
        Out<byte[]> from = new Out<>();
        assertThat(os.recvfrom(server, in, 0, 16, 0, from)).isEqualTo(5);
        assertThat(Arrays.copyOf(in, 5)).isEqualTo(hello);
        assertThat(from.get()).as("no address on a stream socket").isEmpty();
        assertThat(os.recvfrom(server, in, 0, 16, MSG_DONTWAIT, null)).isEqualTo(-Errno.EAGAIN);

        byte[] one =
                ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(1).array();
        assertThat(os.setsockopt(client, 6, 1, one)).as("TCP_NODELAY").isZero();
        byte[] v = new byte[4];
        assertThat(os.getsockopt(client, 6, 1, v, 4)).isEqualTo(4);
        assertThat(ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getInt()).isNotZero();
        assertThat(os.getsockopt(client, SOL_SOCKET, 9, v, -1))
                .as("negative length")
                .isEqualTo(-Errno.EINVAL);
        assertThat(os.shutdown(client, 1)).isZero();
        assertThat(os.waitReadable(server) & HostConstants.POLLIN).isNotZero();
        assertThat(os.recvfrom(server, in, 0, 16, 0, null)).as("end of stream").isZero();
    }

    @Test
    void datagramsCarryTheirSenderAndDescriptorsPassWithScmRights() {
        int[] pair = new int[2];
        assertThat(os.socketpair(AF_UNIX, SOCK_DGRAM, 0, pair)).isZero();
        opened.add(pair[0]);
        opened.add(pair[1]);
        int[] carried = pipe(0);
        // One SCM_RIGHTS message in the host's layout: 16-byte header, one int.
        byte[] control = ByteBuffer.allocate(24)
                .order(ByteOrder.nativeOrder())
                .putLong(20)
                .putInt(SOL_SOCKET)
                .putInt(1)
                .putInt(carried[1])
                .array();
        byte[] data = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(os.sendmsg(pair[0], null, List.of(IoSlice.of(data)), control, 0))
                .isEqualTo(3);
        byte[] a = new byte[2];
        byte[] b = new byte[5];
        Out<ReceivedMessage> got = new Out<>();
        assertThat(os.recvmsg(pair[1], List.of(IoSlice.of(a), IoSlice.of(b)), true, 64, 0, got))
                .isEqualTo(3);
        assertThat(new String(a, StandardCharsets.US_ASCII) + (char) b[0]).isEqualTo("abc");
        ByteBuffer c = ByteBuffer.wrap(got.get().control()).order(ByteOrder.nativeOrder());
        assertThat(got.get().control()).hasSize(24);
        assertThat(c.getLong(0)).isEqualTo(20);
        int passed = fd(c.getInt(16));
        assertThat(passed).isNotEqualTo(carried[1]);
        assertThat(os.write(passed, data, 0, 1))
                .as("the passed write end works")
                .isEqualTo(1);
        assertThat(os.read(carried[0], new byte[1], 0, 1)).isEqualTo(1);
        assertThat(got.get().flags()).isZero();
    }

    @Test
    void epollReportsReadyDescriptorsWithTheirData() {
        int ep = fd(os.epollCreate1(O_CLOEXEC));
        int[] fds = pipe(0);
        assertThat(os.epollCtl(ep, 1, fds[0], HostConstants.POLLIN, 0x1122_3344_5566_7788L))
                .isZero();
        assertThat(os.epollCtl(ep, 1, fds[0], HostConstants.POLLIN, 0)).isEqualTo(-Errno.EEXIST);
        EpollEvent[] out = new EpollEvent[4];
        assertThat(os.epollWaitNow(ep, out, 4)).isZero();
        assertThat(os.waitFor(ep, HostConstants.POLLIN, 0))
                .as("idle epoll not readable")
                .isZero();
        os.write(fds[1], new byte[] {1}, 0, 1);
        assertThat(os.waitFor(ep, HostConstants.POLLIN, 0) & HostConstants.POLLIN)
                .isNotZero();
        assertThat(os.epollWaitNow(ep, out, 4)).isEqualTo(1);
        assertThat(out[0]).isEqualTo(new EpollEvent(HostConstants.POLLIN, 0x1122_3344_5566_7788L));
        assertThat(os.epollCtl(ep, 2, fds[0], 0, 0)).as("EPOLL_CTL_DEL").isZero();
        assertThat(os.epollWaitNow(ep, out, 4)).isZero();
        assertThat(os.epollWaitNow(fds[0], out, 4)).isEqualTo(-Errno.EINVAL);
    }

    @Test
    void memfdIsAnAnonymousRegularFile() {
        int fd = fd(os.memfdCreate(path("ppcvm"), 1));
        assertThat(os.ftruncate(fd, 8192)).isZero();
        Out<HostStat> st = new Out<>();
        assertThat(os.fstat(fd, st)).isZero();
        assertThat(st.get().mode() & HostStat.S_IFMT).isEqualTo(HostStat.S_IFREG);
        assertThat(st.get().size()).isEqualTo(8192);
        assertThat(os.memfdCreate(path("x"), 0x100)).isEqualTo(-Errno.EINVAL);
    }

    // ---- Permissions, owners, times, sizes, locks --------------------------------------------

    @Test
    void modesOwnersTimesAndSizes() throws IOException {
        Path file = Files.writeString(tmp.resolve("meta"), "0123456789");
        int fd = fd(os.open(p(file), O_RDWR, 0));
        assertThat(os.fchmod(fd, 0604)).isZero();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw----r--"));
        assertThat(os.fchmodat(AT_FDCWD, p(file), 0640)).isZero();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(os.fchown(fd, -1, -1)).isZero();
        assertThat(os.fchownat(AT_FDCWD, p(file), -1, -1, AT_SYMLINK_NOFOLLOW)).isZero();

        Timespec[] times = {new Timespec(1_000_000_000L, 5), new Timespec(1_200_000_000L, 123_456_789)};
        assertThat(os.utimensat(AT_FDCWD, p(file), times, 0)).isZero();
        assertThat(Files.getLastModifiedTime(file).toInstant())
                .isEqualTo(Instant.ofEpochSecond(1_200_000_000L, 123_456_789));
        Timespec[] omitAtime = {new Timespec(0, (1 << 30) - 2), new Timespec(1_300_000_000L, 0)};
        assertThat(os.futimens(fd, omitAtime)).isZero();
        Out<HostStat> st = new Out<>();
        os.fstat(fd, st);
        assertThat(st.get().atime()).isEqualTo(times[0]);
        assertThat(st.get().mtime()).isEqualTo(omitAtime[1]);

        assertThat(os.truncate(AT_FDCWD, p(file), 4)).isZero();
        assertThat(Files.size(file)).isEqualTo(4);
        assertThat(os.truncate(AT_FDCWD, p(tmp), 0)).isEqualTo(-Errno.EISDIR);
        assertThat(os.truncate(AT_FDCWD, p(tmp.resolve("missing")), 0)).isEqualTo(-Errno.ENOENT);
        long r = os.fallocate(fd, 0, 0, 100_000);
        assertThat(r).isIn(0L, (long) -Errno.EOPNOTSUPP);
        if (r == 0) {
            assertThat(Files.size(file)).isEqualTo(100_000);
        }
        assertThat(os.fallocate(fd, 0, 0, 0)).isEqualTo(-Errno.EINVAL);
    }

    @Test
    void statfsOfAPathAndOfADescriptorAgree() {
        Out<HostStatfs> a = new Out<>();
        Out<HostStatfs> b = new Out<>();
        assertThat(os.statfs(AT_FDCWD, p(tmp), a)).isZero();
        int dir = fd(os.open(p(tmp), O_RDONLY | O_DIRECTORY, 0));
        assertThat(os.fstatfs(dir, b)).isZero();
        assertThat(a.get().type()).isEqualTo(b.get().type());
        assertThat(a.get().fsid0()).isEqualTo(b.get().fsid0());
        assertThat(a.get().bsize()).isPositive();
        assertThat(a.get().namelen()).isPositive();
        assertThat(os.statfs(AT_FDCWD, p(tmp.resolve("missing")), a)).isEqualTo(-Errno.ENOENT);
    }

    @Test
    void flockConflictsBetweenOpenFileDescriptions() throws IOException {
        Path file = Files.writeString(tmp.resolve("locked"), "x");
        int a = fd(os.open(p(file), O_RDONLY, 0));
        int b = fd(os.open(p(file), O_RDONLY, 0));
        final int lockSh = 1;
        final int lockEx = 2;
        final int lockNb = 4;
        final int lockUn = 8;
        assertThat(os.flock(a, lockEx | lockNb)).isZero();
        assertThat(os.flock(b, lockSh | lockNb)).isEqualTo(-Errno.EWOULDBLOCK);
        assertThat(os.flock(a, lockUn)).isZero();
        assertThat(os.flock(b, lockSh | lockNb)).isZero();
    }

    @Test
    void sendfileCopiesFromAnOffsetOrThePosition() throws IOException {
        Path file = Files.writeString(tmp.resolve("source"), "0123456789abcdef");
        int in = fd(os.open(p(file), O_RDONLY, 0));
        int[] fds = pipe(0);
        long[] offset = {10};
        assertThat(os.sendfile(fds[1], in, offset, 4)).isEqualTo(4);
        assertThat(offset[0]).isEqualTo(14);
        assertThat(os.lseek(in, 0, HostConstants.SEEK_CUR))
                .as("position unchanged")
                .isZero();
        assertThat(os.sendfile(fds[1], in, null, 3)).isEqualTo(3);
        assertThat(os.lseek(in, 0, HostConstants.SEEK_CUR)).isEqualTo(3);
        byte[] got = new byte[16];
        assertThat(os.read(fds[0], got, 0, 16)).isEqualTo(7);
        assertThat(new String(got, 0, 7, StandardCharsets.US_ASCII)).isEqualTo("abcd012");
    }

    @Test
    void relativeSocketPathsGoThroughTheGuestsDirectoryOnlyWhenItMoved() throws IOException {
        assertThat(os.pathFromWorkingDirectory(path("/abs/sock"))).isEqualTo(path("/abs/sock"));
        assertThat(os.pathFromWorkingDirectory(path("rel"))).isEqualTo(path("rel"));
        Path sub = Files.createDirectory(tmp.resolve("elsewhere"));
        assertThat(os.chdir(p(sub))).isZero();
        String seen = new String(os.pathFromWorkingDirectory(path("rel")), StandardCharsets.UTF_8);
        assertThat(seen).matches("/proc/self/fd/[0-9]+/rel");
        assertThat(Path.of(seen).getParent().toRealPath()).isEqualTo(sub.toRealPath());
    }

    // ---- Descriptors, pipes, waiting ---------------------------------------------------------

    @Test
    void pipesCarryDataAndReportEndOfFileAndEpipe() {
        int[] fds = pipe(O_CLOEXEC);
        byte[] msg = "ping".getBytes(StandardCharsets.US_ASCII);
        assertThat(os.write(fds[1], msg, 0, 4)).isEqualTo(4);
        assertThat(os.fionread(fds[0])).isEqualTo(4);
        assertThat(os.waitReadable(fds[0]) & HostConstants.POLLIN).isNotZero();
        byte[] in = new byte[10];
        assertThat(os.read(fds[0], in, 0, 10)).isEqualTo(4);
        assertThat(Arrays.copyOf(in, 4)).isEqualTo(msg);
        assertThat(os.waitWritable(fds[1]) & HostConstants.POLLOUT).isNotZero();

        assertThat(os.close(fds[1])).isZero();
        opened.remove(Integer.valueOf(fds[1]));
        assertThat(os.waitReadable(fds[0]) & HostConstants.POLLHUP)
                .as("hang-up counts as ready")
                .isNotZero();
        assertThat(os.read(fds[0], in, 0, 10)).as("end of file").isZero();

        int[] other = pipe(0);
        os.close(other[0]);
        opened.remove(Integer.valueOf(other[0]));
        assertThat(os.write(other[1], msg, 0, 4)).as("the JVM ignores SIGPIPE").isEqualTo(-Errno.EPIPE);
    }

    @Test
    void fcntlDupAndNonBlocking() {
        int[] fds = pipe(0);
        assertThat(os.fcntl(fds[0], HostConstants.F_GETFD, 0)).isZero();
        assertThat(os.fcntl(fds[0], HostConstants.F_SETFD, HostConstants.FD_CLOEXEC))
                .isZero();
        assertThat(os.fcntl(fds[0], HostConstants.F_GETFD, 0)).isEqualTo(HostConstants.FD_CLOEXEC);

        long flags = os.fcntl(fds[0], HostConstants.F_GETFL, 0);
        assertThat(flags & HostConstants.O_ACCMODE).isEqualTo(O_RDONLY);
        assertThat(os.fcntl(fds[0], HostConstants.F_SETFL, flags | O_NONBLOCK)).isZero();
        assertThat(os.fcntl(fds[0], HostConstants.F_GETFL, 0) & O_NONBLOCK).isNotZero();
        assertThat(os.read(fds[0], new byte[1], 0, 1)).isEqualTo(-Errno.EAGAIN);

        int high = fd(os.fcntl(fds[1], HostConstants.F_DUPFD_CLOEXEC, 200));
        assertThat(high).isGreaterThanOrEqualTo(200);
        assertThat(os.fcntl(high, HostConstants.F_GETFD, 0)).isEqualTo(HostConstants.FD_CLOEXEC);
        int low = fd(os.dup(fds[1]));
        assertThat(os.fcntl(low, HostConstants.F_GETFD, 0)).isZero();
        int target = fd(os.dup(fds[1]));
        assertThat(os.dup3(fds[0], target, O_CLOEXEC)).isEqualTo(target);
        assertThat(os.fcntl(target, HostConstants.F_GETFL, 0) & HostConstants.O_ACCMODE)
                .isEqualTo(O_RDONLY);
        assertThat(os.dup3(target, target, 0)).isEqualTo(-Errno.EINVAL);

        byte[] x = {42};
        assertThat(os.write(high, x, 0, 1)).isEqualTo(1);
        assertThat(os.read(target, new byte[1], 0, 1)).isEqualTo(1);
    }

    @Test
    void eventfdCountsAndGetrandomFills() {
        int efd = fd(os.eventfd(5, HostConstants.EFD_NONBLOCK));
        byte[] v = new byte[8];
        assertThat(os.read(efd, v, 0, 8)).isEqualTo(8);
        assertThat(ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getLong()).isEqualTo(5);
        assertThat(os.read(efd, v, 0, 8)).isEqualTo(-Errno.EAGAIN);

        byte[] r = new byte[256];
        assertThat(os.getrandom(r, 0, 256, 0)).isEqualTo(256);
        assertThat(r).as("256 random bytes are not all zero").isNotEqualTo(new byte[256]);
    }

    @Test
    void wakeUpInterruptsABlockedWaitFromAnotherThread() throws Exception {
        int[] fds = pipe(0);
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> os.waitReadable(fds[0]));
        Thread.sleep(200);
        assertThat(waiting).as("blocked while the pipe is empty").isNotDone();
        os.wakeUp();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(-Errno.EINTR);

        // The wake-up was consumed: the next wait blocks until data arrives.
        CompletableFuture<Long> again = CompletableFuture.supplyAsync(() -> os.waitReadable(fds[0]));
        Thread.sleep(200);
        assertThat(again).isNotDone();
        try (HostOs writer = new HostOs()) {
            assertThat(writer.write(fds[1], new byte[] {1}, 0, 1)).isEqualTo(1);
        }
        assertThat(again.get(10, TimeUnit.SECONDS) & HostConstants.POLLIN).isNotZero();
    }

    @Test
    void aWakeUpBeforeTheWaitIsNotLost() {
        int[] fds = pipe(0);
        os.wakeUp();
        os.wakeUp();
        assertThat(os.waitReadable(fds[0])).isEqualTo(-Errno.EINTR);
        assertThat(os.waitFor(fds[0], HostConstants.POLLIN, 50_000_000L))
                .as("both wake-ups were consumed")
                .isZero();
        os.wakeUp();
        assertThat(os.clearWakeUp()).isTrue();
        assertThat(os.clearWakeUp()).isFalse();
        assertThat(os.waitFor(fds[0], HostConstants.POLLIN, 0)).isZero();
    }

    @Test
    void pollReportsEachDescriptor() {
        int[] a = pipe(0);
        int[] b = pipe(0);
        os.write(b[1], new byte[] {7}, 0, 1);
        int[] fds = {a[0], b[0], a[1], 99_999};
        short[] events = {HostConstants.POLLIN, HostConstants.POLLIN, HostConstants.POLLOUT, HostConstants.POLLIN};
        short[] revents = new short[4];
        assertThat(os.poll(fds, events, revents, 1_000_000_000L)).isEqualTo(3);
        assertThat(revents[0]).isZero();
        assertThat(revents[1] & HostConstants.POLLIN).isNotZero();
        assertThat(revents[2] & HostConstants.POLLOUT).isNotZero();
        assertThat(revents[3] & HostConstants.POLLNVAL).isNotZero();
        assertThat(os.waitReadable(99_999)).isEqualTo(-Errno.EBADF);
    }

    @Test
    void nanosleepSleepsAndWakesEarly() throws Exception {
        long start = System.nanoTime();
        assertThat(os.nanosleep(new Timespec(0, 50_000_000), null)).isZero();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
        assertThat(os.nanosleep(new Timespec(0, 1_000_000_000), null)).isEqualTo(-Errno.EINVAL);
        assertThat(os.nanosleep(new Timespec(-1, 0), null)).isEqualTo(-Errno.EINVAL);

        Out<Timespec> left = new Out<>();
        CompletableFuture<Long> sleeping = CompletableFuture.supplyAsync(() -> os.nanosleep(new Timespec(30, 0), left));
        Thread.sleep(200);
        os.wakeUp();
        assertThat(sleeping.get(10, TimeUnit.SECONDS)).isEqualTo(-Errno.EINTR);
        assertThat(left.get().seconds()).isBetween(20L, 29L);
    }

    @Test
    void wakeUpAfterCloseIsHarmless() {
        HostOs closed = new HostOs();
        closed.close();
        closed.wakeUp();
        closed.close();
    }

    // ---- Terminals ---------------------------------------------------------------------------

    private static final int TIOCSPTLCK = 0x40045431;
    private static final int TIOCGPTN = 0x80045430;

    /** Opens a pseudo-terminal pair; returns {master, slave}, skipping the test without /dev/ptmx. */
    private int[] openPty() {
        long master = os.open(path("/dev/ptmx"), O_RDWR | HostConstants.O_NOCTTY, 0);
        assumeTrue(master >= 0, "no /dev/ptmx: " + master);
        int m = fd(master);
        assertThat(os.ioctlSetInt(m, TIOCSPTLCK, 0)).isZero();
        long n = os.ioctlGetInt(m, TIOCGPTN);
        assertThat(n).isNotNegative();
        int s = fd(os.open(path("/dev/pts/" + n), O_RDWR | HostConstants.O_NOCTTY, 0));
        return new int[] {m, s};
    }

    @Test
    void terminalSettingsAndWindowSize() {
        int[] pty = openPty();
        int slave = pty[1];
        assertThat(os.isatty(slave)).isEqualTo(1);

        Out<HostTermios> t = new Out<>();
        assertThat(os.tcgets(slave, t)).isZero();
        HostTermios cooked = t.get();
        int icanon = 0x2;
        int echo = 0x8;
        assertThat(cooked.lflag() & icanon).as("a new pty is canonical").isNotZero();
        HostTermios raw = new HostTermios(
                cooked.iflag(),
                cooked.oflag(),
                cooked.cflag(),
                cooked.lflag() & ~(icanon | echo),
                cooked.line(),
                cooked.cc(),
                cooked.ispeed(),
                cooked.ospeed());
        assertThat(os.tcsets(slave, HostConstants.TCSANOW, raw)).isZero();
        assertThat(os.tcgets(slave, t)).isZero();
        assertThat(t.get().lflag()).isEqualTo(raw.lflag());
        assertThat(os.tcsets(slave, 7, raw)).isEqualTo(-Errno.EINVAL);

        assertThat(os.setWinsize(slave, new Winsize(40, 132, 0, 0))).isZero();
        Out<Winsize> w = new Out<>();
        assertThat(os.getWinsize(pty[0], w)).isZero();
        assertThat(w.get()).isEqualTo(new Winsize(40, 132, 0, 0));

        byte[] keys = "ab".getBytes(StandardCharsets.US_ASCII);
        assertThat(os.write(pty[0], keys, 0, 2)).isEqualTo(2);
        assertThat(os.waitReadable(slave)).isPositive();
        assertThat(os.fionread(slave))
                .as("raw mode: bytes are readable at once")
                .isEqualTo(2);
    }

    @Test
    void aFileIsNotATerminal() throws IOException {
        int fd = fd(os.open(p(Files.writeString(tmp.resolve("t"), "")), O_RDONLY, 0));
        assertThat(os.isatty(fd)).isEqualTo(-Errno.ENOTTY);
        Out<HostTermios> t = new Out<>();
        assertThat(os.tcgets(fd, t)).isEqualTo(-Errno.ENOTTY);
        assertThat(t.isPresent()).isFalse();
        assertThat(os.isatty(-1)).isEqualTo(-Errno.EBADF);
    }

    // ---- Time, identity, system information --------------------------------------------------

    @Test
    void clocks() {
        Out<Timespec> t = new Out<>();
        assertThat(os.clockGettime(HostConstants.CLOCK_REALTIME, t)).isZero();
        assertThat(Math.abs(t.get().toNanos() / 1_000_000 - System.currentTimeMillis()))
                .isLessThan(5_000);
        assertThat(t.get().isValid()).isTrue();
        assertThat(os.clockGettime(HostConstants.CLOCK_MONOTONIC, t)).isZero();
        long mono = t.get().toNanos();
        assertThat(os.clockGettime(HostConstants.CLOCK_MONOTONIC, t)).isZero();
        assertThat(t.get().toNanos()).isGreaterThanOrEqualTo(mono);
        assertThat(os.clockGetres(HostConstants.CLOCK_MONOTONIC, t)).isZero();
        assertThat(t.get().toNanos()).isBetween(1L, 1_000_000_000L);
    }

    @Test
    void identity() throws IOException {
        assertThat(os.getpid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(os.getppid())
                .isEqualTo(
                        ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L));
        Path f = Files.writeString(tmp.resolve("owner"), "");
        assertThat(os.geteuid()).isEqualTo(((Integer) Files.getAttribute(f, "unix:uid")).longValue());
        assertThat(os.getuid()).isNotNegative();
        assertThat(os.getgid()).isNotNegative();
        assertThat(os.getegid()).isNotNegative();
    }

    @Test
    void unameSysinfoAndLimits() {
        Out<Utsname> u = new Out<>();
        assertThat(os.uname(u)).isZero();
        assertThat(u.get().sysname()).isEqualTo("Linux");
        assertThat(u.get().release()).isEqualTo(System.getProperty("os.version"));
        assertThat(u.get().machine()).isEqualTo("x86_64");

        Out<SysInfo> s = new Out<>();
        assertThat(os.sysinfo(s)).isZero();
        assertThat(s.get().uptime()).isPositive();
        assertThat(s.get().procs()).isPositive();
        assertThat(s.get().totalram() * s.get().memUnit()).isGreaterThan(16L << 20);
        assertThat(Long.compareUnsigned(s.get().freeram(), s.get().totalram())).isLessThanOrEqualTo(0);

        Out<Rlimit> r = new Out<>();
        assertThat(os.getrlimit(HostConstants.RLIMIT_NOFILE, r)).isZero();
        Rlimit nofile = r.get();
        assertThat(Long.compareUnsigned(nofile.cur(), nofile.max())).isLessThanOrEqualTo(0);
        assertThat(os.prlimit(0, HostConstants.RLIMIT_NOFILE, nofile, r)).isZero();
        assertThat(r.get()).isEqualTo(nofile);
        assertThat(os.getrlimit(999, r)).isEqualTo(-Errno.EINVAL);
        assertThat(r.isPresent()).isFalse();
    }

    @Test
    void largeTransfersGrowTheBuffer() throws IOException {
        Path file = tmp.resolve("big");
        byte[] data = new byte[3 << 20];
        new java.util.Random(1).nextBytes(data);
        int fd = fd(os.open(p(file), O_CREAT | O_RDWR, 0600));
        assertThat(os.write(fd, data, 0, data.length)).isEqualTo(data.length);
        assertThat(Files.readAllBytes(file)).isEqualTo(data);
        byte[] back = new byte[data.length];
        assertThat(os.pread64(fd, back, 0, back.length, 0)).isEqualTo(data.length);
        assertThat(back).isEqualTo(data);
    }
}
