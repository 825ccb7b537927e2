package org.ppcvm.gdb.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ppcvm.gdb.ppc.RegisterFile;
import org.ppcvm.gdb.ppc.RegisterMap;
import org.ppcvm.gdb.ppc.TargetDescription;
import org.ppcvm.gdb.protocol.GdbSignals;
import org.ppcvm.gdb.protocol.Packets;
import org.ppcvm.gdb.protocol.ThreadId;

/**
 * The command layer of the gdb server: one packet payload in, at most one reply payload out,
 * over a {@link GdbTarget}. Framing, acks and sockets belong to the transport; this class sees the
 * payload between {@code $} and {@code #} with the binary escapes still in it (only {@code X}
 * data is binary) and returns the reply unescaped and uncompressed, except {@code qXfer} data,
 * which it escapes itself.
 *
 * <p>Dispatch is an exact table from the command name to a handler. The name is the packet's
 * first character, except for {@code q}/{@code Q} packets (up to the first {@code :} or
 * {@code ,}) and {@code v} packets (up to the first {@code ;}, {@code :} or {@code ,}). Unknown
 * commands get the empty reply, which tells gdb the packet is unsupported.
 *
 * <p>Malformed arguments get {@code E01}, memory faults {@code E0e}, refusals by the target
 * {@code E02}; no exception leaves {@link #handle}. Host I/O ({@code vFile}, in {@link
 * HostFileService}) answers in its own {@code F} form instead.
 *
 * <p>Some packets produce more than their reply: {@code qRcmd} ({@code monitor}) streams the
 * command's output as console-output packets ({@code O<hex>}) before its {@code OK}. They go to
 * the console sink given at construction, which the transport sends at once, before the reply
 * {@link #handle} returns.
 *
 * <p>Stop replies name the thread, carry r1, pc and lr (which saves gdb a {@code g} round trip)
 * and the breakpoint or watchpoint that caused the stop. A signal gdb asked to pass
 * ({@code QPassSignals}) is not reported: the session resumes at once delivering it, see {@link
 * #resume}.
 *
 * <p>The transport must send the {@code OK} to {@code QStartNoAckMode} still in ack mode and stop
 * acking afterwards: {@link #noAckMode()} turns true once that reply has been produced. Ctrl-C is
 * the transport's too: it calls {@link GdbTarget#interrupt()} when the byte arrives and {@link
 * GdbTarget#clearInterrupt()} when a packet follows it, in the order it reads them. At
 * disconnection it calls {@link #close()}.
 */
public final class GdbSession {
    /** The largest packet gdb may send us, in bytes, as announced in {@code qSupported}. */
    public static final int PACKET_SIZE = 0x4000;

    static final int LINUX_SIGINT = 2;
    static final int LINUX_SIGTRAP = 5;

    /** The registers every {@code T} stop reply carries: r1 (the stack pointer), pc and lr. */
    static final List<Integer> EXPEDITED_REGISTERS =
            List.of(TargetDescription.R0 + 1, TargetDescription.PC, TargetDescription.LR);

    /** The most bytes of text one console-output packet {@code O<hex>} carries. */
    static final int CONSOLE_CHUNK = (PACKET_SIZE - 1) / 2;

    private static final String BAD_ARGUMENTS = Packets.error(0x01);
    private static final String REFUSED = Packets.error(0x02);
    private static final String FAULT = Packets.error(0x0e);
    private static final String EMPTY = "";

    private final GdbTarget target;
    private final RegisterMap registerMap;
    private final Consumer<String> console;
    private final HostFileService hostFiles;
    private final Map<String, Function<String, Optional<String>>> commands;
    private final Map<String, Function<String, String>> xferObjects;
    private final Set<Integer> passSignals = new HashSet<>();

    private StopReason lastStop;
    private boolean noAckMode;
    private boolean finished;
    private boolean gdbSwbreak;
    private boolean gdbHwbreak;
    private boolean multiprocess;
    private boolean killed;
    private int generalThread;
    private int continueThread;

