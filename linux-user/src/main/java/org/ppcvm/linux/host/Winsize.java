package org.ppcvm.linux.host;

/**
 * {@code struct winsize} (16-bit unsigned members).
 *
 * @param rows {@code ws_row}
 * @param cols {@code ws_col}
 * @param xpixel {@code ws_xpixel}
 * @param ypixel {@code ws_ypixel}
 */
public record Winsize(int rows, int cols, int xpixel, int ypixel) {}
