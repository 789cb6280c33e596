package org.domainchat.archive;

/** The message could not be made durable; it must not be delivered as if it were archived. */
public final class ArchiveUnavailableException extends Exception {
    public ArchiveUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
