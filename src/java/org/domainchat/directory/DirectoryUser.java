package org.domainchat.directory;

/**
 * A person in the domain directory.
 *
 * @param username the account's JID node
 * @param name     the account's full name, or null when it has none (then the username is shown)
 */
public record DirectoryUser(String username, String name) {

    public String displayName() {
        return name == null || name.isBlank() ? username : name;
    }
}
