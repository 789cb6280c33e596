package org.domainchat.archive;

/** The archive could not take a message; it must then not be delivered. */
public final class ArchiveUnavailableException extends Exception {
    public ArchiveUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ArchiveUnavailableException(String message) {
        super(message);
    }
}
