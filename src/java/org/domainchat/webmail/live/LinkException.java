package org.domainchat.webmail.live;

/** The server could not open a webmail resource. */
public final class LinkException extends Exception {

    /** Why, so that the API can answer with the right status. */
    public enum Kind {
        /** The resource could not be bound (a conflict, or the bind pool was busy): try again. */
        CONFLICT,
        /** The server is starting, stopping, or could not be reached in time. */
        UNAVAILABLE,
        /** The account is locked out or does not exist. */
        REFUSED
    }

    private final Kind kind;

    public LinkException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public LinkException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
