package org.domainchat.webmail;

/**
 * An {@code {alias}} path parameter: the alias's normalised name, and the domain when the caller wrote an address
 * ({@code sales@example.com}), so the handler can refuse another domain's.
 *
 * @param domain lower case, or null when only the name was given
 */
record AliasPath(String name, String domain) {
}
