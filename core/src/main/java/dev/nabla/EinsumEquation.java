package dev.nabla;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed and checked {@code einsum} equation: the label of every dimension of every operand, the output's
 * labels, and each label's size. Labels are numbered so that their order is the implicit output's order:
 * the dimensions an ellipsis stands for first (right-aligned across operands, so they broadcast like
 * NumPy's), then {@code A..Z}, then {@code a..z}.
 *
 * @param inputs each operand's labels, one per dimension
 * @param output the result's labels, one per dimension
 * @param sizes each label's size (the largest of its occurrences; the others are equal or 1)
 */
record EinsumEquation(List<int[]> inputs, int[] output, int[] sizes) {

    private static final String ELLIPSIS = "...";
    /** Letters come after the ellipsis labels, so implicit outputs list broadcast dimensions first. */
    private static final int LETTERS = 52;

    /** Parses {@code equation} for operands of the given shapes. */
    static EinsumEquation parse(String equation, int[][] shapes) {
        String compact = equation.replace(" ", "");
        int arrow = compact.indexOf("->");
        if (arrow != compact.lastIndexOf("->")) {
            throw error(equation, "'->' appears more than once");
        }
        String left = arrow < 0 ? compact : compact.substring(0, arrow);
        String[] terms = left.split(",", -1);
        if (terms.length != shapes.length) {
            throw error(equation, terms.length + " operand terms for " + shapes.length + " operands");
        }
        int ellipsisRank = 0;
        for (int i = 0; i < terms.length; i++) {
            ellipsisRank = Math.max(ellipsisRank, ellipsisDims(equation, terms[i], i, shapes[i].length));
        }
        int[] sizes = new int[LETTERS + ellipsisRank];
        int[][] occurrence = new int[sizes.length][];
        List<int[]> inputs = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            int[] labels = labels(equation, terms[i], ellipsisRank, shapes[i].length);
            inputs.add(labels);
            for (int d = 0; d < labels.length; d++) {
                int label = labels[d];
                int size = shapes[i][d];
                int[] seen = occurrence[label];
                if (seen == null || size == sizes[label]) {
                    occurrence[label] = seen == null ? new int[] {i, size} : seen;
                    sizes[label] = size;
                } else if (seen[0] != i && (size == 1 || sizes[label] == 1)) {
                    // broadcasting between operands; within one operand (a diagonal) sizes must agree
                    if (size > sizes[label]) {
                        occurrence[label] = new int[] {i, size};
                        sizes[label] = size;
                    }
                } else {
                    throw error(equation, "dimension '" + name(label, ellipsisRank) + "' has size " + seen[1]
                            + " in operand " + seen[0] + " and " + size + " in operand " + i
                            + " (sizes must be equal, or 1 in another operand)");
                }
            }
        }
        int[] output = arrow < 0 ? implicitOutput(inputs, sizes.length, ellipsisRank)
                : explicitOutput(equation, compact.substring(arrow + 2), ellipsisRank, occurrence);
        return new EinsumEquation(inputs, output, sizes);
    }

    /** How many dimensions the term's ellipsis stands for (0 without one), checking the term's characters. */
    private static int ellipsisDims(String equation, String term, int operand, int rank) {
        int dots = term.indexOf(ELLIPSIS);
        String letters = dots < 0 ? term : term.substring(0, dots) + term.substring(dots + ELLIPSIS.length());
        for (char c : letters.toCharArray()) {
            if (!isLetter(c)) {
                throw error(equation, "operand " + operand + "'s term '" + term + "' has '" + c
                        + "' (use letters and at most one '...')");
            }
        }
        if (dots < 0 ? letters.length() != rank : letters.length() > rank) {
            throw error(equation, "operand " + operand + "'s term '" + term + "' names " + letters.length()
                    + " dimensions but the operand has " + rank);
        }
        return dots < 0 ? 0 : rank - letters.length();
    }

    /** The labels of a checked term for an operand of the given rank. */
    private static int[] labels(String equation, String term, int ellipsisRank, int rank) {
        int[] labels = new int[rank];
        int d = 0;
        for (int p = 0; p < term.length(); p++) {
            if (term.startsWith(ELLIPSIS, p)) {
                int own = rank - (term.length() - ELLIPSIS.length());
                for (int e = 0; e < own; e++) {
                    labels[d++] = ellipsisRank - own + e;
                }
                p += ELLIPSIS.length() - 1;
            } else {
                labels[d++] = letterLabel(term.charAt(p), ellipsisRank);
            }
        }
        return labels;
    }

    /** The labels that appear exactly once, in label order, after every ellipsis dimension. */
    private static int[] implicitOutput(List<int[]> inputs, int labelCount, int ellipsisRank) {
        int[] count = new int[labelCount];
        for (int[] labels : inputs) {
            for (int label : labels) {
                count[label]++;
            }
        }
        List<Integer> output = new ArrayList<>();
        for (int label = 0; label < labelCount; label++) {
            if (label < ellipsisRank || count[label] == 1) {
                output.add(label);
            }
        }
        return output.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] explicitOutput(String equation, String term, int ellipsisRank, int[][] occurrence) {
        int dots = term.indexOf(ELLIPSIS);
        String letters = dots < 0 ? term : term.substring(0, dots) + term.substring(dots + ELLIPSIS.length());
        List<Integer> output = new ArrayList<>();
        for (int p = 0; p < term.length(); p++) {
            if (p == dots) {
                for (int e = 0; e < ellipsisRank; e++) {
                    output.add(e);
                }
                p += ELLIPSIS.length() - 1;
                continue;
            }
            char c = term.charAt(p);
            if (!isLetter(c)) {
                throw error(equation, "the output term '" + term + "' has '" + c
                        + "' (use letters and at most one '...')");
            }
            int label = letterLabel(c, ellipsisRank);
            if (occurrence[label] == null) {
                throw error(equation, "output dimension '" + c + "' appears in no operand");
            }
            if (letters.indexOf(c) != letters.lastIndexOf(c)) {
                throw error(equation, "output dimension '" + c + "' appears more than once");
            }
            output.add(label);
        }
        return output.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static int letterLabel(char c, int ellipsisRank) {
        return ellipsisRank + (c <= 'Z' ? c - 'A' : 26 + c - 'a');
    }

    /** A label as the user wrote it: its letter, or its place among the ellipsis dimensions. */
    private static String name(int label, int ellipsisRank) {
        if (label < ellipsisRank) {
            return "..." + label;
        }
        int letter = label - ellipsisRank;
        return String.valueOf((char) (letter < 26 ? 'A' + letter : 'a' + letter - 26));
    }

    private static IllegalArgumentException error(String equation, String problem) {
        return new IllegalArgumentException("einsum: equation '" + equation + "': " + problem);
    }
}
