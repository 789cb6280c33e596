package org.domainchat.webmail.live;

/** An open event stream as the live core sees it. Calls must not block: the stream queues and writes elsewhere. */
public interface EventListener {

    /** A new event for the stream. */
    void onEvent(ChatEvent event);

    /** Time to write a keep-alive (proxies and Jetty drop connections idle for 30 s). */
    void heartbeat();

    /** The live core is stopping or dropped the stream (e.g. too many); end the response. */
    void end();
}
