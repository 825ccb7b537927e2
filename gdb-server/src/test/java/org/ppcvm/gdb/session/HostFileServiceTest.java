package org.ppcvm.gdb.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ppcvm.gdb.ppc.TargetDescription;
import org.ppcvm.gdb.protocol.Packets;
import org.ppcvm.gdb.session.HostFileService.Errno;
import org.ppcvm.gdb.session.StopReason.Signalled;

/** gdb's Host I/O ({@code vFile}) through the session, over real files in a temporary directory. */
class HostFileServiceTest {
    private static final int SIGTRAP = 5;

    // Replies F-1,errno carry the errno in hex.
    private static final String ENOENT = "F-1,2";
    private static final String EBADF = "F-1,9";
    private static final String EISDIR = "F-1,15";
    private static final String EINVAL = "F-1,16";
    private static final String EMFILE = "F-1,18";
    private static final String EROFS = "F-1,1e";
    private static final String ENAMETOOLONG = "F-1,5b";

    @TempDir
    Path dir;

    private final FakeTarget target = new FakeTarget();
    private final GdbSession session =
            new GdbSession(target, TargetDescription.userMode(), Signalled.of(0x64, SIGTRAP));
    private byte[] content;
    private Path program;

    @BeforeEach
    void files() throws IOException {
        // Every byte value, so '#', '$', '}' and '*' need escaping on the wire.
        content = new byte[1000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 7);
        }
        program = dir.resolve("prog");
        Files.write(program, content);
        target.hostFiles.put("/usr/bin/prog", program);
        Files.createDirectory(dir.resolve("lib"));
        target.hostFiles.put("/lib", dir.resolve("lib"));
        target.hostFiles.put("/missing", dir.resolve("missing"));
    }

    private String send(String payload) {
        Optional<String> reply = session.handle(payload);
        assertThat(reply).as("reply to %s", payload).isPresent();
        return reply.get();
    }

    private static String hex(String name) {
        return Packets.toHex(name.getBytes(StandardCharsets.UTF_8));
    }

    private String open(String name) {
        return send("vFile:open:" + hex(name) + ",0,0");
    }

    /** The data of a reply F<n>;<escaped data>, checked against n. */
    private static byte[] attachment(String reply) {
        int semi = reply.indexOf(';');
        assertThat(reply).startsWith("F");
        assertThat(semi).as("attachment in %s", reply).isPositive();
        byte[] data = Packets.unescape(reply.substring(semi + 1).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(data.length).isEqualTo(Integer.parseInt(reply.substring(1, semi), 16));
        return data;
    }

    // ---- setfs ---------------------------------------------------------------------------------

    @Test
    void setfsOfTheStubsOwnViewSucceeds() {
        assertThat(send("vFile:setfs:0")).isEqualTo("F0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vFile:setfs:1092", "vFile:setfs:-1", "vFile:setfs:", "vFile:setfs:zz", "vFile:setfs:0,0"})
    void setfsOfAnotherPidOrGarbageFails(String payload) {
        assertThat(send(payload)).isEqualTo(EINVAL);
    }

    // ---- open and close ------------------------------------------------------------------------

    @Test
    void openHandsOutTheLowestFreeDescriptorFromThree() {
        assertThat(open("/usr/bin/prog")).isEqualTo("F3");
        assertThat(open("/usr/bin/prog")).isEqualTo("F4");
        assertThat(open("/usr/bin/prog")).isEqualTo("F5");
        assertThat(send("vFile:close:4")).isEqualTo("F0");
        assertThat(open("/usr/bin/prog")).isEqualTo("F4");
        assertThat(open("/usr/bin/prog")).isEqualTo("F6");
    }

    @Test
    void closingTwiceOrAnUnknownDescriptorIsEbadf() {
        assertThat(open("/usr/bin/prog")).isEqualTo("F3");
        assertThat(send("vFile:close:3")).isEqualTo("F0");
        assertThat(send("vFile:close:3")).isEqualTo(EBADF);
        assertThat(send("vFile:close:0")).isEqualTo(EBADF);
        assertThat(send("vFile:close:-1")).isEqualTo(EBADF);
        assertThat(send("vFile:close:ffffffffff")).isEqualTo(EBADF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vFile:close:", "vFile:close:x", "vFile:close:3,4", "vFile:close:--3"})
    void malformedCloseIsEinval(String payload) {
        assertThat(send(payload)).isEqualTo(EINVAL);
    }

    @Test
    void pathsTheTargetDoesNotMapOrThatDoNotExistAreEnoent() {
        assertThat(open("/etc/passwd")).isEqualTo(ENOENT);
        assertThat(open("/missing")).isEqualTo(ENOENT);
        assertThat(send("vFile:open:,0,0")).isEqualTo(ENOENT);
    }

    @Test
    void aDirectoryIsEisdir() {
        assertThat(open("/lib")).isEqualTo(EISDIR);
    }

    @Test
    void overlongNamesAreEnametoolong() {
        String name = "/" + "a".repeat(HostFileService.PATH_MAX - 1);
        assertThat(open(name)).isEqualTo(ENAMETOOLONG);
        assertThat(send("vFile:readlink:" + hex(name))).isEqualTo(ENAMETOOLONG);
        assertThat(target.hostFiles).doesNotContainKey(name);
    }

    @Test
    void aNameWithANulIsEinval() {
        assertThat(send("vFile:open:2f0061,0,0")).isEqualTo(EINVAL);
    }

    @Test
    void namesAreUtf8() throws IOException {
        Path file = dir.resolve("caf\u00e9");
        Files.write(file, new byte[] {1});
        target.hostFiles.put("/caf\u00e9", file);
        assertThat(send("vFile:open:2f636166c3a9,0,0")).isEqualTo("F3");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x1, 0x2, 0x8, 0x200, 0x400, 0x201, 0x602, 0x209})
    void anyWritingOpenIsErofs(int flags) {
        assertThat(send("vFile:open:" + hex("/usr/bin/prog") + "," + Integer.toHexString(flags) + ",1a4"))
                .isEqualTo(EROFS);
        assertThat(session.handle("vFile:close:3")).hasValue(EBADF);
    }

    @Test
    void exclusiveWithoutCreateIsAPlainReadOnlyOpen() {
        assertThat(send("vFile:open:" + hex("/usr/bin/prog") + ",800,0")).isEqualTo("F3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "1000", "10000000", "-1", "-200"})
    void unknownFlagsOrAccessModesAreEinval(String flags) {
        assertThat(send("vFile:open:" + hex("/usr/bin/prog") + "," + flags + ",0"))
                .isEqualTo(EINVAL);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "vFile:open:",
                "vFile:open:2f",
                "vFile:open:2f,0",
                "vFile:open:2f,0,0,0",
                "vFile:open:2,0,0",
                "vFile:open:zz,0,0",
                "vFile:open:2f,x,0",
                "vFile:open:2f,0,x",
                "vFile:open:2f,,0",
                "vFile:open:2f,0,",
                "vFile:open:2f,11111111111111111,0"
            })
    void malformedOpenIsEinval(String payload) {
        assertThat(send(payload)).isEqualTo(EINVAL);
    }

    @Test
    void atMostSixtyFourFilesAreOpen() {
        for (int i = 0; i < HostFileService.MAX_OPEN_FILES; i++) {
            assertThat(open("/usr/bin/prog")).isEqualTo("F" + Integer.toHexString(HostFileService.FIRST_FD + i));
        }
        assertThat(open("/usr/bin/prog")).isEqualTo(EMFILE);
        assertThat(send("vFile:close:10")).isEqualTo("F0");
        assertThat(open("/usr/bin/prog")).isEqualTo("F10");
    }

    @Test
    void closingTheSessionClosesEveryFile() {
        assertThat(open("/usr/bin/prog")).isEqualTo("F3");
        assertThat(open("/usr/bin/prog")).isEqualTo("F4");
        session.close();
        assertThat(send("vFile:pread:3,10,0")).isEqualTo(EBADF);
        assertThat(send("vFile:close:4")).isEqualTo(EBADF);
        session.close();
        assertThat(open("/usr/bin/prog")).isEqualTo("F3");
    }

    @Test
    void theServiceCountsAndClosesItsFiles() {
        HostFileService service = new HostFileService(target);
        assertThat(service.handle("open:" + hex("/usr/bin/prog") + ",0,0")).isEqualTo("F3");
        assertThat(service.openFiles()).isEqualTo(1);
        service.close();
        assertThat(service.openFiles()).isZero();
    }

    // ---- pread ---------------------------------------------------------------------------------

    @Test
    void preadReturnsEscapedBytesAndTheirCount() {
        assertThat(open("/usr/bin/prog")).isEqualTo("F3");
        assertThat(attachment(send("vFile:pread:3,10,0"))).isEqualTo(Arrays.copyOf(content, 16));
        assertThat(attachment(send("vFile:pread:3,8,64"))).isEqualTo(Arrays.copyOfRange(content, 100, 108));
    }

    @Test
    void theBinaryReplyIsTheEscapedBytes() {
        Optional<byte[]> reply =
                session.handle(("vFile:open:" + hex("/usr/bin/prog") + ",0,0").getBytes(StandardCharsets.US_ASCII));
        assertThat(reply).hasValueSatisfying(r -> assertThat(r).isEqualTo("F3".getBytes(StandardCharsets.US_ASCII)));
        // Bytes 5 and 6 of the file are 0x23 '#' and 0x2a '*'.
        byte[] read = session.handle("vFile:pread:3,2,5".getBytes(StandardCharsets.US_ASCII))
                .orElseThrow();
        assertThat(read).isEqualTo(new byte[] {'F', '2', ';', '}', 0x03, '}', 0x0a});
    }

    @Test
    void theWholeFileReassembles() {
        assertThat(open("/usr/bin/prog")).isEqualTo("F3");
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (int offset = 0; ; ) {
            byte[] data = attachment(send("vFile:pread:3,7b," + Integer.toHexString(offset)));
            if (data.length == 0) {
                break;
            }
            whole.writeBytes(data);
            offset += data.length;
        }
        assertThat(whole.toByteArray()).isEqualTo(content);
    }

    @Test
    void readsAtOrPastTheEndAreEmptyWithTheAttachment() {
        assertThat(open("/usr/bin/prog")).isEqualTo("F3");
        assertThat(send("vFile:pread:3,10,3e8")).isEqualTo("F0;");
        assertThat(send("vFile:pread:3,10,7fffffffffffffff")).isEqualTo("F0;");
        assertThat(send("vFile:pread:3,0,0")).isEqualTo("F0;");
        assertThat(attachment(send("vFile:pread:3,100,3e0"))).isEqualTo(Arrays.copyOfRange(content, 992, 1000));
    }

    @Test
    void readsAreCutToFitAPacketAfterEscaping() throws IOException {
        byte[] braces = new byte[3 * GdbSession.PACKET_SIZE];
        Arrays.fill(braces, (byte) '}');
        Path file = dir.resolve("braces");
        Files.write(file, braces);
        target.hostFiles.put("/braces", file);
        Files.write(program, new byte[3 * GdbSession.PACKET_SIZE]);
        assertThat(open("/braces")).isEqualTo("F3");
        assertThat(open("/usr/bin/prog")).isEqualTo("F4");

        String escaped = send("vFile:pread:3,10000,0");
        assertThat(escaped.length()).isLessThanOrEqualTo(GdbSession.PACKET_SIZE);
        byte[] data = attachment(escaped);
        assertThat(data.length).isGreaterThan(GdbSession.PACKET_SIZE / 2 - 16);
        assertThat(data).containsOnly((byte) '}');

        String plain = send("vFile:pread:4,10000,0");
        assertThat(plain.length()).isLessThanOrEqualTo(GdbSession.PACKET_SIZE);
        assertThat(attachment(plain).length).isGreaterThan(GdbSession.PACKET_SIZE - 16);
    }

    @Test
    void preadOfAnUnknownDescriptorIsEbadf() {
        assertThat(send("vFile:pread:3,10,0")).isEqualTo(EBADF);
        assertThat(send("vFile:pread:-3,10,0")).isEqualTo(EBADF);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "vFile:pread:",
                "vFile:pread:3",
                "vFile:pread:3,10",
                "vFile:pread:3,10,0,0",
                "vFile:pread:x,10,0",
                "vFile:pread:3,x,0",
                "vFile:pread:3,10,x",
                "vFile:pread:3,-1,0",
                "vFile:pread:3,10,-1",
                "vFile:pread:3,,0",
                "vFile:pread:3,10,",
                "vFile:pread:3,10,ffffffffffffffff"
            })
    void malformedPreadIsEinval(String payload) {
        assertThat(open("/usr/bin/prog")).isEqualTo("F3");
        assertThat(send(payload)).isEqualTo(EINVAL);
    }

    // ---- fstat ---------------------------------------------------------------------------------

    @Test
    void fstatIsTheFileIoStructStat() throws IOException {
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setLastModifiedTime(program, FileTime.fromMillis(1_700_000_000_500L));
        assertThat(open("/usr/bin/prog")).isEqualTo("F3");
        String reply = send("vFile:fstat:3");
        assertThat(reply).startsWith("F40;");
        ByteBuffer stat = ByteBuffer.wrap(attachment(reply));
        assertThat(stat.getInt()).as("st_dev: a file").isZero();
        assertThat(stat.getInt()).as("st_ino").isEqualTo((int) (long) (Long) Files.getAttribute(program, "unix:ino"));
        assertThat(stat.getInt()).as("st_mode").isEqualTo(0100750);
        assertThat(stat.getInt()).as("st_nlink").isEqualTo(1);
        assertThat(stat.getInt()).as("st_uid").isEqualTo((Integer) Files.getAttribute(program, "unix:uid"));
        assertThat(stat.getInt()).as("st_gid").isEqualTo((Integer) Files.getAttribute(program, "unix:gid"));
        assertThat(stat.getInt()).as("st_rdev").isZero();
        assertThat(stat.getLong()).as("st_size").isEqualTo(1000);
        assertThat(stat.getLong()).as("st_blksize").isEqualTo(4096);
        assertThat(stat.getLong()).as("st_blocks").isEqualTo(2);
        stat.getInt();
        assertThat(stat.getInt()).as("st_mtime").isEqualTo(1_700_000_000);
        stat.getInt();
        assertThat(stat.hasRemaining()).isFalse();
    }

    @Test
    void fstatReportsTheOpenFilesSize() throws IOException {
        assertThat(open("/usr/bin/prog")).isEqualTo("F3");
        Files.write(program, new byte[5000]);
        ByteBuffer stat = ByteBuffer.wrap(attachment(send("vFile:fstat:3")));
        assertThat(stat.getLong(28)).isEqualTo(5000);
        assertThat(stat.getLong(44)).as("st_blocks").isEqualTo(10);
    }

    @Test
    void statOfADirectoryHasTheDirectoryType() throws IOException {
        Path lib = dir.resolve("lib");
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxr-xr-x"));
        ByteBuffer stat = ByteBuffer.wrap(HostFileService.statBytes(lib, 0));
        assertThat(stat.getInt(8)).isEqualTo(040755);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vFile:fstat:3", "vFile:fstat:0", "vFile:fstat:-1"})
    void fstatOfAnUnknownDescriptorIsEbadf(String payload) {
        assertThat(send(payload)).isEqualTo(EBADF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vFile:fstat:", "vFile:fstat:x", "vFile:fstat:3,0"})
    void malformedFstatIsEinval(String payload) {
        assertThat(send(payload)).isEqualTo(EINVAL);
    }

    @Test
    void fstatOfAFileDeletedSinceItWasOpenedIsAnErrorReply() throws IOException {
        assertThat(open("/usr/bin/prog")).isEqualTo("F3");
        Files.delete(program);
        assertThat(send("vFile:fstat:3")).isEqualTo(ENOENT);
    }

    // ---- files and links the target's kernel makes up --------------------------------------------

    @Test
    void aFileTheKernelMakesUpIsReadInsteadOfTheHostsAndStatsAsARegularFile() {
        byte[] maps = "10000000-10001000 r-xp 00000000 00:00 0 \n".repeat(300).getBytes(StandardCharsets.UTF_8);
        target.kernelFiles.put("/proc/4242/maps", maps);
        target.hostFiles.put("/proc/4242/maps", program);

        assertThat(open("/proc/4242/maps")).isEqualTo("F3");
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] chunk;
        do {
            chunk = attachment(send("vFile:pread:3,1000," + Integer.toHexString(read.size())));
            read.writeBytes(chunk);
        } while (chunk.length > 0);
        assertThat(read.toByteArray()).isEqualTo(maps);
        ByteBuffer stat = ByteBuffer.wrap(attachment(send("vFile:fstat:3")));
        assertThat(stat.getInt(8)).as("st_mode").isEqualTo(0100444);
        assertThat(stat.getLong(28)).as("st_size").isEqualTo(maps.length);
        assertThat(send("vFile:close:3")).isEqualTo("F0");
        assertThat(send("vFile:close:3")).isEqualTo(EBADF);
    }

    @Test
    void aLinkTheKernelMakesUpIsReadInsteadOfTheHosts() {
        target.kernelLinks.put("/proc/4242/exe", "/home/me/prog");

        assertThat(send("vFile:readlink:" + hex("/proc/4242/exe"))).isEqualTo("Fd;/home/me/prog");
    }

    // ---- readlink ------------------------------------------------------------------------------

    @Test
    void readlinkIsTheLinksText() throws IOException {
        Path link = dir.resolve("lib/ld.so.1");
        Files.createSymbolicLink(link, Path.of("ld-2.31.so"));
        target.hostFiles.put("/lib/ld.so.1", link);
        assertThat(send("vFile:readlink:" + hex("/lib/ld.so.1"))).isEqualTo("Fa;ld-2.31.so");
    }

    @Test
    void readlinkEscapesTheText() throws IOException {
        Path link = dir.resolve("odd");
        Files.createSymbolicLink(link, Path.of("a#b}c*"));
        target.hostFiles.put("/odd", link);
        String reply = send("vFile:readlink:" + hex("/odd"));
        assertThat(reply).isEqualTo("F6;a}\u0003b}]c}\n");
        assertThat(new String(attachment(reply), StandardCharsets.UTF_8)).isEqualTo("a#b}c*");
    }

    @Test
    void readlinkOfAFileThatIsNoLinkIsEinval() {
        assertThat(send("vFile:readlink:" + hex("/usr/bin/prog"))).isEqualTo(EINVAL);
    }

    @Test
    void readlinkOfAMissingFileIsEnoent() {
        assertThat(send("vFile:readlink:" + hex("/missing"))).isEqualTo(ENOENT);
        assertThat(send("vFile:readlink:" + hex("/nowhere"))).isEqualTo(ENOENT);
        assertThat(send("vFile:readlink:")).isEqualTo(ENOENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vFile:readlink:2", "vFile:readlink:zz", "vFile:readlink:2f00"})
    void malformedReadlinkIsEinval(String payload) {
        assertThat(send(payload)).isEqualTo(EINVAL);
    }

    // ---- dispatch ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "vFile",
                "vFile:",
                "vFile:open",
                "vFile:pwrite:3,0,abc",
                "vFile:unlink:2f",
                "vFile:OPEN:2f,0,0",
                "vFile:openx:2f,0,0",
                "vFile:stat:2f"
            })
    void otherOperationsAreUnsupported(String payload) {
        assertThat(send(payload)).isEmpty();
    }

    // ---- errno mapping -------------------------------------------------------------------------

    @Test
    void hostErrorsMapToFileIoErrnos() {
        assertThat(HostFileService.errnoOf(new NoSuchFileException("f"))).isEqualTo(Errno.ENOENT);
        assertThat(HostFileService.errnoOf(new AccessDeniedException("f"))).isEqualTo(Errno.EACCES);
        assertThat(HostFileService.errnoOf(new NotDirectoryException("f"))).isEqualTo(Errno.ENOTDIR);
        assertThat(HostFileService.errnoOf(new NotLinkException("f"))).isEqualTo(Errno.EINVAL);
        assertThat(HostFileService.errnoOf(new FileSystemException("f", null, "Not a directory")))
                .isEqualTo(Errno.ENOTDIR);
        assertThat(HostFileService.errnoOf(new FileSystemException("f", null, "File name too long")))
                .isEqualTo(Errno.ENAMETOOLONG);
        assertThat(HostFileService.errnoOf(new FileSystemException("f", null, "Too many open files")))
                .isEqualTo(Errno.EMFILE);
        assertThat(HostFileService.errnoOf(new FileSystemException("f", null, "Something else")))
                .isEqualTo(Errno.EUNKNOWN);
        assertThat(HostFileService.errnoOf(new FileSystemException("f"))).isEqualTo(Errno.EUNKNOWN);
        assertThat(HostFileService.errnoOf(new IOException("disk on fire"))).isEqualTo(Errno.EUNKNOWN);
    }

    @Test
    void errnoNumbersAreTheManuals() {
        assertThat(Errno.EPERM.number()).isEqualTo(1);
        assertThat(Errno.ENOENT.number()).isEqualTo(2);
        assertThat(Errno.EBADF.number()).isEqualTo(9);
        assertThat(Errno.EACCES.number()).isEqualTo(13);
        assertThat(Errno.EINVAL.number()).isEqualTo(22);
        assertThat(Errno.EMFILE.number()).isEqualTo(24);
        assertThat(Errno.EROFS.number()).isEqualTo(30);
        assertThat(Errno.ENAMETOOLONG.number()).isEqualTo(91);
        assertThat(Errno.EUNKNOWN.number()).isEqualTo(9999);
    }

    @Test
    void hostIoNumbersAreHexWithAnExplicitMinus() {
        assertThat(HostFileService.parseNumber("1a")).isEqualTo(26);
        assertThat(HostFileService.parseNumber("-1A")).isEqualTo(-26);
        assertThat(HostFileService.parseNumber("7fffffffffffffff")).isEqualTo(Long.MAX_VALUE);
    }
}
