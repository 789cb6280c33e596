package org.domainchat.openfire;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * Recognises the answer Openfire gives when a message sent by the webmail resource is refused while it is being
 * routed. When an interceptor rejects a message, {@code MessageRouter} delivers a reply to the sender inside the same
 * {@code route} call: same id, {@code from} the original {@code to}, the rejection text as body or an error. Such a
 * reply is an outcome of the send, not a message from the recipient.
 */
final class SendWatch {

    private static final String UNKNOWN_REASON = "The server refused the message.";

    /** The messages being routed right now, by id, with the rejection seen for each. */
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();

    private static final class Watched {
        final JID to;
        volatile String rejection;

        Watched(JID to) {
            this.to = to;
        }
    }

    /** Starts watching for the rejection of the message {@code id} to {@code to}. */
    void start(String id, JID to) {
        watched.put(id, new Watched(to));
    }

    /** Stops watching {@code id}; the rejection text if one was seen meanwhile. */
    Optional<String> stop(String id) {
        Watched w = watched.remove(id);
        return w == null ? Optional.empty() : Optional.ofNullable(w.rejection);
    }

    /** True if {@code delivered} is the rejection of a watched message; then it is recorded and must go no further. */
    boolean isRejection(Message delivered) {
        String id = delivered.getID();
        Watched w = id == null ? null : watched.get(id);
        if (w == null || !w.to.equals(delivered.getFrom())) {
            return false;
        }
        w.rejection = reason(delivered);
        return true;
    }

    void clear() {
        watched.clear();
    }

    private static String reason(Message reply) {
        String body = reply.getBody();
        if (body != null && !body.isBlank()) {
            return body.strip();
        }
        PacketError error = reply.getError();
        if (error != null) {
            String text = error.getText();
            if (text != null && !text.isBlank()) {
                return text.strip();
            }
            if (error.getCondition() != null) {
                return error.getCondition().toXMPP();
            }
        }
        return UNKNOWN_REASON;
    }
}
