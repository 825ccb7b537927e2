package org.ppcvm.linux.host;

/**
 * The host's {@code struct statfs}, member for member (C names in the Javadoc of each component).
 *
 * @param type {@code f_type}, the file system's magic number
 * @param bsize {@code f_bsize}, the optimal transfer block size
 * @param blocks {@code f_blocks}, total data blocks in units of {@code f_frsize}
 * @param bfree {@code f_bfree}, free blocks
 * @param bavail {@code f_bavail}, free blocks available to unprivileged users
 * @param files {@code f_files}, total inodes
 * @param ffree {@code f_ffree}, free inodes
 * @param fsid0 {@code f_fsid.__val[0]}
 * @param fsid1 {@code f_fsid.__val[1]}
 * @param namelen {@code f_namelen}, the longest file name
 * @param frsize {@code f_frsize}, the fragment size
 * @param flags {@code f_flags}, the mount flags ({@code ST_RDONLY} ...)
 */
public record HostStatfs(
        long type,
        long bsize,
        long blocks,
        long bfree,
        long bavail,
        long files,
        long ffree,
        int fsid0,
        int fsid1,
        long namelen,
        long frsize,
        long flags) {}
