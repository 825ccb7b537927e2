package org.ppcvm.core.os;

import org.ppcvm.core.vcpu.Vcpu;

/**
 * One guest thread: its id as the guest knows it (a Linux TID, or a CPU number on a board), its
 * name, and the vCPU that runs it.
 */
public record GuestThread(int id, String name, Vcpu vcpu) {}
