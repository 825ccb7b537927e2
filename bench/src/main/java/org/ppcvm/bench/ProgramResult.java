package org.ppcvm.bench;

import java.util.List;
import java.util.Optional;

/**
 * What one benchmark program measured.
 *
 * @param name the program
 * @param args the arguments it ran with
 * @param checksum the checksum the native run printed (the hex word after {@code checksum}), or
 *     empty if it printed none
 * @param nativeTimes wall times of the native build
 * @param qemuTimes wall times under qemu-ppc
 * @param ppcvmTimes wall times under ppcvm, JVM start-up included
 * @param ppcvmRunTimes the run times ppcvm itself reported with {@code --stats} (no JVM start-up)
 * @param instructions the guest instructions ppcvm executed (0 if it reported none)
 * @param problems why the runs cannot be trusted (failed runs, outputs that differ); empty when
 *     every run exited with 0 and printed what the native run printed
 */
public record ProgramResult(
        String name,
        List<String> args,
        Optional<String> checksum,
        Samples nativeTimes,
        Samples qemuTimes,
        Samples ppcvmTimes,
        Samples ppcvmRunTimes,
        long instructions,
        List<String> problems) {

    public ProgramResult {
        args = List.copyOf(args);
        problems = List.copyOf(problems);
    }

    /** Whether every run succeeded and all printed the same output (hence the same checksum). */
    public boolean checksumsAgree() {
        return problems.isEmpty();
    }

    public double ppcvmOverQemu() {
        return ppcvmTimes.median() / qemuTimes.median();
    }

    public double ppcvmOverNative() {
        return ppcvmTimes.median() / nativeTimes.median();
    }

    public double qemuOverNative() {
        return qemuTimes.median() / nativeTimes.median();
    }

    /** Guest instructions per second of ppcvm's own run time, in millions; NaN if unknown. */
    public double ppcvmMips() {
        return instructions == 0 ? Double.NaN : instructions / ppcvmRunTimes.median() / 1e6;
    }
}
