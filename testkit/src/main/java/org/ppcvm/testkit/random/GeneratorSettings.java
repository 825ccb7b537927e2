package org.ppcvm.testkit.random;

import java.util.Set;

/**
 * How big a generated program is and what it is made of.
 *
 * @param blocks how many independent blocks (each loads a fresh machine state, runs its random
 *     instructions and dumps the state)
 * @param instructionsPerBlock how many random instructions under test each block has at least
 *     (setup and fix-up instructions around them are not counted)
 * @param units the kinds of unit to draw from ({@link RandomProgramGenerator#UNIT_NAMES}); empty
 *     for all
 */
public record GeneratorSettings(int blocks, int instructionsPerBlock, Set<String> units) {

    /** 400 blocks of 50: 20,000 random instructions per program. */
    public static final GeneratorSettings DEFAULT = new GeneratorSettings(400, 50);

    public GeneratorSettings {
        if (blocks < 1 || instructionsPerBlock < 0) {
            throw new IllegalArgumentException("blocks=" + blocks + ", instructionsPerBlock=" + instructionsPerBlock);
        }
        units = Set.copyOf(units);
        for (String u : units) {
            if (!RandomProgramGenerator.UNIT_NAMES.contains(u)) {
                throw new IllegalArgumentException(
                        "unknown unit " + u + "; known: " + RandomProgramGenerator.UNIT_NAMES);
            }
        }
    }

    /** All kinds of unit. */
    public GeneratorSettings(int blocks, int instructionsPerBlock) {
        this(blocks, instructionsPerBlock, Set.of());
    }

    /** Whether units of kind {@code name} may be drawn. */
    public boolean allows(String name) {
        return units.isEmpty() || units.contains(name);
    }
}
