package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ppcvm.linux.host.EpollEvent;
import org.ppcvm.linux.host.HostConstants;
import org.ppcvm.linux.host.HostOs;
import org.ppcvm.linux.host.HostStat;
import org.ppcvm.linux.host.HostStatfs;
import org.ppcvm.linux.host.HostStatx;
import org.ppcvm.linux.host.HostTermios;
import org.ppcvm.linux.host.Out;
import org.ppcvm.linux.host.Rlimit;
import org.ppcvm.linux.host.Utsname;

/**
 * The codecs' bytes against what a 32-bit PowerPC program receives from the same system call
 * under {@code qemu-ppc} (an independent implementation of the same conversions), on the same
 * files. The program is {@code sysdump.c}, which prints the raw bytes.
 */
class QemuSyscallOracleTest {
    @TempDir
    static Path work;

    private static Path sysdump;
    private static HostOs os;

    @BeforeAll
    static void build() throws IOException {
        String source;
        try (InputStream in = QemuSyscallOracleTest.class.getResourceAsStream("sysdump.c")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        sysdump = CProbe.compile(CProbe.Target.GUEST, source, Files.createDirectories(work.resolve("build")));
        os = new HostOs();
    }

    @AfterAll
    static void close() {
        if (os != null) {
            os.close();
        }
    }

    private static byte[] guest(String... args) {
        CProbe.Result r = CProbe.run(CProbe.Target.GUEST, sysdump, args);
        assertThat(r.exitCode())
                .as("sysdump %s: %s", String.join(" ", args), r.stderr())
                .isZero();
        return HexFormat.of().parseHex(r.stdout().strip());
    }

    private static byte[] p(Path path) {
        return HostOs.path(path.toString());
    }

    private static Path sampleFile() throws IOException {
        Path file = Files.write(work.resolve("sample"), new byte[12345]);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2010-11-12T13:14:15.123456789Z")));
        return file;
    }

    @Test
    void stat64MatchesForAFileADirectoryAndASymlink() throws IOException {
        Path file = sampleFile();
        Path link = work.resolve("link-to-sample");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, file);
        Out<HostStat> st = new Out<>();
        for (Path path : List.of(file, work, link, Path.of("/dev/null"))) {
            assertThat(os.fstatat(HostConstants.AT_FDCWD, p(path), 0, st)).isZero();
            assertThat(GuestStat64.encode(st.get())).as("stat64 " + path).isEqualTo(guest("stat64", path.toString()));
        }
        assertThat(os.fstatat(HostConstants.AT_FDCWD, p(link), HostConstants.AT_SYMLINK_NOFOLLOW, st))
                .isZero();
        assertThat(GuestStat64.encode(st.get())).as("lstat64").isEqualTo(guest("lstat64", link.toString()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7ff, 0xfff, 0x3fff})
    void statxMatches(int mask) throws IOException {
        Path file = sampleFile();
        for (Path path : List.of(file, Path.of("/dev/null"))) {
            Out<HostStatx> stx = new Out<>();
            assertThat(os.statx(HostConstants.AT_FDCWD, p(path), 0, mask, stx)).isZero();
            byte[] ours = GuestStatx.encode(stx.get());
            byte[] theirs = guest("statx", path.toString(), Integer.toString(mask));
            // qemu-ppc 7.2 converts the members up to stx_dev_minor and leaves stx_mnt_id and the
            // direct-I/O alignments zero, although it passes on the mask bits that say they are
            // valid (Linux fills stx_mnt_id whether asked or not). Linux gives the guest the
            // host's values, as the codec does.
            int mntId = (int) GuestStatx.LAYOUT.byteOffset(groupElement("stx_mnt_id"));
            assertThat(HexFormat.of().formatHex(ours, 0, mntId))
                    .as("statx %s mask %#x", path, mask)
                    .isEqualTo(HexFormat.of().formatHex(theirs, 0, mntId));
            ByteBuffer b = ByteBuffer.wrap(ours);
            assertThat(b.getLong(mntId)).isEqualTo(stx.get().mntId());
            assertThat(b.getInt(mntId + 8)).isEqualTo(stx.get().dioMemAlign());
            assertThat(b.getInt(mntId + 12)).isEqualTo(stx.get().dioOffsetAlign());
            assertThat(Arrays.copyOfRange(ours, mntId + 16, 256)).isEqualTo(new byte[256 - mntId - 16]);
        }
    }

    /** The records of a getdents64 buffer, with the padding after each name left out. */
    private static List<String> records(byte[] buf, int length) {
        List<String> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(buf);
        int at = 0;
        while (at < length) {
            int reclen = Short.toUnsignedInt(b.getShort(at + 16));
            int end = at + 19;
            while (buf[end] != 0) {
                end++;
            }
            out.add(HexFormat.of().formatHex(buf, at, end + 1));
            at += reclen;
        }
        return out;
    }

    @Test
    void getdents64RecordsMatch() throws IOException {
        Path dir = Files.createDirectories(work.resolve("entries"));
        for (String name : List.of("a", "bb", "ccc", "dddddddd", "a name with spaces", "ünïcödé")) {
            Files.writeString(dir.resolve(name), name);
        }
        Files.createDirectories(dir.resolve("subdir"));
        long fd = os.open(p(dir), HostConstants.O_RDONLY | HostConstants.O_DIRECTORY, 0);
        assertThat(fd).isNotNegative();
        try {
            byte[] buf = new byte[4096];
            Arrays.fill(buf, (byte) 0x5a);
            long n = os.getdents64((int) fd, buf, buf.length);
            assertThat(n).isPositive();
            GuestDirent64.toGuestInPlace(buf, (int) n);
            byte[] theirs = guest("getdents64", dir.toString(), "4096");
            assertThat(records(buf, (int) n)).isEqualTo(records(theirs, theirs.length));
            assertThat(n).isEqualTo(theirs.length);
            for (int at = 0;
                    at < n;
                    at += Short.toUnsignedInt(ByteBuffer.wrap(buf).getShort(at + 16))) {
                int name = at + 19;
                int reclen = Short.toUnsignedInt(ByteBuffer.wrap(buf).getShort(at + 16));
                int nul = name;
                while (buf[nul] != 0) {
                    nul++;
                }
                for (int i = nul; i < at + reclen; i++) {
                    assertThat(buf[i]).as("padding is zeroed").isZero();
                }
            }
        } finally {
            os.close((int) fd);
        }
    }

    private static String cString(byte[] bytes, int offset, int max) {
        int end = offset;
        while (end < offset + max && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.ISO_8859_1);
    }

    @Test
    void unameMatchesWithMachinePpc() {
        Out<Utsname> u = new Out<>();
        assertThat(os.uname(u)).isZero();
        byte[] ours = GuestUtsname.encode(u.get());
        byte[] theirs = guest("uname");
        assertThat(ours).hasSameSizeAs(theirs);
        // qemu-ppc writes "ppc" over the host's "x86_64" and leaves the bytes after its NUL; compare
        // each field as the C string it is.
        for (int field = 0; field < 6; field++) {
            int at = field * GuestUtsname.FIELD_LENGTH;
            assertThat(cString(ours, at, 65)).as("field " + field).isEqualTo(cString(theirs, at, 65));
        }
        assertThat(cString(ours, 4 * 65, 65)).isEqualTo("ppc");
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                HostConstants.RLIMIT_CPU,
                HostConstants.RLIMIT_FSIZE,
                HostConstants.RLIMIT_STACK,
                HostConstants.RLIMIT_CORE,
                HostConstants.RLIMIT_NPROC,
                HostConstants.RLIMIT_NOFILE,
                HostConstants.RLIMIT_MEMLOCK
            })
    void rlimitsMatch(int resource) {
        Out<Rlimit> r = new Out<>();
        assertThat(os.getrlimit(resource, r)).isZero();
        String res = Integer.toString(resource);
        assertThat(GuestRlimit.encode32(r.get())).as("ugetrlimit %d", resource).isEqualTo(guest("ugetrlimit", res));
        assertThat(GuestRlimit.encode64(r.get())).as("prlimit64 %d", resource).isEqualTo(guest("prlimit64", res));
    }

