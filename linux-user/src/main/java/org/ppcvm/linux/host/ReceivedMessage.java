package org.ppcvm.linux.host;

/**
 * What one {@code recvmsg} returned besides the data: the sender's address, the control messages
 * and the flags.
 *
 * @param name the host's {@code struct sockaddr} bytes, as long as {@code msg_namelen} says (empty
 *     when the socket gives no address)
 * @param control the host's control messages ({@code struct cmsghdr} records), as long as {@code
 *     msg_controllen} says
 * @param flags {@code msg_flags} ({@code MSG_TRUNC}, {@code MSG_CTRUNC} ...)
 */
// The arrays are fresh copies the record hands over; nothing else holds them.
@SuppressWarnings("ArrayRecordComponent")
public record ReceivedMessage(byte[] name, byte[] control, int flags) {}
