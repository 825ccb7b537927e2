package org.ppcvm.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Line diffs for failure messages: where two outputs part, in unified-diff form.
 *
 * <p>Common leading and trailing lines are cut first; the rest is aligned by longest common
 * subsequence when small enough, and otherwise shown as one replaced block. Long diffs are truncated.
 */
public final class TextDiff {
    private TextDiff() {}

    private static final int CONTEXT = 3;
    private static final long MAX_CELLS = 4_000_000;
    private static final int MAX_OUTPUT_LINES = 200;

    private enum Kind {
        SAME,
        DELETED,
        INSERTED
    }

    private record Line(Kind kind, String text, int leftNo, int rightNo) {}

    /**
     * A unified diff from {@code left} to {@code right}, or the empty string if they are equal. A
     * missing final newline is shown as {@code \ No newline at end of file}.
     */
    public static String unified(String leftLabel, String left, String rightLabel, String right) {
        if (left.equals(right)) {
            return "";
        }
        List<String> a = lines(left);
        List<String> b = lines(right);
        List<Line> script = script(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(leftLabel).append('\n');
        out.append("+++ ").append(rightLabel).append('\n');
        int printed = 0;
        int i = 0;
        while (i < script.size()) {
            if (script.get(i).kind() == Kind.SAME) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // Extend the hunk while changes are closer than two contexts apart.
            int lastChange = i;
            while (end < script.size()) {
                if (script.get(end).kind() != Kind.SAME) {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(script.size(), lastChange + CONTEXT + 1);
            Line first = script.get(start);
            out.append("@@ -")
                    .append(first.leftNo())
                    .append(" +")
                    .append(first.rightNo())
                    .append(" @@\n");
            for (int k = start; k < end; k++) {
                Line line = script.get(k);
                char prefix = switch (line.kind()) {
                    case SAME -> ' ';
                    case DELETED -> '-';
                    case INSERTED -> '+';
                };
                out.append(prefix).append(line.text()).append('\n');
                if (++printed >= MAX_OUTPUT_LINES) {
                    out.append("... (diff truncated)\n");
                    return out.toString();
                }
            }
            i = end;
        }
        return out.toString();
    }

    /**
     * How {@code right} differs from {@code left} in stdout, stderr and exit status, as a readable
     * report; empty if the runs are equal.
     */
    public static Optional<String> compare(String leftName, RunResult left, String rightName, RunResult right) {
        if (left.equals(right)) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        if (left.exitStatus() != right.exitStatus() || left.timedOut() != right.timedOut()) {
            out.append("exit status: ")
                    .append(leftName)
                    .append(' ')
                    .append(status(left))
                    .append(", ")
                    .append(rightName)
                    .append(' ')
                    .append(status(right))
                    .append('\n');
        }
        appendStream(out, "stdout", leftName, left.stdout(), rightName, right.stdout());
        appendStream(out, "stderr", leftName, left.stderr(), rightName, right.stderr());
        return Optional.of(out.toString());
    }

    private static void appendStream(
            StringBuilder out, String stream, String leftName, byte[] left, String rightName, byte[] right) {
        if (Arrays.equals(left, right)) {
            return;
        }
        String l = new String(left, StandardCharsets.ISO_8859_1);
        String r = new String(right, StandardCharsets.ISO_8859_1);
        out.append(stream)
                .append(" differs (")
                .append(left.length)
                .append(" vs ")
                .append(right.length)
                .append(" bytes):\n")
                .append(unified(leftName + " " + stream, l, rightName + " " + stream, r));
    }

    private static String status(RunResult r) {
        if (r.timedOut()) {
            return "(timed out)";
        }
        int signal = r.terminatingSignal();
        return signal != 0 ? r.exitStatus() + " (signal " + signal + "?)" : Integer.toString(r.exitStatus());
    }

    private static List<String> lines(String s) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        if (lines.getLast().isEmpty()) {
            lines.removeLast();
        } else {
            lines.set(lines.size() - 1, lines.getLast() + "\n\\ No newline at end of file");
        }
        return lines;
    }

    /** The edit script, with 1-based line numbers on both sides. */
    private static List<Line> script(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix
                && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Line> script = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            script.add(new Line(Kind.SAME, a.get(i), i + 1, i + 1));
        }
        List<String> ma = a.subList(prefix, a.size() - suffix);
        List<String> mb = b.subList(prefix, b.size() - suffix);
        middle(ma, mb, prefix, script);
        for (int k = suffix; k > 0; k--) {
            int ia = a.size() - k;
            int ib = b.size() - k;
            script.add(new Line(Kind.SAME, a.get(ia), ia + 1, ib + 1));
        }
        return script;
    }

    private static void middle(List<String> a, List<String> b, int offset, List<Line> script) {
        int n = a.size();
        int m = b.size();
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                script.add(new Line(Kind.DELETED, a.get(i), offset + i + 1, offset + 1));
            }
            for (int j = 0; j < m; j++) {
                script.add(new Line(Kind.INSERTED, b.get(j), offset + n + 1, offset + j + 1));
            }
            return;
        }
        // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                script.add(new Line(Kind.SAME, a.get(i), offset + i + 1, offset + j + 1));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // Deletions first, as diff(1) shows them.
                script.add(new Line(Kind.DELETED, a.get(i), offset + i + 1, offset + j + 1));
                i++;
            } else {
                script.add(new Line(Kind.INSERTED, b.get(j), offset + i + 1, offset + j + 1));
                j++;
            }
        }
    }
}
