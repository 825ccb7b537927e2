package org.ppcvm.linux.host;

/**
 * {@code struct utsname}; each string is the field's bytes up to its NUL, decoded as ISO-8859-1 so
 * that no byte is lost.
 *
 * @param sysname {@code sysname}
 * @param nodename {@code nodename}
 * @param release {@code release}
 * @param version {@code version}
 * @param machine {@code machine}
 * @param domainname {@code domainname}
 */
public record Utsname(
        String sysname, String nodename, String release, String version, String machine, String domainname) {

    /** This name with {@code machine} replaced. */
    public Utsname withMachine(String newMachine) {
        return new Utsname(sysname, nodename, release, version, newMachine, domainname);
    }
}
