package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.structLayout;
import static org.ppcvm.linux.abi.BigEndian.chars;
import static org.ppcvm.linux.abi.BigEndian.member;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ppcvm.linux.host.Utsname;

/** {@code struct new_utsname} ({@code uname}): six NUL-terminated 65-byte fields, 390 bytes. */
public final class GuestUtsname {
    private GuestUtsname() {}

    /** What a 32-bit PowerPC Linux kernel reports as {@code machine}. */
    public static final String MACHINE = "ppc";

    /** {@code __NEW_UTS_LEN + 1}. */
    public static final int FIELD_LENGTH = 65;

    public static final StructLayout LAYOUT = structLayout(
            chars(FIELD_LENGTH).withName("sysname"),
            chars(FIELD_LENGTH).withName("nodename"),
            chars(FIELD_LENGTH).withName("release"),
            chars(FIELD_LENGTH).withName("version"),
            chars(FIELD_LENGTH).withName("machine"),
            chars(FIELD_LENGTH).withName("domainname"));

    /**
     * The guest's bytes for the host's {@code u}, with {@code machine} replaced by {@link
     * #MACHINE}. Each string is cut to 64 bytes so that its NUL fits.
     */
    public static byte[] encode(Utsname u) {
        MemorySegment s = BigEndian.allocate(LAYOUT);
        field(s, "sysname", u.sysname());
        field(s, "nodename", u.nodename());
        field(s, "release", u.release());
        field(s, "version", u.version());
        field(s, "machine", MACHINE);
        field(s, "domainname", u.domainname());
        return BigEndian.bytes(s);
    }

    private static void field(MemorySegment s, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        member(LAYOUT, name).setBytes(s, Arrays.copyOf(bytes, Math.min(bytes.length, FIELD_LENGTH - 1)));
    }
}
