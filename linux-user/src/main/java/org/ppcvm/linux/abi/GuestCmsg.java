package org.ppcvm.linux.abi;

import static java.lang.foreign.MemoryLayout.structLayout;
import static org.ppcvm.linux.abi.BigEndian.U32;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ppcvm.linux.host.HostLayouts;

/**
 * Control messages ({@code sendmsg}/{@code recvmsg} ancillary data) between the guest's layout and
 * the host's. A guest {@code struct cmsghdr} is 12 bytes (a 32-bit {@code cmsg_len}) and messages
 * are 4-byte aligned; the host's header is 16 bytes with 8-byte alignment. The messages converted
 * are {@code SCM_RIGHTS} (descriptors, which the caller maps between the guest's table and the
 * host's) and {@code SCM_CREDENTIALS} ({@code struct ucred}: pid, uid, gid).
 *
 * <p>{@link Writer} fills the guest's control buffer on receipt with the rules of Linux's {@code
 * put_cmsg} and {@code scm_detach_fds}: what does not fit is cut or left out and {@code
 * MSG_CTRUNC} reported, and descriptors are passed only as far as whole ones fit.
 */
public final class GuestCmsg {
    private GuestCmsg() {}

    public static final int SOL_SOCKET = 1;
    public static final int SCM_RIGHTS = 1;
    public static final int SCM_CREDENTIALS = 2;

    /** The most descriptors one {@code SCM_RIGHTS} message may carry ({@code SCM_MAX_FD}). */
    public static final int MAX_FDS = 253;

    public static final StructLayout CMSGHDR =
            structLayout(U32.withName("cmsg_len"), U32.withName("cmsg_level"), U32.withName("cmsg_type"));

    /** {@code sizeof(struct cmsghdr)} of the guest. */
    public static final int HEADER = (int) CMSGHDR.byteSize();

    private static final int HOST_HEADER = (int) HostLayouts.CMSGHDR.byteSize();
    private static final int CREDENTIALS_SIZE = 12;

    private static final ValueLayout.OfInt HOST_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfLong HOST_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    /** One control message. */
    public sealed interface Message {
        /** {@code SCM_RIGHTS}: descriptors (the guest's or the host's numbers, as the side says). */
        // The array is the message's own; the records are short-lived values.
        @SuppressWarnings("ArrayRecordComponent")
        record Rights(int[] fds) implements Message {}

        /** {@code SCM_CREDENTIALS}: a {@code struct ucred}. */
        record Credentials(int pid, int uid, int gid) implements Message {}

        /** A message of a kind not converted. */
        record Unsupported(int level, int type) implements Message {}
    }

    /** Control data that Linux refuses with EINVAL (a bad {@code cmsg_len}, an unknown SOL_SOCKET type, too many descriptors). */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static int align(int length, int to) {
        return (length + to - 1) & -to;
    }

    /**
     * The messages in the guest's control buffer, as {@code sendmsg} walks it: a header must fit
     * in what is left, a {@code cmsg_len} must cover the header and stay inside the buffer. An
     * {@code SCM_RIGHTS} message without descriptors is dropped, as Linux ignores it.
     */
    public static List<Message> decodeGuest(byte[] control) throws Malformed {
        List<Message> out = new ArrayList<>();
        MemorySegment s = MemorySegment.ofArray(control);
        int at = 0;
        while (control.length - at >= HEADER) {
            long len = Integer.toUnsignedLong(s.get(U32, at));
            if (len < HEADER || len > control.length - at) {
                throw new Malformed("cmsg_len " + len + " at " + at);
            }
            int level = s.get(U32, at + 4);
            int type = s.get(U32, at + 8);
            int data = at + HEADER;
            int dataLength = (int) len - HEADER;
            if (level != SOL_SOCKET) {
                out.add(new Message.Unsupported(level, type));
            } else if (type == SCM_RIGHTS) {
                int n = dataLength / 4;
                if (n > MAX_FDS) {
                    throw new Malformed(n + " descriptors");
                }
                if (n > 0) {
                    int[] fds = new int[n];
                    for (int i = 0; i < n; i++) {
                        fds[i] = s.get(U32, data + 4L * i);
                    }
                    out.add(new Message.Rights(fds));
                }
            } else if (type == SCM_CREDENTIALS) {
                if (dataLength != CREDENTIALS_SIZE) {
                    throw new Malformed("credentials of " + dataLength + " bytes");
                }
                out.add(new Message.Credentials(s.get(U32, data), s.get(U32, data + 4), s.get(U32, data + 8)));
            } else {
                throw new Malformed("SOL_SOCKET message type " + type);
            }
            at += align((int) len, 4);
        }
        return out;
    }

    /** The host's control buffer for {@code messages}, which must not hold {@link Message.Unsupported}. */
    public static byte[] encodeHost(List<Message> messages) {
        int total = 0;
        for (Message m : messages) {
            total += align(HOST_HEADER + dataLength(m), 8);
        }
        byte[] out = new byte[total];
        MemorySegment s = MemorySegment.ofArray(out);
        int at = 0;
        for (Message m : messages) {
            int length = HOST_HEADER + dataLength(m);
            s.set(HOST_LONG, at, length);
            s.set(HOST_INT, at + 8L, SOL_SOCKET);
            int data = at + HOST_HEADER;
            switch (m) {
                case Message.Rights r -> {
                    s.set(HOST_INT, at + 12L, SCM_RIGHTS);
                    for (int i = 0; i < r.fds().length; i++) {
                        s.set(HOST_INT, data + 4L * i, r.fds()[i]);
                    }
                }
                case Message.Credentials c -> {
                    s.set(HOST_INT, at + 12L, SCM_CREDENTIALS);
                    s.set(HOST_INT, data, c.pid());
                    s.set(HOST_INT, data + 4L, c.uid());
                    s.set(HOST_INT, data + 8L, c.gid());
                }
                case Message.Unsupported u -> throw new IllegalArgumentException("cannot encode " + u);
            }
            at += align(length, 8);
        }
        return out;
    }

