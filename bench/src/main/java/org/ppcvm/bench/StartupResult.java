package org.ppcvm.bench;

import java.util.List;

/**
 * The wall times of the trivial program: what each runner costs before a guest does any work (for
 * ppcvm, starting the JVM and loading the ELF).
 *
 * @param nativeTimes wall times of the native build
 * @param qemuTimes wall times under qemu-ppc
 * @param ppcvmTimes wall times under ppcvm
 * @param problems failed runs; empty if all succeeded
 */
public record StartupResult(Samples nativeTimes, Samples qemuTimes, Samples ppcvmTimes, List<String> problems) {

    public StartupResult {
        problems = List.copyOf(problems);
    }
}
