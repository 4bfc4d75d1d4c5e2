package io.samsa.generator;

/**
 * Accumulates Java source with block indentation: {@link #open} ends a line with "{" and indents,
 * {@link #close} dedents and writes "}". Not thread-safe.
 */
final class JavaCode {
    private final StringBuilder text = new StringBuilder();
    private int depth;

    JavaCode(int depth) {
        this.depth = depth;
    }

    JavaCode line(String line) {
        if (line.isEmpty()) {
            text.append('\n');
            return this;
        }
        text.append("    ".repeat(depth)).append(line).append('\n');
        return this;
    }

    /** Opens a block; an empty head opens a bare scoping block. */
    JavaCode open(String head) {
        line(head.isEmpty() ? "{" : head + " {");
        depth++;
        return this;
    }

    /** Closes the current block and opens the next, e.g. "} else {". */
    JavaCode reopen(String middle) {
        depth--;
        line("} " + middle + " {");
        depth++;
        return this;
    }

    JavaCode close() {
        depth--;
        line("}");
        return this;
    }

    /** Runs {@code body} inside {@code if (condition)}, or plainly when the condition is "true". */
    JavaCode when(String condition, Runnable body) {
        if (condition.equals("false")) {
            return this;
        }
        if (condition.equals("true")) {
            body.run();
            return this;
        }
        open("if (" + condition + ")");
        body.run();
        return close();
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
