package org.domainchat.webmail;

import java.util.List;
import java.util.Optional;

import org.domainchat.unread.Unread;
import org.domainchat.webmail.ContactBook.AliasContact;
import org.domainchat.webmail.ContactBook.Contact;
import org.domainchat.webmail.ContactBook.Person;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Contacts as the API's JSON. A list entry and the details share their first fields, so that a client refreshing
 * one row of its list (after a {@code contacts} event) can take them from {@code GET /contacts/{jid}}.
 */
final class ContactJson {

    private ContactJson() {
    }

    /** What the navigation pane shows: address, kind, name, status and unread count. */
    static JSONObject summary(Contact contact, PresenceView presence, Unread unread) {
        JSONObject json = new JSONObject()
                .put("jid", contact.jid())
                .put("kind", contact instanceof AliasContact ? "alias" : "user")
                .put("name", contact.name());
        if (contact instanceof AliasContact alias) {
            int online = presence.onlineMembers(alias.entry());
            json.put("status", presence.aliasStatus(online).label()).put("membersOnline", online);
        } else {
            json.put("status", presence.statusOf(((Person) contact).user().username()).label());
        }
        return json.put("unread", unread.count()).put("unreadCapped", unread.capped());
    }

    /** A person's details: the summary, email, vCard basics, each resource's status and their aliases. */
    static JSONObject person(Person person, PresenceView presence, Unread unread, Optional<ContactCards.Card> card,
                             List<AliasContact> aliases) {
        String username = person.user().username();
        JSONObject json = summary(person, presence, unread).put("username", username);
        // On a mail domain the chat address is the mail address, unless the user's card gives another.
        String email = card.map(ContactCards.Card::email).filter(e -> !e.isBlank()).orElse(person.jid());
        json.put("email", email);
        json.put("card", card.<Object>map(c -> new JSONObject()
                .put("title", ArchiveJson.orNull(c.title()))
                .put("organization", ArchiveJson.orNull(c.organization()))
                .put("phone", ArchiveJson.orNull(c.phone()))).orElse(JSONObject.NULL));
        JSONArray resources = new JSONArray();
        for (PresenceView.ResourceStatus r : presence.resources(username)) {
            resources.put(new JSONObject()
                    .put("resource", r.resource())
                    .put("client", ArchiveJson.orNull(r.client()))
                    .put("status", r.status().label())
                    .put("text", ArchiveJson.orNull(r.text())));
        }
        json.put("resources", resources);
        JSONArray memberOf = new JSONArray();
        for (AliasContact alias : aliases) {
            memberOf.put(new JSONObject().put("jid", alias.jid()).put("name", alias.name()));
        }
        return json.put("aliases", memberOf);
    }

    /** An alias's details: the summary, whether the caller is a member, and its members with their status. */
    static JSONObject alias(AliasContact alias, PresenceView presence, Unread unread, List<Person> members) {
        JSONObject json = summary(alias, presence, unread).put("member", alias.callerIsMember());
        JSONArray list = new JSONArray();
        for (Person member : members) {
            list.put(new JSONObject()
                    .put("jid", member.jid())
                    .put("name", member.name())
                    .put("status", presence.statusOf(member.user().username()).label()));
        }
        return json.put("members", list);
    }
}
