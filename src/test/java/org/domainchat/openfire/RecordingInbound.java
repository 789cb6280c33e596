package org.domainchat.openfire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.domainchat.webmail.live.Inbound;
import org.xmpp.packet.Packet;

/** An {@link Inbound} that keeps what it is given, for tests. */
final class RecordingInbound implements Inbound {

    final List<Packet> delivered = Collections.synchronizedList(new ArrayList<>());
    final List<String> closed = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void deliver(Packet copy) {
        delivered.add(copy);
    }

    @Override
    public void closed(String reason) {
        closed.add(reason);
    }

    <T extends Packet> List<T> delivered(Class<T> type) {
        synchronized (delivered) {
            return delivered.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
