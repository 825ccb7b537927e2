package org.ppcvm.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ppcvm.core.mem.AccessKind;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.MemoryFault;

/**
 * The kernel side's access to the guest's memory (Linux's copy_from_user/copy_to_user): it
 * honours page permissions, goes through the watchpoint observer before anything becomes
 * visible, and turns a bad address into {@link BadAddress} (EFAULT) instead of a signal.
 */
final class UserMemory {
    /** A system call argument points to memory the process cannot access. */
    static final class BadAddress extends Exception {
        private static final long serialVersionUID = 1L;

        BadAddress() {
            super(null, null, false, false);
        }
    }

    static final int PATH_MAX = 4096;

    private final Memory memory;

    UserMemory(Memory memory) {
        this.memory = memory;
    }

    byte[] copyIn(int addr, int len) throws BadAddress {
        byte[] out = new byte[len];
        copyIn(addr, out, 0, len);
        return out;
    }

    void copyIn(int addr, byte[] dst, int off, int len) throws BadAddress {
        try {
            memory.checkAccess(addr, len, AccessKind.READ);
        } catch (MemoryFault f) {
            throw new BadAddress();
        }
        memory.readRaw(addr, dst, off, len);
    }

    /** Checks that [addr, addr+len) may be written, without writing. */
    void checkWritable(int addr, int len) throws BadAddress {
        try {
            memory.checkAccess(addr, len, AccessKind.WRITE);
        } catch (MemoryFault f) {
            throw new BadAddress();
        }
    }

    void copyOut(int addr, byte[] src, int off, int len) throws BadAddress {
        try {
            memory.checkAccess(addr, len, AccessKind.WRITE);
        } catch (MemoryFault f) {
            throw new BadAddress();
        }
        memory.writeRaw(addr, src, off, len);
    }

    void copyOut(int addr, byte[] src) throws BadAddress {
        copyOut(addr, src, 0, src.length);
    }

    int readWord(int addr) throws BadAddress {
        return ByteBuffer.wrap(copyIn(addr, 4)).getInt();
    }

    void writeWord(int addr, int value) throws BadAddress {
        copyOut(addr, ByteBuffer.allocate(4).putInt(value).array());
    }

    void writeLong(int addr, long value) throws BadAddress {
        copyOut(addr, ByteBuffer.allocate(8).putLong(value).array());
    }

    /** A NUL-terminated string (without the NUL); ENAMETOOLONG past PATH_MAX is the caller's. */
    byte[] string(int addr) throws BadAddress {
        try {
            return memory.readCString(addr, PATH_MAX);
        } catch (MemoryFault f) {
            throw new BadAddress();
        }
    }

    static ByteBuffer bigEndian(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
    }
}