    /**
     * A session over a stopped target whose console output ({@code monitor}) is dropped.
     *
     * @param initialStop why the target is stopped now, as {@code ?} reports it
     */
    public GdbSession(GdbTarget target, TargetDescription description, StopReason initialStop) {
        this(target, description, initialStop, payload -> {});
    }

    /**
     * A session over a stopped target.
     *
     * @param initialStop why the target is stopped now, as {@code ?} reports it
     * @param console receives packet payloads ({@code O<hex>} console output) that must reach gdb
     *     before the reply of the packet being handled, in order
     */
    public GdbSession(
            GdbTarget target, TargetDescription description, StopReason initialStop, Consumer<String> console) {
        this.target = target;
        this.registerMap = new RegisterMap(description);
        this.console = console;
        this.hostFiles = new HostFileService(target);
        this.lastStop = initialStop;
        if (initialStop instanceof StopReason.Signalled s) {
            generalThread = s.tid();
        }
        this.commands = Map.ofEntries(
                reply("qSupported", this::qSupported),
                reply("QStartNoAckMode", this::startNoAckMode),
                reply("qXfer", this::qXfer),
                reply("?", args -> stopReply(lastStop)),
                reply("g", args -> registerMap.readAll(target.registers(thread(generalThread)))),
                reply("G", this::writeRegisters),
                reply("p", args -> registerMap.readPacket(target.registers(thread(generalThread)), args)),
                reply("P", this::writeRegister),
                reply("m", this::readMemory),
                reply("M", this::writeMemory),
                reply("X", this::writeBinaryMemory),
                reply("Z", args -> point(args, true)),
                reply("z", args -> point(args, false)),
                reply("vCont?", args -> "vCont;c;C;s;S;r"),
                reply("vCont", this::vCont),
                reply("c", args -> legacyResume(args, false, false)),
                reply("s", args -> legacyResume(args, true, false)),
                reply("C", args -> legacyResume(args, false, true)),
                reply("S", args -> legacyResume(args, true, true)),
                reply("qC", args -> "QC" + wireId(thread(generalThread))),
                reply("qfThreadInfo", this::threadInfo),
                reply("qsThreadInfo", args -> "l"),
                reply("T", this::threadAlive),
                reply("H", this::setThread),
                reply("qThreadExtraInfo", this::threadExtraInfo),
                reply("qAttached", args -> target.attached() ? "1" : "0"),
                reply("qOffsets", this::offsets),
                reply("qRcmd", this::monitor),
                reply("QPassSignals", this::passSignals),
                reply("QProgramSignals", this::programSignals),
                reply("QDisableRandomization", this::disableRandomization),
                reply("QCatchSyscalls", this::catchSyscalls),
                reply("vFile", hostFiles::handle),
                reply("vMustReplyEmpty", args -> EMPTY),
                reply("D", this::detach),
                reply("vKill", this::vKill),
                Map.entry("k", this::kill));
        this.xferObjects = Map.ofEntries(
                Map.entry("features", this::xferFeatures),
                Map.entry("auxv", args -> xferBytes(args, target.auxv())),
                Map.entry("exec-file", this::xferExecFile),
                Map.entry("threads", args -> xferBytes(args, threadsDocument())));
    }

    private static Map.Entry<String, Function<String, Optional<String>>> reply(
            String name, Function<String, String> handler) {
        return Map.entry(name, args -> Optional.of(handler.apply(args)));
    }

    /** Whether the ack-less mode has been negotiated: the transport sends and expects no {@code +}/{@code -}. */
    public boolean noAckMode() {
        return noAckMode;
    }

    /** Whether gdb detached or killed the target: the transport closes the connection. */
    public boolean finished() {
        return finished;
    }

    /** The last stop reported or to be reported by {@code ?}. */
    public StopReason lastStop() {
        return lastStop;
    }

