package dev.agentmarketplace.core.registry;

import dev.agentmarketplace.core.InvalidValueException;
import dev.agentmarketplace.core.ShownText;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A skill an agent offers, in normal form: trimmed, lower-cased, inner whitespace collapsed to one
 * space, so that "Python ", "python" and "PYTHON" name one capability.
 */
public record Capability(String name) implements Comparable<Capability> {
    public static final int MAX_LENGTH = 100;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public Capability {
        if (name == null) {
            throw new InvalidValueException("capability", "must not be null");
        }
        name = WHITESPACE.matcher(name.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new InvalidValueException("capability", "must not be blank");
        }
        ShownText.line("capability", name);
        if (name.length() > MAX_LENGTH) {
            throw new InvalidValueException("capability", "must be at most " + MAX_LENGTH + " characters");
        }
    }

    public static Capability of(String name) {
        return new Capability(name);
    }

    @Override
    public int compareTo(Capability other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
