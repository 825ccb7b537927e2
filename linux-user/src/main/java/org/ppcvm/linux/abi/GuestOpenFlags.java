package org.ppcvm.linux.abi;

import java.util.List;

/**
 * Translation of {@code open}/{@code fcntl(F_GETFL/F_SETFL)} flags between PowerPC and the host.
 *
 * <p>PowerPC's {@code asm/fcntl.h} moves four flags; the other flags have the generic values on
 * both. The four trade places among the same four bits ({@code 040000} is {@code O_DIRECTORY}
 * on PowerPC and {@code O_DIRECT} on x86-64, and so on), so translating clears all four and sets
 * the mapped ones. {@code O_TMPFILE} contains {@code O_DIRECTORY} and translates with it.
 */
public final class GuestOpenFlags {
    private GuestOpenFlags() {}

    /**
     * A flag with different values.
     *
     * @param name the C name
     * @param host the x86-64 value
     * @param guest the PowerPC value
     */
    public record Moved(String name, int host, int guest) {}

    /** The flags whose values differ; the tests check both columns against the compilers. */
    public static final List<Moved> MOVED = List.of(
            new Moved("O_DIRECTORY", 0200000, 040000),
            new Moved("O_NOFOLLOW", 0400000, 0100000),
            new Moved("O_LARGEFILE", 0100000, 0200000),
            new Moved("O_DIRECT", 040000, 0400000));

    /** The shared flags the tests check to be equal on both. */
    public static final List<String> SHARED = List.of(
            "O_ACCMODE",
            "O_RDONLY",
            "O_WRONLY",
            "O_RDWR",
            "O_CREAT",
            "O_EXCL",
            "O_NOCTTY",
            "O_TRUNC",
            "O_APPEND",
            "O_NONBLOCK",
            "O_DSYNC",
            "FASYNC",
            "O_NOATIME",
            "O_CLOEXEC",
            "O_SYNC",
            "O_PATH",
            "__O_TMPFILE");

    private static final int MOVED_BITS = 0740000;

    /** The host's flags for the guest's {@code flags}. */
    public static int toHost(int flags) {
        int out = flags & ~MOVED_BITS;
        for (Moved m : MOVED) {
            if ((flags & m.guest()) != 0) {
                out |= m.host();
            }
        }
        return out;
    }

    /** The guest's flags for the host's {@code flags} (an {@code F_GETFL} result). */
    public static int toGuest(int flags) {
        int out = flags & ~MOVED_BITS;
        for (Moved m : MOVED) {
            if ((flags & m.host()) != 0) {
                out |= m.guest();
            }
        }
        return out;
    }
}