    /**
     * Ends the session's hold on host resources: closes the files gdb opened with {@code
     * vFile:open}. The transport calls it when the connection ends; calling it again is harmless.
     */
    public void close() {
        hostFiles.close();
    }

    /**
     * Carries out one packet. The payload is Latin-1 text (binary {@code X} data still escaped);
     * the reply is empty when the packet gets none ({@code k}).
     */
    public Optional<byte[]> handle(byte[] payload) {
        return handle(new String(payload, StandardCharsets.ISO_8859_1))
                .map(r -> r.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** {@link #handle(byte[])} with each byte as one char (ISO-8859-1), for text packets and tests. */
    public Optional<String> handle(String payload) {
        if (payload.isEmpty()) {
            return Optional.of(EMPTY);
        }
        int nameEnd = nameEnd(payload);
        Function<String, Optional<String>> handler = commands.get(payload.substring(0, nameEnd));
        if (handler == null) {
            return Optional.of(EMPTY);
        }
        String args = nameEnd < payload.length() && isSeparator(payload)
                ? payload.substring(nameEnd + 1)
                : payload.substring(nameEnd);
        try {
            return handler.apply(args);
        } catch (IllegalArgumentException e) {
            return Optional.of(BAD_ARGUMENTS);
        } catch (RuntimeException e) {
            return Optional.of(REFUSED);
        }
    }

    private static int nameEnd(String payload) {
        char first = payload.charAt(0);
        String stops;
        if (first == 'q' || first == 'Q') {
            stops = ":,";
        } else if (first == 'v') {
            stops = ";:,";
        } else {
            return 1;
        }
        for (int i = 1; i < payload.length(); i++) {
            if (stops.indexOf(payload.charAt(i)) >= 0) {
                return i;
            }
        }
        return payload.length();
    }

    // The separator after a q/Q/v name (':' ',' or ';') is not part of the arguments.
    private static boolean isSeparator(String payload) {
        char first = payload.charAt(0);
        return first == 'q' || first == 'Q' || first == 'v';
    }

    // ---- negotiation ---------------------------------------------------------------------------

    private String qSupported(String args) {
        Set<String> features = Set.of(args.split(";"));
        gdbSwbreak = features.contains("swbreak+");
        gdbHwbreak = features.contains("hwbreak+");
        // With the multiprocess extension gdb names the process ("process 4242"), as with
        // gdbserver, and thread ids are p<pid>.<tid>.
        multiprocess = features.contains("multiprocess+");
        return "PacketSize=" + Integer.toHexString(PACKET_SIZE) + (multiprocess ? ";multiprocess+" : "")
                + ";qXfer:features:read+;qXfer:auxv:read+;qXfer:exec-file:read+;qXfer:threads:read+"
                + ";QStartNoAckMode+;swbreak+;hwbreak+;vContSupported+;QPassSignals+;QDisableRandomization+;QCatchSyscalls+";
    }

    private String startNoAckMode(String args) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("QStartNoAckMode takes no arguments");
        }
        noAckMode = true;
        return Packets.ok();
    }

    // ---- qXfer ---------------------------------------------------------------------------------

    // args: object:read:annex:offset,length
    private String qXfer(String args) {
        int colon = args.indexOf(':');
        if (colon < 0) {
            return EMPTY;
        }
        Function<String, String> object = xferObjects.get(args.substring(0, colon));
        String rest = args.substring(colon + 1);
        if (object == null || !rest.startsWith("read:")) {
            return EMPTY;
        }
        return object.apply(rest.substring("read:".length()));
    }

    private record XferRange(String annex, long offset, long length) {
        static XferRange parse(String args) {
            int colon = args.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("qXfer read without offset,length: " + args);
            }
            long[] offLen = parsePair(args.substring(colon + 1));
            return new XferRange(args.substring(0, colon), offLen[0], offLen[1]);
        }
    }

    private String xferFeatures(String args) {
        XferRange r = XferRange.parse(args);
        return new String(
                registerMap.description().read(r.annex(), r.offset(), r.length()), StandardCharsets.ISO_8859_1);
    }

