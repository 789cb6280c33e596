package org.domainchat.openfire;

import org.jivesoftware.openfire.interceptor.PacketRejectedException;

/**
 * How an interceptor tells Openfire "not on this pass, and say nothing": a message domainchat delivers itself (once
 * the archive holds it, or as an alias's copies) is dropped from the server's routing without a reply.
 *
 * <p>It has no stack trace. A new exception records the stack of the thread that throws it, and on Openfire 5.1.1
 * that is a Netty handler thread, some twenty frames deep, for every chat message: microseconds of a handler thread's
 * time spent on a trace that nobody reads (Openfire only looks at the rejection message, which is empty here).
 */
final class SilentRejection extends PacketRejectedException {

    private static final long serialVersionUID = 1L;

    SilentRejection(String why) {
        super(why);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
