/**
 * The seed's binary guest-debug interface as codecs at the edge of the typed core API
 * (design.md §2.2; reference/kvm-ppc-debug.md §1).
 *
 * <p>A KVM-style client hands over one table that <em>replaces</em> the whole set of hardware
 * points. The path, in order:
 *
 * <ol>
 *   <li>{@link org.ppcvm.core.debug.abi.SeedDebugTable} (the 2010 proposal's 3080-byte layout,
 *       plus ppcvm's {@code USE_LENGTH}) or {@link org.ppcvm.core.debug.abi.LinuxDebugTable} (the
 *       264-byte {@code struct kvm_guest_debug} of Linux's powerpc {@code asm/kvm.h}) decodes the
 *       bytes into a validated {@link org.ppcvm.core.debug.abi.DebugTable}, or throws a
 *       {@link org.ppcvm.core.debug.abi.DebugTableException} naming the first bad field. Both
 *       encode a table back to the exact bytes.
 *   <li>A table is a control word and the occupied {@link org.ppcvm.core.debug.abi.TableSlot}s;
 *       each slot has a {@link org.ppcvm.core.debug.abi.SlotType} and maps to one core {@link
 *       org.ppcvm.core.debug.DebugPoint}.
 *   <li>{@link org.ppcvm.core.debug.abi.GuestDebugTable} applies tables to one vCPU's {@link
 *       org.ppcvm.core.debug.GuestDebug}, all or nothing, and translates debug events back into
 *       the ABI's terms: slot numbers, the Linux exit {@code status} and {@code address}.
 * </ol>
 *
 * <p>Validation is stricter than Linux's (which reads only the first four or six slots, accepts
 * any reserved bits and keeps half-programmed registers on error): every slot is scanned, every
 * reserved field must be zero and an error changes nothing.
 */
package org.ppcvm.core.debug.abi;
