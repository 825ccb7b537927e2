package org.ppcvm.linux.host;

/**
 * The host's {@code struct stat}, member for member (C names in the Javadoc of each component).
 *
 * @param dev {@code st_dev}, the encoded device number of the containing file system
 * @param ino {@code st_ino}
 * @param nlink {@code st_nlink}
 * @param mode {@code st_mode}: file type and permission bits
 * @param uid {@code st_uid}
 * @param gid {@code st_gid}
 * @param rdev {@code st_rdev}, the encoded device number of a device file
 * @param size {@code st_size} in bytes
 * @param blksize {@code st_blksize}
 * @param blocks {@code st_blocks}, in 512-byte units
 * @param atime {@code st_atim}
 * @param mtime {@code st_mtim}
 * @param ctime {@code st_ctim}
 */
public record HostStat(
        long dev,
        long ino,
        long nlink,
        int mode,
        int uid,
        int gid,
        long rdev,
        long size,
        long blksize,
        long blocks,
        Timespec atime,
        Timespec mtime,
        Timespec ctime) {

    /** {@code S_IFMT}: the file-type bits of {@link #mode}. */
    public static final int S_IFMT = 0170000;

    /** {@code S_IFDIR}. */
    public static final int S_IFDIR = 0040000;

    /** {@code S_IFREG}. */
    public static final int S_IFREG = 0100000;

    /** {@code S_IFLNK}. */
    public static final int S_IFLNK = 0120000;

    /** {@code S_IFIFO}. */
    public static final int S_IFIFO = 0010000;

    /** {@code S_IFCHR}. */
    public static final int S_IFCHR = 0020000;

    /** Whether this is a directory. */
    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }
}
