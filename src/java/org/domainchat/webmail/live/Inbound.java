package org.domainchat.webmail.live;

import org.xmpp.packet.Packet;

/**
 * Where an open link hands what the server delivers to the webmail resource. Called on any thread, concurrently and
 * re-entrantly (inside the link's own sends); implementations must not block and must not call back into the link.
 */
public interface Inbound {

    /**
     * A message, presence or IQ result/error delivered to the resource; {@code copy} is the link's own copy. IQ
     * requests (ping, version, disco, roster pushes) are answered by the link and also passed on.
     */
    void deliver(Packet copy);

    /** The link has closed, for {@code reason} (e.g. {@code offline}, {@code idle}, {@code conflict}); called once. */
    void closed(String reason);
}
