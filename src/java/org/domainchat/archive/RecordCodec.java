package org.domainchat.archive;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The journal's binary form of a message. The id is written separately (it is assigned under the journal's lock),
 * so routing threads can encode the rest in parallel before they queue.
 */
final class RecordCodec {

    private RecordCodec() {
    }

    /** Everything but the id. The conversation id is not journaled: the writer assigns it again on replay. */
    static byte[] encodeWithoutId(ArchivedMessage m) {
        byte[][] strings = {utf8(m.from()), utf8(m.fromResource()), utf8(m.to()), utf8(m.toResource()),
                utf8(m.body()), utf8(m.thread()), utf8(m.type()), utf8(m.clientId()), utf8(m.stanza())};
        int size = 8 + 1;
        for (byte[] s : strings) {
            size += 4 + (s == null ? 0 : s.length);
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putLong(m.sentAt());
        // flag bits: 1 = body truncated, 2 = via alias (records written before aliases existed have it clear)
        buf.put((byte) ((m.bodyTruncated() ? 1 : 0) | (m.viaAlias() ? 2 : 0)));
        for (byte[] s : strings) {
            if (s == null) {
                buf.putInt(-1);
            } else {
                buf.putInt(s.length).put(s);
            }
        }
        return buf.array();
    }

    /** Decodes a payload written by {@link #encodeWithoutId}; throws on malformed input. */
    static ArchivedMessage decode(long id, ByteBuffer buf) {
        long sentAt = buf.getLong();
        byte flags = buf.get();
        boolean truncated = (flags & 1) != 0;
        boolean viaAlias = (flags & 2) != 0;
        String from = string(buf);
        String fromResource = string(buf);
        String to = string(buf);
        String toResource = string(buf);
        String body = string(buf);
        String thread = string(buf);
        String type = string(buf);
        String clientId = string(buf);
        String stanza = string(buf);
        if (from == null || to == null || body == null || type == null) {
            throw new IllegalArgumentException("journal record " + id + " lacks a required field");
        }
        return new ArchivedMessage(id, 0, sentAt, from, fromResource, to, toResource, body, truncated, thread, type,
                clientId, stanza, viaAlias);
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(ByteBuffer buf) {
        int length = buf.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > buf.remaining()) {
            throw new IllegalArgumentException("bad string length " + length);
        }
        String s = new String(buf.array(), buf.arrayOffset() + buf.position(), length, StandardCharsets.UTF_8);
        buf.position(buf.position() + length);
        return s;
    }
}
