package org.ppcvm.gdb.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.ppcvm.gdb.ppc.TargetDescription;
import org.ppcvm.gdb.session.StopReason;
import org.ppcvm.gdb.vm.VmTarget;

/**
 * The gdb server of one guest, from the first connection to the guest's end, run on the thread
 * that owns the guest.
 *
 * <p>The guest waits, stopped before its first instruction, for the first connection ({@code
 * qAttached} 0: gdb kills it on quit). When gdb detaches the guest runs on while the server
 * listens; a new connection stops it wherever it is and attaches ({@code ?} answers T05, {@code
 * qAttached} 1). When a connection is lost without a detach the guest stays stopped for the next
 * one, as gdbserver does. After the guest ends (and gdb has heard so and gone) or gdb kills it,
 * the server returns the guest's exit status.
 */
public final class GdbServer {
    private static final int SIGTRAP = 5;

    /** The exit status ppcvm gives when gdb kills the guest: a shell's for SIGKILL. */
    public static final int KILLED_STATUS = 128 + 9;

    private final ServerSocket listener;
    private final VmTarget target;
    private final TargetDescription description;
    private final PrintStream log;
    private final PrintStream trace;

    /**
     * @param listener bound and listening; closed when the guest ends
     * @param log where the server says what happens to connections (one line each)
     * @param trace where every packet is logged, or null
     */
    public GdbServer(
            ServerSocket listener, VmTarget target, TargetDescription description, PrintStream log, PrintStream trace) {
        this.listener = listener;
        this.target = target;
        this.description = description;
        this.log = log;
        this.trace = trace;
    }

    /** Serves gdb until the guest ends; returns its exit status (128+N when a signal ended it). */
    public int run() {
        try (listener) {
            StopReason stop = StopReason.Signalled.of(target.threads().getFirst(), SIGTRAP);
            Socket client = listener.accept();
            while (true) {
                GdbConnection connection = new GdbConnection(client, target, description, stop, trace);
                GdbConnection.Outcome outcome = connection.serve();
                target.clearInterrupt();
                stop = connection.lastStop();
                if (outcome == GdbConnection.Outcome.KILLED) {
                    return stop instanceof StopReason.Exited e ? e.status() : KILLED_STATUS;
                }
                if (stop.isTerminal()) {
                    return status(stop);
                }
                target.setAttached(true);
                if (outcome == GdbConnection.Outcome.CLOSED) {
                    log.println("ppcvm: gdb disconnected; the guest waits for the next connection");
                    client = listener.accept();
                    continue;
                }
                log.println("ppcvm: gdb detached; the guest runs on, a new connection stops it");
                Optional<Socket> next = runDetached();
                if (next.isEmpty()) {
                    return status(target.lastDetachedStop());
                }
                client = next.get();
                stop = StopReason.Signalled.of(target.threads().getFirst(), SIGTRAP);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the guest without a debugger while another thread waits for a connection; returns the
     * connection that stopped it, or empty when the guest ended first.
     */
    private Optional<Socket> runDetached() {
        AtomicReference<Socket> accepted = new AtomicReference<>();
        Thread acceptor = Thread.ofPlatform().daemon().name("gdb-accept").start(() -> {
            try {
                accepted.set(listener.accept());
                target.interrupt();
            } catch (IOException e) {
                // The listener closed because the guest ended.
            }
        });
        boolean ended = target.runDetached();
        if (ended) {
            try {
                listener.close();
                acceptor.join();
            } catch (IOException e) {
                // Closing a listener only fails if it is already closed.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Socket late = accepted.get();
            if (late != null) {
                try {
                    late.close();
                } catch (IOException e) {
                    // Nothing to tell a client the guest is gone.
                }
            }
            return Optional.empty();
        }
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        target.clearInterrupt();
        return Optional.ofNullable(accepted.get());
    }

    private static int status(StopReason stop) {
        return switch (stop) {
            case StopReason.Exited e -> e.status();
            case StopReason.Killed k -> 128 + k.signal();
            case StopReason.Signalled s -> throw new IllegalStateException("the guest has not ended");
        };
    }
}
