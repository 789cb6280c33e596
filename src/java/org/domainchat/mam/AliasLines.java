package org.domainchat.mam;

import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * What an alias's live copies say about their writer, so that the archive shows a line as it was delivered: the
 * writer's name (as contacts see it) and whether bodies start with it (the aliases' writer-prefix setting).
 */
public interface AliasLines {

    /** Names writers by their username, without a prefix (tools and tests without a directory). */
    AliasLines USERNAMES = of(username -> username, () -> false);

    /** The name of the user {@code username} as contacts show it. */
    String displayName(String username);

    /** Whether the body of a copy starts with "Name: ". */
    boolean writerPrefix();

    static AliasLines of(Function<String, String> displayName, BooleanSupplier writerPrefix) {
        return new AliasLines() {
            @Override
            public String displayName(String username) {
                return displayName.apply(username);
            }

            @Override
            public boolean writerPrefix() {
                return writerPrefix.getAsBoolean();
            }
        };
    }
}