    @Test
    void aNewPtysSettingsMatch() {
        long master = os.open(HostOs.path("/dev/ptmx"), HostConstants.O_RDWR | HostConstants.O_NOCTTY, 0);
        assumeTrue(master >= 0, "no /dev/ptmx");
        long slave = -1;
        try {
            assertThat(os.ioctlSetInt((int) master, 0x40045431, 0)).isZero(); // TIOCSPTLCK
            long n = os.ioctlGetInt((int) master, 0x80045430); // TIOCGPTN
            slave = os.open(HostOs.path("/dev/pts/" + n), HostConstants.O_RDWR | HostConstants.O_NOCTTY, 0);
            assertThat(slave).isNotNegative();
            Out<HostTermios> t = new Out<>();
            assertThat(os.tcgets((int) slave, t)).isZero();
            byte[] ours = GuestTermios.encode(t.get());
            byte[] theirs = guest("tcgets");
            // Flags, c_cc and c_line. qemu-ppc 7.2 leaves c_ispeed and c_ospeed as they were; a
            // PowerPC kernel fills them, as the codec does.
            assertThat(HexFormat.of().formatHex(ours, 0, 36))
                    .isEqualTo(HexFormat.of().formatHex(theirs, 0, 36));
            ByteBuffer b = ByteBuffer.wrap(ours);
            assertThat(b.getInt(36)).isEqualTo(t.get().ispeed()).isPositive();
            assertThat(b.getInt(40)).isEqualTo(t.get().ospeed()).isPositive();

            Out<org.ppcvm.linux.host.Winsize> w = new Out<>();
            assertThat(os.getWinsize((int) slave, w)).isZero();
            assertThat(GuestWinsize.encode(w.get())).isEqualTo(guest("tiocgwinsz"));
        } finally {
            if (slave >= 0) {
                os.close((int) slave);
            }
            os.close((int) master);
        }
    }

