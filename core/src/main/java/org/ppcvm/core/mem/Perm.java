package org.ppcvm.core.mem;

/** Page permission bits, as in {@code mmap}'s PROT_* values. */
public final class Perm {
    private Perm() {}

    public static final int NONE = 0;
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int EXEC = 4;
    public static final int RW = READ | WRITE;
    public static final int RX = READ | EXEC;
    public static final int RWX = READ | WRITE | EXEC;
}
