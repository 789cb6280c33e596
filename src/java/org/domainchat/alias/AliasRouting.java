package org.domainchat.alias;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who receives a message sent to an alias, or why nobody does. Pure rules; the Openfire adapter turns a
 * {@link Deliver} into copies sent from {@code alias/<writer>} and a {@link Refuse} into an error reply.
 *
 * <ol>
 *   <li>A message to the alias goes to every member who is online, except the writer.</li>
 *   <li>Addressed by a member to {@code alias/<user>} where that user is on the domain but not a member (a reply in
 *       that user's thread), the user gets it too. Only members may write into another non-member's thread. Non-members never get messages not addressed to them, so two people writing
 *       to the same alias never see each other's messages; members see all of it.</li>
 *   <li>With no member online the writer is told so, unless the alias stores messages for offline members.</li>
 *   <li>Disabled aliases, aliases the writer may not see, writers from other domains and an inactive domain chat
 *       are refused with a reason.</li>
 * </ol>
 */
public final class AliasRouting {

    private AliasRouting() {
    }

    /** What to do with one message. */
    public sealed interface Decision {
    }

    /**
     * Send a copy to each of {@code recipients} (usernames), from {@code alias/<writer>}.
     *
     * @param offline recipients who are not online and get it from offline storage
     */
    public record Deliver(List<String> recipients, Set<String> offline, String writer) implements Decision {
    }

    /** Answer the writer with an error of this condition and text. */
    public record Refuse(Condition condition, String text) implements Decision {
    }

    public enum Condition { SERVICE_UNAVAILABLE, NOT_ALLOWED }

    /**
     * @param alias          the alias, or null when there is none of that name
     * @param members        its members, listed and from its group, already resolved
     * @param active         whether domain chat is activated
     * @param writer         the sending user's username, or null when the writer is on another domain
     * @param toResource     the resource the message was addressed to ({@code alias/<resource>}), or null
     * @param isDomainUser   whether a username is a visible user of the domain
     * @param isOnline       whether a username has an available session
     */
    public static Decision route(Alias alias, Set<String> members, boolean active, String writer, String toResource,
                                 Predicate<String> isDomainUser, Predicate<String> isOnline) {
        if (!active) {
            return new Refuse(Condition.SERVICE_UNAVAILABLE, "Chat is not activated for this domain.");
        }
        if (alias == null) {
            return new Refuse(Condition.SERVICE_UNAVAILABLE, "There is no such chat address.");
        }
        if (writer == null) {
            return new Refuse(Condition.NOT_ALLOWED, "Chat aliases can only be used by people of this domain.");
        }
        if (!alias.enabled()) {
            return new Refuse(Condition.SERVICE_UNAVAILABLE, "The chat alias " + alias.name()
                    + " is not enabled.");
        }
        boolean member = members.contains(writer);
        if (alias.visibility() == Alias.Visibility.MEMBERS && !member) {
            return new Refuse(Condition.NOT_ALLOWED, "Only members can write to " + alias.name() + ".");
        }
        Set<String> recipients = new LinkedHashSet<>();
        Set<String> offline = new LinkedHashSet<>();
        for (String m : members) {
            if (m.equals(writer)) {
                continue;
            }
            if (isOnline.test(m)) {
                recipients.add(m);
            } else if (alias.storeOffline()) {
                recipients.add(m);
                offline.add(m);
            }
        }
        if (toResource != null && !toResource.equals(writer) && !members.contains(toResource)
                && isDomainUser.test(toResource)) {
            if (!member) {
                // a non-member's thread is theirs and the members': nobody else may write into it
                return new Refuse(Condition.NOT_ALLOWED, "Only members of " + alias.displayName()
                        + " can reply in another person's conversation with it.");
            }
            recipients.add(toResource); // a member's reply into that person's thread
            if (!isOnline.test(toResource)) {
                offline.add(toResource);
            }
        }
        if (recipients.isEmpty()) {
            return new Refuse(Condition.SERVICE_UNAVAILABLE, "No member of " + alias.displayName()
                    + " is online right now. Please try again later.");
        }
        return new Deliver(List.copyOf(recipients), Set.copyOf(offline), writer);
    }
}