    private String xferExecFile(String args) {
        XferRange r = XferRange.parse(args);
        // The annex is a pid in hex or empty (the current process); we have one process.
        if (!r.annex().isEmpty()) {
            Packets.parseHexNumber(r.annex());
        }
        Optional<String> path = target.execFile();
        if (path.isEmpty()) {
            return Packets.error(0x02);
        }
        return chunk(path.get().getBytes(StandardCharsets.UTF_8), r);
    }

    private String xferBytes(String args, byte[] data) {
        XferRange r = XferRange.parse(args);
        if (!r.annex().isEmpty()) {
            throw new IllegalArgumentException("this object takes no annex: " + r.annex());
        }
        return chunk(data, r);
    }

    // gdb's threads document: one element per live thread, with the name info threads shows.
    private byte[] threadsDocument() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<threads>\n");
        for (int tid : target.threads()) {
            sb.append("<thread id=\"")
                    .append(wireId(tid))
                    .append("\" name=\"")
                    .append(xmlEscape(target.threadName(tid)))
                    .append("\"/>\n");
        }
        sb.append("</threads>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Text for an XML attribute value: the five markup characters as entities, and the control
     * characters XML 1.0 cannot carry at all (any but tab, newline and return) as {@code ?}.
     */
    static String xmlEscape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\t', '\n', '\r' -> sb.append(c);
                default -> sb.append(c < 0x20 || c == 0xfffe || c == 0xffff ? '?' : c);
            }
        }
        return sb.toString();
    }

    private static String chunk(byte[] data, XferRange r) {
        int start = (int) Math.min(r.offset(), data.length);
        int end = (int) Math.min(data.length, start + Math.min(r.length(), PACKET_SIZE / 2));
        byte[] escaped = Packets.escape(Arrays.copyOfRange(data, start, end));
        return (end < data.length ? "m" : "l") + new String(escaped, StandardCharsets.ISO_8859_1);
    }

    // ---- registers -----------------------------------------------------------------------------

    private String writeRegisters(String args) {
        registerMap.writeAll(target.registers(thread(generalThread)), args);
        return Packets.ok();
    }

    private String writeRegister(String args) {
        registerMap.writePacket(target.registers(thread(generalThread)), args);
        return Packets.ok();
    }

    // ---- memory --------------------------------------------------------------------------------

    private String readMemory(String args) {
        long[] addrLen = parsePair(args);
        int length = (int) Math.min(addrLen[1], PACKET_SIZE / 2);
        if (length == 0) {
            return EMPTY;
        }
        byte[] data = target.readMemory(addrLen[0], length);
        return data.length == 0 ? FAULT : Packets.toHex(data);
    }

    private String writeMemory(String args) {
        int colon = args.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("M without ':'");
        }
        long[] addrLen = parsePair(args.substring(0, colon));
        byte[] data = Packets.fromHex(args.substring(colon + 1));
        return store(addrLen, data);
    }

    private String writeBinaryMemory(String args) {
        int colon = args.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("X without ':'");
        }
        long[] addrLen = parsePair(args.substring(0, colon));
        byte[] data = Packets.unescape(args.substring(colon + 1).getBytes(StandardCharsets.ISO_8859_1));
        return store(addrLen, data);
    }

    private String store(long[] addrLen, byte[] data) {
        if (data.length != addrLen[1]) {
            throw new IllegalArgumentException("length " + addrLen[1] + " but " + data.length + " bytes");
        }
        if (data.length == 0) {
            // gdb's probe for X support (X addr,0:) and an empty M write.
            return Packets.ok();
        }
        return target.writeMemory(addrLen[0], data) ? Packets.ok() : FAULT;
    }

    // ---- breakpoints and watchpoints -----------------------------------------------------------

    // args: type,addr,kind[;cond...][;cmds...]
    private String point(String args, boolean insert) {
        int semi = args.indexOf(';');
        String[] parts = (semi < 0 ? args : args.substring(0, semi)).split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Z/z needs type,addr,kind");
        }
        PointType type = PointType.ofNumber(Packets.parseHexNumber(parts[0]))
                .orElseThrow(() -> new IllegalArgumentException("no such point type"));
        long address = Packets.parseHexNumber(parts[1]);
        long kind = Packets.parseHexNumber(parts[2]);
        if (address > 0xffff_ffffL || kind > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("address or kind out of range");
        }
        // Only the 4-byte PowerPC breakpoint: an error (not an empty reply) keeps gdb from
        // writing its own trap into memory.
        if (type == PointType.SOFTWARE_BREAKPOINT && kind != 4) {
            return BAD_ARGUMENTS;
        }
        boolean done =
                insert ? target.insertPoint(type, address, (int) kind) : target.removePoint(type, address, (int) kind);
        return done ? Packets.ok() : REFUSED;
    }

    // ---- threads -------------------------------------------------------------------------------

    // A selected thread of 0 (any) or -1 (all) reads the first live thread.
    private int thread(int selected) {
        if (selected > 0) {
            return selected;
        }
        List<Integer> threads = target.threads();
        if (threads.isEmpty()) {
            throw new IllegalStateException("no live thread");
        }
        return threads.get(0);
    }

    private String threadInfo(String args) {
        List<String> ids = new ArrayList<>();
        for (int tid : target.threads()) {
            ids.add(wireId(tid));
        }
        return ids.isEmpty() ? "l" : "m" + String.join(",", ids);
    }

    // A short text info threads shows after the thread (gdbs that do not use qXfer:threads).
    private String threadExtraInfo(String args) {
        ThreadId id = ThreadId.parse(args);
        if (id.tid() <= 0 || !target.threads().contains(id.tid())) {
            return BAD_ARGUMENTS;
        }
        String name = target.threadName(id.tid());
        String text = name.isEmpty() ? "thread " + id.tid() : name;
        return Packets.toHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private String threadAlive(String args) {
        ThreadId id = ThreadId.parse(args);
        return id.tid() > 0 && target.threads().contains(id.tid()) ? Packets.ok() : BAD_ARGUMENTS;
    }

    private String setThread(String args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("H without operation");
        }
        char op = args.charAt(0);
        ThreadId id = ThreadId.parse(args.substring(1));
        if (id.tid() > 0 && !target.threads().contains(id.tid())) {
            return BAD_ARGUMENTS;
        }
        int tid = Math.max(id.tid(), 0);
        switch (op) {
            case 'g' -> generalThread = tid;
            case 'c' -> continueThread = tid;
            default -> throw new IllegalArgumentException("H" + op);
        }
        return Packets.ok();
    }

    // ---- resuming ------------------------------------------------------------------------------

    private String vCont(String args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("vCont without actions");
        }
        List<ThreadAction> actions = new ArrayList<>();
        for (String text : args.split(";", -1)) {
            actions.add(parseAction(text));
        }
        return resume(actions);
    }

    private static ThreadAction parseAction(String text) {
        int colon = text.indexOf(':');
        String action = colon < 0 ? text : text.substring(0, colon);
        ThreadId thread = colon < 0 ? ThreadId.ALL_THREADS : ThreadId.parse(text.substring(colon + 1));
        if (thread.isAnyThread()) {
            throw new IllegalArgumentException("vCont action for thread 0");
        }
        if (action.isEmpty()) {
            throw new IllegalArgumentException("empty vCont action");
        }
        String operand = action.substring(1);
        ResumeAction resume = switch (action.charAt(0)) {
            case 'c' -> new ResumeAction.Continue(noOperand(operand));
            case 's' -> new ResumeAction.Step(noOperand(operand));
            case 'C' -> new ResumeAction.Continue(linuxSignal(operand));
            case 'S' -> new ResumeAction.Step(linuxSignal(operand));
            case 'r' -> {
                long[] range = parsePair(operand);
                yield new ResumeAction.RangeStep(range[0], range[1]);
            }
            default -> throw new IllegalArgumentException("vCont action " + action);
        };
        return new ThreadAction(thread, resume);
    }

    private static int noOperand(String operand) {
        if (!operand.isEmpty()) {
            throw new IllegalArgumentException("c/s take no operand: " + operand);
        }
        return 0;
    }

    private static int linuxSignal(String gdbHex) {
        if (gdbHex.length() != 2) {
            throw new IllegalArgumentException("signal needs two hex digits: " + gdbHex);
        }
        OptionalInt linux = GdbSignals.toLinux((int) Packets.parseHexNumber(gdbHex));
        return linux.orElseThrow(() -> new IllegalArgumentException("no Linux signal for gdb " + gdbHex));
    }

    // c [addr], s [addr], C sig[;addr], S sig[;addr]
    private String legacyResume(String args, boolean step, boolean withSignal) {
        int signal = 0;
        String address = args;
        if (withSignal) {
            int semi = args.indexOf(';');
            signal = linuxSignal(semi < 0 ? args : args.substring(0, semi));
            address = semi < 0 ? "" : args.substring(semi + 1);
        }
        // Without an Hc selection the thread that last stopped steps (or gets the new pc).
        int tid = continueThread > 0 ? continueThread : thread(generalThread);
        if (!address.isEmpty()) {
            long pc = Packets.parseHexNumber(address);
            if (pc > 0xffff_ffffL) {
                throw new IllegalArgumentException("address out of range: " + address);
            }
            target.registers(tid).writeWord(TargetDescription.PC, (int) pc);
        }
        ResumeAction action = step ? new ResumeAction.Step(signal) : new ResumeAction.Continue(signal);
        // The legacy packets step the selected thread alone and let the others run with it on
        // continue, as gdbserver does.
        ThreadId who = step || continueThread > 0 ? ThreadId.thread(tid) : ThreadId.ALL_THREADS;
        return resume(List.of(new ThreadAction(who, action)));
    }

    /**
     * Resumes the target and answers its stop, except that a stop with a signal gdb asked to pass
     * ({@code QPassSignals}) is not reported: the target resumes again at once with the same
     * actions, but the thread that stopped now receives the signal, until a stop gdb must see.
     *
     * <p>The thread's new action delivers the signal the way its old one ran: a continue becomes
     * {@code Continue(sig)}, a step {@code Step(sig)}. A range step becomes {@code Step(sig)} too,
     * not {@code Continue(sig)}: a continue would run on past the end of the range without stopping
     * and {@code next} would lose control, while a step stops after one instruction (in the handler
     * or, with the signal ignored, in the range) and gdb, seeing its stepping thread stop, checks
     * the pc and steps on. That costs one stop reply per passed signal during a range step.
     */
    private String resume(List<ThreadAction> actions) {
        if (lastStop.isTerminal()) {
            return BAD_ARGUMENTS;
        }
        lastStop = target.resume(actions);
        while (lastStop instanceof StopReason.Signalled s && passes(s)) {
            Optional<List<ThreadAction>> again = delivering(actions, s.tid(), s.signal());
            if (again.isEmpty()) {
                break;
            }
            lastStop = target.resume(again.get());
        }
        // Registers are read from the thread that stopped; the resume selection (Hc) stays
        // as gdb set it.
        if (lastStop instanceof StopReason.Signalled s) {
            generalThread = s.tid();
        }
        return stopReply(lastStop);
    }

    /**
     * Whether a stop is a signal to pass on unreported. Never a breakpoint, watchpoint or step
     * (SIGTRAP), nor SIGINT: gdb's Ctrl-C ends a resume as a SIGINT stop that cannot be told from
     * the guest's own, and it must always reach gdb.
     */
    private boolean passes(StopReason.Signalled s) {
        return s.cause().isEmpty()
                && s.signal() != LINUX_SIGTRAP
                && s.signal() != LINUX_SIGINT
                && passSignals.contains(s.signal());
    }

    /** The actions again, with the thread's own action now delivering the signal; empty if none ran it. */
    private static Optional<List<ThreadAction>> delivering(List<ThreadAction> actions, int tid, int signal) {
        for (ThreadAction a : actions) {
            if (a.appliesTo(tid)) {
                ResumeAction delivery = switch (a.action()) {
                    case ResumeAction.Continue c -> new ResumeAction.Continue(signal);
                    case ResumeAction.Step s -> new ResumeAction.Step(signal);
                    case ResumeAction.RangeStep r -> new ResumeAction.Step(signal);
                };
                // The first action that applies to a thread is the one it takes.
                List<ThreadAction> again = new ArrayList<>(actions.size() + 1);
                again.add(new ThreadAction(ThreadId.thread(tid), delivery));
                again.addAll(actions);
                return Optional.of(again);
            }
        }
        return Optional.empty();
    }

    // ---- signals and settings ------------------------------------------------------------------

    // QPassSignals:sig;sig;... in gdb's numbers, hex; an empty list passes none.
    private String passSignals(String args) {
        Set<Integer> linux = parseSignalList(args);
        passSignals.clear();
        passSignals.addAll(linux);
        return Packets.ok();
    }

    // The signals the program may receive: every signal may be, here, so the list only needs to parse.
    private String programSignals(String args) {
        parseSignalList(args);
        return Packets.ok();
    }

    /**
     * The Linux signals of a {@code ;}-separated list of gdb signal numbers in hex. Empty items are
     * skipped; numbers Linux has no signal for are dropped (gdb lists its own, like SIGEMT).
     */
    private static Set<Integer> parseSignalList(String args) {
        Set<Integer> linux = new HashSet<>();
        for (String item : args.split(";", -1)) {
            if (item.isEmpty()) {
                continue;
            }
            long gdb = Packets.parseHexNumber(item);
            if (gdb > 0 && gdb <= 0xff) {
                GdbSignals.toLinux((int) gdb).ifPresent(s -> {
                    if (s != 0) {
                        linux.add(s);
                    }
                });
            }
        }
        return linux;
    }

    // QCatchSyscalls:0 (none), QCatchSyscalls:1 (all) or QCatchSyscalls:1;nr;nr... (hex).
    private String catchSyscalls(String args) {
        if (args.equals("0")) {
            target.catchSyscalls(n -> false);
            return Packets.ok();
        }
        if (args.equals("1")) {
            target.catchSyscalls(n -> true);
            return Packets.ok();
        }
        if (!args.startsWith("1;")) {
            throw new IllegalArgumentException("QCatchSyscalls:" + args);
        }
        Set<Integer> numbers = new HashSet<>();
        for (String item : args.substring(2).split(";", -1)) {
            long n = Packets.parseHexNumber(item);
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("system call number " + item);
            }
            numbers.add((int) n);
        }
        Set<Integer> caught = Set.copyOf(numbers);
        target.catchSyscalls(caught::contains);
        return Packets.ok();
    }

    // Runs are deterministic whatever gdb asks; the setting is only acknowledged.
    private String disableRandomization(String args) {
        if (!args.equals("0") && !args.equals("1")) {
            throw new IllegalArgumentException("QDisableRandomization takes 0 or 1: " + args);
        }
        return Packets.ok();
    }

    // Text=t;Data=d;Bss=b: one displacement for all three, a 32-bit target address.
    private String offsets(String args) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("qOffsets takes no arguments");
        }
        Optional<Long> offset = target.loadOffset();
        if (offset.isEmpty()) {
            return EMPTY;
        }
        String hex = Long.toHexString(offset.get() & 0xffff_ffffL);
        return "Text=" + hex + ";Data=" + hex + ";Bss=" + hex;
    }

    // qRcmd,<hex command>: the output as O packets first, then OK.
    private String monitor(String args) {
        String command = new String(Packets.fromHex(args), StandardCharsets.UTF_8);
        byte[] output = target.monitor(command).getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < output.length; at += CONSOLE_CHUNK) {
            int length = Math.min(CONSOLE_CHUNK, output.length - at);
            console.accept("O" + Packets.toHex(output, at, length));
        }
        return Packets.ok();
    }

    // ---- ending --------------------------------------------------------------------------------

    private String detach(String args) {
        if (!args.isEmpty() && !args.startsWith(";")) {
            throw new IllegalArgumentException("D" + args);
        }
        target.detach();
        finished = true;
        return Packets.ok();
    }

    private Optional<String> kill(String args) {
        target.kill();
        finished = true;
        killed = true;
        return Optional.empty();
    }

    // vKill;pid: the multiprocess kill, which gets an OK.
    private String vKill(String args) {
        long pid = Packets.parseHexNumber(args);
        if (pid != target.processId()) {
            return BAD_ARGUMENTS;
        }
        target.kill();
        finished = true;
        killed = true;
        return Packets.ok();
    }

    /** Whether gdb killed the target ({@code k} or {@code vKill}), as opposed to detaching. */
    public boolean killed() {
        return killed;
    }

    /** A thread id as gdb expects it: {@code p<pid>.<tid>} once multiprocess is agreed, else the tid. */
    private String wireId(int tid) {
        return multiprocess
                ? ThreadId.of(target.processId(), tid).encode(true)
                : ThreadId.thread(tid).encode(false);
    }

    private String processSuffix() {
        return multiprocess ? ";process:" + Integer.toHexString(target.processId()) : "";
    }

    // ---- stop replies --------------------------------------------------------------------------

    /** The stop reply for a stop: {@code T} with thread and cause, {@code W} or {@code X}. */
    public String stopReply(StopReason stop) {
        return switch (stop) {
            case StopReason.Exited e -> "W" + hex2(e.status() & 0xff) + processSuffix();
            case StopReason.Killed k -> "X" + hex2(GdbSignals.toGdb(k.signal())) + processSuffix();
            case StopReason.Signalled s -> {
                StringBuilder sb = new StringBuilder("T").append(hex2(GdbSignals.toGdb(s.signal())));
                sb.append("thread:").append(wireId(s.tid())).append(';');
                sb.append(expeditedRegisters(s.tid()));
                s.cause().ifPresent(cause -> sb.append(causeText(cause)));
                yield sb.toString();
            }
        };
    }

    // nn:value; for each expedited register, or nothing when the thread's registers cannot be read:
    // gdb then reads them itself.
    private String expeditedRegisters(int tid) {
        StringBuilder sb = new StringBuilder();
        try {
            RegisterFile registers = target.registers(tid);
            for (int regnum : EXPEDITED_REGISTERS) {
                sb.append(hex2(regnum))
                        .append(':')
                        .append(registerMap.read(registers, regnum))
                        .append(';');
            }
        } catch (RuntimeException e) {
            return "";
        }
        return sb.toString();
    }

    private String causeText(StopReason.Cause cause) {
        return switch (cause) {
            case StopReason.SoftwareBreak b -> gdbSwbreak ? "swbreak:;" : "";
            case StopReason.HardwareBreak b -> gdbHwbreak ? "hwbreak:;" : "";
            case StopReason.Watch w -> w.kind().keyword() + ":" + Long.toHexString(w.address()) + ";";
            case StopReason.SyscallEntry e -> "syscall_entry:" + Integer.toHexString(e.number()) + ";";
            case StopReason.SyscallReturn r -> "syscall_return:" + Integer.toHexString(r.number()) + ";";
        };
    }

    private static String hex2(int value) {
        return Packets.toHex(new byte[] {(byte) value});
    }

    // "addr,length", both hex
    private static long[] parsePair(String text) {
        int comma = text.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("expected addr,length: " + text);
        }
        return new long[] {
            Packets.parseHexNumber(text.substring(0, comma)), Packets.parseHexNumber(text.substring(comma + 1))
        };
    }
}
