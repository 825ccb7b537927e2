package org.ppcvm.linux.host;

/**
 * The host's {@code struct statx} up to the direct-I/O alignments (the members the guest's
 * 6.1 headers know). Integer members keep their C width; unsigned 32-bit members are Java
 * {@code int}s holding the same bits.
 *
 * @param mask {@code stx_mask}: which members are valid ({@code STATX_*})
 * @param blksize {@code stx_blksize}
 * @param attributes {@code stx_attributes}
 * @param nlink {@code stx_nlink}
 * @param uid {@code stx_uid}
 * @param gid {@code stx_gid}
 * @param mode {@code stx_mode} (16 bits)
 * @param ino {@code stx_ino}
 * @param size {@code stx_size}
 * @param blocks {@code stx_blocks}
 * @param attributesMask {@code stx_attributes_mask}
 * @param atime {@code stx_atime}
 * @param btime {@code stx_btime}
 * @param ctime {@code stx_ctime}
 * @param mtime {@code stx_mtime}
 * @param rdevMajor {@code stx_rdev_major}
 * @param rdevMinor {@code stx_rdev_minor}
 * @param devMajor {@code stx_dev_major}
 * @param devMinor {@code stx_dev_minor}
 * @param mntId {@code stx_mnt_id}
 * @param dioMemAlign {@code stx_dio_mem_align}
 * @param dioOffsetAlign {@code stx_dio_offset_align}
 */
public record HostStatx(
        int mask,
        int blksize,
        long attributes,
        int nlink,
        int uid,
        int gid,
        int mode,
        long ino,
        long size,
        long blocks,
        long attributesMask,
        Timespec atime,
        Timespec btime,
        Timespec ctime,
        Timespec mtime,
        int rdevMajor,
        int rdevMinor,
        int devMajor,
        int devMinor,
        long mntId,
        int dioMemAlign,
        int dioOffsetAlign) {

    /**
     * The {@code STATX_*} bits whose members this record carries: the basic stats, birth time,
     * mount id and direct-I/O alignment. A newer host kernel may set others (it fills members
     * beyond these); callers must clear them before passing a mask on.
     */
    public static final int KNOWN_MASK = 0x3fff;
}
