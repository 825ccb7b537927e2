package org.ppcvm.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of the benchmark reports for the terminal: a header row, then a row per result; each
 * column as wide as its widest cell, two spaces between columns. Names (the first column) and the
 * last column read left to right; the figures between line up on the right.
 */
final class TextTable {
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with the heading {@code columns}. */
    TextTable(List<String> columns) {
        rows.add(List.copyOf(columns));
    }

    /** Adds a row, a cell per column. */
    TextTable row(String... cells) {
        if (cells.length != rows.getFirst().size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of "
                    + rows.getFirst().size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** The header and the rows, a line each, with no trailing blanks. */
    String render() {
        int[] widths = new int[rows.getFirst().size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                boolean left = i == 0 || i == row.size() - 1;
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(left ? cell + pad : pad + cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /**
     * A line under a report's table for a problem with one of its results: indented, {@code
     * subject} first, the problem's further lines indented more.
     */
    static String problem(String subject, String problem) {
        return "  " + subject + ": " + problem.replace("\n", "\n    ") + "\n";
    }
}
