package org.ppcvm.linux.abi;

import java.lang.foreign.StructLayout;
import java.util.Map;

/**
 * Every guest struct layout of this package by its C type name in the 32-bit PowerPC headers,
 * for the test that compares them with the cross compiler.
 */
public final class GuestLayouts {
    private GuestLayouts() {}

    /** Layouts declared by the kernel's user-space headers ({@code asm/}, {@code linux/}). */
    public static final Map<String, StructLayout> KERNEL = Map.ofEntries(
            Map.entry("struct stat64", GuestStat64.LAYOUT),
            Map.entry("struct statx", GuestStatx.LAYOUT),
            Map.entry("struct statx_timestamp", GuestStatx.TIMESTAMP),
            Map.entry("struct __kernel_old_timespec", GuestTime.TIMESPEC32),
            Map.entry("struct __kernel_timespec", GuestTime.TIMESPEC64),
            Map.entry("struct __kernel_old_timeval", GuestTime.TIMEVAL32),
            Map.entry("struct __kernel_sock_timeval", GuestTime.TIMEVAL64),
            Map.entry("struct new_utsname", GuestUtsname.LAYOUT),
            Map.entry("struct sysinfo", GuestSysinfo.LAYOUT),
            Map.entry("struct rlimit", GuestRlimit.RLIMIT),
            Map.entry("struct rlimit64", GuestRlimit.RLIMIT64),
            Map.entry("struct termios", GuestTermios.LAYOUT),
            Map.entry("struct winsize", GuestWinsize.LAYOUT),
            Map.entry("struct statfs", GuestStatfs.STATFS),
            Map.entry("struct statfs64", GuestStatfs.STATFS64));

    /** Layouts declared by glibc's headers, including the ones glibc shares with the kernel. */
    public static final Map<String, StructLayout> LIBC = Map.ofEntries(
            Map.entry("struct dirent64", GuestDirent64.LAYOUT),
            Map.entry("struct timespec", GuestTime.TIMESPEC32),
            Map.entry("struct timeval", GuestTime.TIMEVAL32),
            Map.entry("struct utsname", GuestUtsname.LAYOUT),
            Map.entry("struct sockaddr_in", GuestSockaddr.SOCKADDR_IN),
            Map.entry("struct sockaddr_in6", GuestSockaddr.SOCKADDR_IN6),
            Map.entry("struct sockaddr_un", GuestSockaddr.SOCKADDR_UN),
            Map.entry("struct epoll_event", GuestEpollEvent.LAYOUT),
            Map.entry("struct msghdr", GuestMsghdr.LAYOUT),
            Map.entry("struct iovec", GuestMsghdr.IOVEC),
            Map.entry("struct cmsghdr", GuestCmsg.CMSGHDR));
}
