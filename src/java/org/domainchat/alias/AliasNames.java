package org.domainchat.alias;

import java.util.Locale;
import java.util.Optional;

/** The rules for an alias's local part; the same on the admin page and the provisioning endpoint. */
public final class AliasNames {

    public static final int MAX_LENGTH = 64;

    private AliasNames() {
    }

    /** The normalised name (lower case, trimmed). */
    public static String normalise(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Why {@code name} cannot be an alias, or empty when it can. Mail-style local parts only: letters, digits and
     * {@code . _ -}, starting and ending with a letter or digit, no two dots in a row.
     *
     * @param isUsername tells whether an account of that name exists (an alias must not shadow a person)
     */
    public static Optional<String> problem(String name, java.util.function.Predicate<String> isUsername) {
        String n = normalise(name);
        if (n.isEmpty()) {
            return Optional.of("The alias needs a name.");
        }
        if (n.length() > MAX_LENGTH) {
            return Optional.of("The alias name is longer than " + MAX_LENGTH + " characters.");
        }
        if (!n.matches("[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?") || n.contains("..")) {
            return Optional.of("The alias name may contain only letters, digits, dots, dashes and underscores, "
                    + "and must start and end with a letter or digit.");
        }
        if (isUsername.test(n)) {
            return Optional.of("There is already a user called \"" + n + "\"; an alias cannot have the same name.");
        }
        return Optional.empty();
    }
}
