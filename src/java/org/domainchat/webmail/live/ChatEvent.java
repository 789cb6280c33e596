package org.domainchat.webmail.live;

/**
 * One event of a user's event stream: its id ({@code <epoch>-<seq>}, what {@code Last-Event-ID} names), its SSE
 * event type and its JSON data.
 */
public record ChatEvent(String id, String type, String data) {

    /** The Server-Sent Events frame: data is one line of JSON, so one {@code data:} field is enough. */
    public String frame() {
        return "id: " + id + "\nevent: " + type + "\ndata: " + data + "\n\n";
    }
}
