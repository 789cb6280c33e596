package org.domainchat.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.dom4j.Element;
import org.dom4j.io.OutputFormat;
import org.dom4j.io.XMLWriter;

/**
 * A stanza as the text the archive keeps: exactly what Tinder's {@code Packet.toXML()} gives (dom4j's
 * {@code XMLWriter} with its default format), written by reused writers. {@code toXML()} builds a new writer, format
 * and synchronized buffer for every call; on the routing path, once per chat message on each of the server's
 * handler threads, that was a third of the archive's cost there and most of its garbage.
 *
 * <p>Writers are kept in a few slots picked by thread, taken and put back without locks; a thread that finds its
 * slot empty (another one is using it) makes a new writer. No thread-locals: the server's threads outlive the plugin.
 */
final class StanzaText {

    private static final int SLOTS = 32;
    /** A writer whose buffer grew beyond this (a long body) is not kept. */
    private static final int KEEP_CHARS = 16 * 1024;

    private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

    private static final class Slot {
        final Buffer out = new Buffer();
        final XMLWriter writer = new XMLWriter(out, new OutputFormat());
    }

    /** An unsynchronized {@code StringWriter}. */
    private static final class Buffer extends Writer {
        final StringBuilder text = new StringBuilder(1024);

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String s) {
            text.append(s);
        }

        @Override
        public void write(String s, int offset, int length) {
            text.append(s, offset, offset + length);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    String of(Element stanza) {
        int i = (int) (Thread.currentThread().getId() & (SLOTS - 1));
        Slot slot = slots.getAndSet(i, null);
        if (slot == null) {
            slot = new Slot();
        }
        String xml;
        try {
            slot.out.text.setLength(0);
            slot.writer.write(stanza);
            xml = slot.out.text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail; a writer that threw is not reused
        }
        if (slot.out.text.capacity() <= KEEP_CHARS) {
            slots.set(i, slot);
        }
        return xml;
    }
}