    @Test
    void statfs64MatchesOnADirectoryAndAFile() throws IOException {
        Path file = sampleFile();
        Out<HostStatfs> st = new Out<>();
        assertThat(os.statfs(HostConstants.AT_FDCWD, p(work), st)).isZero();
        byte[] ours = GuestStatfs.encode64(st.get());
        long fd = os.open(p(file), HostConstants.O_RDONLY, 0);
        assertThat(fd).isNotNegative();
        Out<HostStatfs> fst = new Out<>();
        try {
            assertThat(os.fstatfs((int) fd, fst)).isZero();
        } finally {
            os.close((int) fd);
        }
        byte[] fromFd = GuestStatfs.encode64(fst.get());
        for (byte[][] pair : List.of(
                new byte[][] {ours, guest("statfs64", work.toString())},
                new byte[][] {fromFd, guest("fstatfs64", file.toString())})) {
            // The free counts move under a live file system: compare type, sizes, totals, fsid,
            // name length, fragment size, flags and spare words. qemu-ppc 7.2 leaves the 4 bytes
            // of padding at the end as they were; Linux clears the whole struct, as the codec does.
            String o = HexFormat.of().formatHex(pair[0]);
            String t = HexFormat.of().formatHex(pair[1]);
            assertThat(o.substring(0, 32)).as("f_type, f_bsize, f_blocks").isEqualTo(t.substring(0, 32));
            assertThat(o.substring(64, 80)).as("f_files").isEqualTo(t.substring(64, 80));
            assertThat(o.substring(96, 168)).as("f_fsid .. f_spare").isEqualTo(t.substring(96, 168));
            assertThat(o.substring(168)).isEqualTo("00000000");
        }
    }

    @Test
    void epollEventsMatchExceptThePaddingLinuxDoesNotWrite() {
        long data = 0x0102_0304_0506_0708L;
        byte[] theirs = guest("epoll", Long.toString(data));
        assertThat(theirs).hasSize(16);
        assertThat(GuestEpollEvent.decode(theirs, 0)).isEqualTo(new EpollEvent(HostConstants.POLLIN, data));
        // Neither Linux nor qemu-ppc writes the padding between events and data; sysdump filled it.
        assertThat(HexFormat.of().formatHex(theirs, 4, 8)).isEqualTo("a5a5a5a5");
    }

    @Test
    void aUnixSocketsNameMatches() {
        Path path = work.resolve("name.sock");
        byte[] theirs = guest("unixname", path.toString());
        long s = os.socket(GuestSockaddr.AF_UNIX, 1, 0);
        assertThat(s).isNotNegative();
        try {
            byte[] guestAddr = new byte[theirs.length];
            guestAddr[1] = GuestSockaddr.AF_UNIX;
            byte[] name = HostOs.path(path.toString());
            System.arraycopy(name, 0, guestAddr, 2, name.length);
            assertThat(os.bind((int) s, GuestSockaddr.toHost(guestAddr))).isZero();
            Out<byte[]> got = new Out<>();
            assertThat(os.getsockname((int) s, got)).isZero();
            assertThat(GuestSockaddr.toGuest(got.get())).isEqualTo(theirs);
        } finally {
            os.close((int) s);
            os.unlinkat(HostConstants.AT_FDCWD, p(path), 0);
        }
    }
}
