package org.ppcvm.linux.host;

/**
 * One {@code struct epoll_event}: what happened, and the caller's value for the descriptor.
 *
 * @param events the {@code EPOLL*} bits (the same numbers on x86-64 and 32-bit PowerPC)
 * @param data the 64-bit value registered with {@code epoll_ctl}
 */
public record EpollEvent(int events, long data) {}
