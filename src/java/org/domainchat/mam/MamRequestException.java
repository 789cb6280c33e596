package org.domainchat.mam;

/**
 * A query the archive refuses, with the XMPP error condition the XEP asks for and a sentence for the user. It is
 * the client's mistake (or a request the archive does not allow): answered as an IQ error, never logged as a
 * failure.
 */
public final class MamRequestException extends Exception {

    /** The error conditions this protocol answers with (RFC 6120 §8.3.3). */
    public enum Condition { BAD_REQUEST, ITEM_NOT_FOUND, FEATURE_NOT_IMPLEMENTED, FORBIDDEN, NOT_ALLOWED,
        /** Not the client's mistake: the server cannot answer right now. */
        INTERNAL_SERVER_ERROR }

    private final Condition condition;

    public MamRequestException(Condition condition, String text) {
        super(text, null, false, false);
        this.condition = condition;
    }

    public Condition condition() {
        return condition;
    }
}