    private static int dataLength(Message m) {
        return switch (m) {
            case Message.Rights r -> 4 * r.fds().length;
            case Message.Credentials c -> CREDENTIALS_SIZE;
            case Message.Unsupported u -> 0;
        };
    }

    /** The messages in the host's control buffer ({@code recvmsg}'s), in order. */
    public static List<Message> decodeHost(byte[] control) {
        List<Message> out = new ArrayList<>();
        MemorySegment s = MemorySegment.ofArray(control);
        int at = 0;
        while (control.length - at >= HOST_HEADER) {
            long len = s.get(HOST_LONG, at);
            if (len < HOST_HEADER || len > control.length - at) {
                break;
            }
            int level = s.get(HOST_INT, at + 8L);
            int type = s.get(HOST_INT, at + 12L);
            int data = at + HOST_HEADER;
            int dataLength = (int) len - HOST_HEADER;
            if (level == SOL_SOCKET && type == SCM_RIGHTS) {
                int[] fds = new int[dataLength / 4];
                for (int i = 0; i < fds.length; i++) {
                    fds[i] = s.get(HOST_INT, data + 4L * i);
                }
                out.add(new Message.Rights(fds));
            } else if (level == SOL_SOCKET && type == SCM_CREDENTIALS && dataLength >= CREDENTIALS_SIZE) {
                out.add(new Message.Credentials(
                        s.get(HOST_INT, data), s.get(HOST_INT, data + 4L), s.get(HOST_INT, data + 8L)));
            } else {
                out.add(new Message.Unsupported(level, type));
            }
            at += align((int) len, 8);
        }
        return out;
    }

    /** The guest's control buffer as {@code recvmsg} fills it, {@code room} bytes long. */
    public static final class Writer {
        private final int room;
        private final boolean present;
        private final byte[] bytes;
        private int used;
        private boolean truncated;

        /**
         * @param room {@code msg_controllen}
         * @param present whether {@code msg_control} is a pointer at all (Linux checks it apart)
         */
        public Writer(int room, boolean present) {
            this.room = Math.max(0, room);
            this.present = present;
            this.bytes = new byte[present ? Math.min(this.room, 1 << 16) : 0];
        }

        private int available() {
            return present ? bytes.length - used : 0;
        }

        private void header(int length, int level, int type) {
            MemorySegment s = MemorySegment.ofArray(bytes);
            s.set(U32, used, length);
            s.set(U32, used + 4L, level);
            s.set(U32, used + 8L, type);
        }

        /** One message as {@code put_cmsg} stores it: cut to the room left, or dropped without room for a header. */
        public void put(int level, int type, byte[] data) {
            int available = available();
            if (available < HEADER) {
                truncated = true;
                return;
            }
            int length = HEADER + data.length;
            if (available < length) {
                truncated = true;
                length = available;
            }
            header(length, level, type);
            System.arraycopy(data, 0, bytes, used + HEADER, length - HEADER);
            used += Math.min(align(HEADER + data.length, 4), available);
        }

        /** {@code SCM_CREDENTIALS} with the guest's ids. */
        public void putCredentials(int pid, int uid, int gid) {
            MemorySegment data = MemorySegment.ofArray(new byte[CREDENTIALS_SIZE]);
            data.set(U32, 0, pid);
            data.set(U32, 4, uid);
            data.set(U32, 8, gid);
            put(SOL_SOCKET, SCM_CREDENTIALS, BigEndian.bytes(data));
        }

        /** How many descriptors an {@code SCM_RIGHTS} message may still carry ({@code scm_max_fds}). */
        public int descriptorRoom() {
            int available = available();
            return available <= HEADER ? 0 : (available - HEADER) / 4;
        }

        /** {@code SCM_RIGHTS} with the guest's descriptors; at most {@link #descriptorRoom()} of them. */
        public void putRights(int[] fds) {
            if (fds.length == 0) {
                return;
            }
            if (fds.length > descriptorRoom()) {
                throw new IllegalArgumentException(fds.length + " descriptors do not fit");
            }
            int available = available();
            header(HEADER + 4 * fds.length, SOL_SOCKET, SCM_RIGHTS);
            MemorySegment s = MemorySegment.ofArray(bytes);
            for (int i = 0; i < fds.length; i++) {
                s.set(U32, used + HEADER + 4L * i, fds[i]);
            }
            used += Math.min(align(HEADER + 4 * fds.length, 4), available);
        }

        /** Some control data was left out ({@code MSG_CTRUNC}). */
        public void markTruncated() {
            truncated = true;
        }

        public boolean truncated() {
            return truncated;
        }

        /** The bytes written, which {@code msg_controllen} reports. */
        public byte[] bytes() {
            return Arrays.copyOf(bytes, used);
        }
    }
}
