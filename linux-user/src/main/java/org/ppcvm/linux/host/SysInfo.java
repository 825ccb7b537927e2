package org.ppcvm.linux.host;

/**
 * The host's {@code struct sysinfo}. Memory sizes are in units of {@code memUnit} bytes; the
 * load averages are fixed-point with 16 fraction bits ({@code SI_LOAD_SHIFT}).
 *
 * @param uptime seconds since boot
 * @param load1 1-minute load average
 * @param load5 5-minute load average
 * @param load15 15-minute load average
 * @param totalram total usable main memory
 * @param freeram free memory
 * @param sharedram shared memory
 * @param bufferram memory used by buffers
 * @param totalswap total swap
 * @param freeswap free swap
 * @param procs number of processes (16 bits)
 * @param totalhigh total high memory
 * @param freehigh free high memory
 * @param memUnit the unit of the memory sizes, in bytes
 */
public record SysInfo(
        long uptime,
        long load1,
        long load5,
        long load15,
        long totalram,
        long freeram,
        long sharedram,
        long bufferram,
        long totalswap,
        long freeswap,
        int procs,
        long totalhigh,
        long freehigh,
        int memUnit) {}
