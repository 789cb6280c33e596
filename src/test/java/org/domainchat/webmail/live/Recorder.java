package org.domainchat.webmail.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.json.JSONObject;

/** An event stream that keeps what it was sent. */
final class Recorder implements EventListener {

    final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    volatile int heartbeats;
    volatile boolean ended;

    @Override
    public void onEvent(ChatEvent event) {
        events.add(event);
    }

    @Override
    public void heartbeat() {
        heartbeats++;
    }

    @Override
    public void end() {
        ended = true;
    }

    List<ChatEvent> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    JSONObject last(String type) {
        List<ChatEvent> all = ofType(type);
        if (all.isEmpty()) {
            throw new AssertionError("no " + type + " event in " + events);
        }
        return new JSONObject(all.get(all.size() - 1).data());
    }

    String lastId() {
        return events.get(events.size() - 1).id();
    }
}
