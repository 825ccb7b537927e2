package org.ppcvm.testkit;

/** The optimisation levels guest programs are built at. */
public enum OptLevel {
    O0,
    O2;

    /** The compiler flag, e.g. {@code -O2}. */
    public String flag() {
        return "-" + name();
    }
}
