package org.ppcvm.core.os;

/** A mapped range [start, start+length) of guest memory with its permissions (Perm bits). */
public record MemoryRegion(int start, long length, int permissions) {}
