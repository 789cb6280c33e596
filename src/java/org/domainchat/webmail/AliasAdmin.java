package org.domainchat.webmail;

import java.util.Objects;
import java.util.function.Predicate;

import org.domainchat.alias.AliasBook;

/**
 * What the alias provisioning endpoints need: the domain's alias book, which checks and stores aliases exactly as
 * the admin page does, and which names are accounts (members must be accounts; an alias must not take an account's
 * name). A record rather than an interface because the book is the real thing in tests too.
 *
 * @param isUsername true when a normalised username is an account of this server
 */
public record AliasAdmin(AliasBook book, Predicate<String> isUsername) {

    public AliasAdmin {
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(isUsername, "isUsername");
    }
}
