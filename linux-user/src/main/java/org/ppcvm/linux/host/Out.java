package org.ppcvm.linux.host;

/**
 * Receives a struct that a {@link HostOs} call produces, so that every call can keep returning
 * its result as a {@code long} (the value or {@code -errno}). The value is set only when the call
 * succeeds; reuse one holder across calls freely.
 *
 * @param <T> the record type the call produces
 */
public final class Out<T> {
    private T value;

    /** The value the last successful call stored; fails if there is none. */
    public T get() {
        if (value == null) {
            throw new IllegalStateException("no value: the call did not succeed");
        }
        return value;
    }

    /** Whether a value was stored. */
    public boolean isPresent() {
        return value != null;
    }

    void set(T newValue) {
        value = newValue;
    }

    /** Forgets the value. */
    public void clear() {
        value = null;
    }
}
