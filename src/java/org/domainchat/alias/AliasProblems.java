package org.domainchat.alias;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@link AliasBook#problems}, each sentence with the field it concerns, for the admin page (which shows a sentence
 * beside its field) and the provisioning endpoint (which names the field in its JSON). The book is asked about the
 * alias with only one field filled in at a time, so the rules themselves stay in {@link AliasBook} alone.
 */
public final class AliasProblems {

    public static final String NAME = "name";
    public static final String DISPLAY_NAME = "displayName";
    public static final String MEMBERS = "members";
    public static final String GROUP = "group";

    /** A display name that is always valid, for probes that look at another field. */
    private static final String VALID_DISPLAY_NAME = "x";

    /**
     * One problem sentence.
     *
     * @param field {@link #NAME}, {@link #DISPLAY_NAME}, {@link #MEMBERS} or {@link #GROUP}; null when the sentence
     *              belongs to no single field
     */
    public record Problem(String field, String message) {
    }

    private AliasProblems() {
    }

    /** Every problem of {@code alias}, in the book's order; empty when it can be saved. */
    public static List<Problem> of(AliasBook book, Alias alias, Predicate<String> isUsername) {
        List<String> all = book.problems(alias, isUsername);
        if (all.isEmpty()) {
            return List.of();
        }
        Map<String, String> fieldOf = new HashMap<>();
        Optional<String> nameProblem = AliasNames.problem(alias.name(), isUsername);
        nameProblem.ifPresent(p -> fieldOf.put(p, NAME));
        Map<String, Alias> probes = new LinkedHashMap<>();
        probes.put(DISPLAY_NAME, new Alias(alias.name(), alias.displayName(), Set.of(), null, true,
                Alias.Visibility.ALL, false));
        probes.put(MEMBERS, new Alias(alias.name(), VALID_DISPLAY_NAME, alias.members(), null, true,
                Alias.Visibility.ALL, false));
        probes.put(GROUP, new Alias(alias.name(), VALID_DISPLAY_NAME, Set.of(), alias.group(), true,
                Alias.Visibility.ALL, false));
        probes.forEach((field, probe) -> {
            for (String p : book.problems(probe, isUsername)) {
                fieldOf.putIfAbsent(p, field); // the name's own sentence comes back from every probe
            }
        });
        List<Problem> out = new ArrayList<>(all.size());
        for (String sentence : all) {
            out.add(new Problem(fieldOf.get(sentence), sentence));
        }
        return out;
    }
}
