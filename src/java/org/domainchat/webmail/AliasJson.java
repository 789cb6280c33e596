package org.domainchat.webmail;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.domainchat.alias.AliasProblems;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Chat aliases as the provisioning endpoints' JSON, and the body of {@code PUT /admin/aliases/{alias}} back into an
 * {@link Alias}. The body is checked for shape only (members, types); the alias rules are {@link AliasBook}'s.
 */
final class AliasJson {

    static final String DISPLAY_NAME = "displayName";
    static final String MEMBERS = "members";
    static final String GROUP = "group";
    static final String ENABLED = "enabled";
    static final String VISIBLE_TO = "visibleTo";
    static final String STORE_OFFLINE = "storeOffline";
    private static final Set<String> BODY_MEMBERS = Set.of(DISPLAY_NAME, MEMBERS, GROUP, ENABLED, VISIBLE_TO,
            STORE_OFFLINE);

    private AliasJson() {
    }

    /**
     * An alias with its settings, its members as listed, the members it resolves to (listed plus its group's) and
     * what is wrong with it now (e.g. an account has since been created with its name).
     */
    static JSONObject alias(AliasBook.Entry entry, String address, List<AliasProblems.Problem> problems) {
        Alias a = entry.alias();
        JSONArray problemList = new JSONArray();
        for (AliasProblems.Problem p : problems) {
            problemList.put(new JSONObject().put("field", ArchiveJson.orNull(p.field())).put("message", p.message()));
        }
        return new JSONObject()
                .put("name", a.name())
                .put("address", address)
                .put(DISPLAY_NAME, a.displayName())
                .put(MEMBERS, new JSONArray(new TreeSet<>(a.members())))
                .put(GROUP, ArchiveJson.orNull(a.group()))
                .put(ENABLED, a.enabled())
                .put(VISIBLE_TO, visibility(a.visibility()))
                .put(STORE_OFFLINE, a.storeOffline())
                .put("resolvedMembers", new JSONArray(new TreeSet<>(entry.members())))
                .put("memberCount", entry.members().size())
                .put("problems", problemList);
    }

    /**
     * The alias a PUT body describes. A PUT replaces the whole alias, so an absent (or null) member takes its
     * default: no members, no group, enabled, visible to all, not stored for offline members. Members may be given
     * as {@code alice} or {@code alice@<domain>}; they are normalised as Openfire stores usernames, and anything
     * that is not one of this domain's usernames is left as written for the book to report.
     *
     * @throws ApiError 400 {@code malformed-request} for an unknown member or a value of the wrong type
     */
    static Alias fromBody(String name, JSONObject body, String domain) {
        BodyFields.only(body, BODY_MEMBERS);
        String displayName = optional(body, DISPLAY_NAME, String.class, "a string");
        if (displayName != null) {
            BodyFields.xmlText(DISPLAY_NAME, displayName);
        }
        String group = optional(body, GROUP, String.class, "a string (an Openfire group's name) or null");
        if (group != null) {
            BodyFields.xmlText(GROUP, group);
        }
        Boolean enabled = optional(body, ENABLED, Boolean.class, "true or false");
        Boolean storeOffline = optional(body, STORE_OFFLINE, Boolean.class, "true or false");
        String visibleTo = optional(body, VISIBLE_TO, String.class, "\"all\" or \"members\"");
        return new Alias(name, displayName, members(body, domain), group == null || group.isBlank() ? null : group,
                enabled == null || enabled, visibleTo == null ? Alias.Visibility.ALL : visibility(visibleTo),
                storeOffline != null && storeOffline);
    }

    private static Set<String> members(JSONObject body, String domain) {
        JSONArray list = optional(body, MEMBERS, JSONArray.class, "an array of usernames");
        Set<String> out = new LinkedHashSet<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.length(); i++) {
            if (!(list.get(i) instanceof String text) || text.isBlank()) {
                throw malformed("\"members\" must be an array of usernames; item " + (i + 1) + " is not one.");
            }
            BodyFields.xmlText(MEMBERS + "[" + i + "]", text);
            String written = text.strip();
            out.add(Usernames.local(written, domain).orElse(written.toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    /** A member of {@code type}, or null when absent or JSON null. */
    private static <T> T optional(JSONObject body, String key, Class<T> type, String expected) {
        Object value = body.opt(key);
        if (value == null || value == JSONObject.NULL) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw malformed("\"" + key + "\" must be " + expected + ".");
        }
        return type.cast(value);
    }

    private static Alias.Visibility visibility(String text) {
        return switch (text) {
            case "all" -> Alias.Visibility.ALL;
            case "members" -> Alias.Visibility.MEMBERS;
            default -> throw malformed("\"visibleTo\" must be \"all\" or \"members\".");
        };
    }

    private static String visibility(Alias.Visibility visibility) {
        return visibility == Alias.Visibility.MEMBERS ? "members" : "all";
    }

    private static ApiError malformed(String message) {
        return ApiError.badRequest("malformed-request", message);
    }
}
