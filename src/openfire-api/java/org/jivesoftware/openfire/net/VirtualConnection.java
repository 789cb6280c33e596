// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
// Unlike most stand-ins it behaves like the real one, so that WebmailConnection can be tested: close(StreamError)
// closes once, then calls closeVirtualConnection, then completes the close future. The real one first runs the close
// listeners (Openfire's session cleanup, often on another thread); no listener is registered in tests.
package org.jivesoftware.openfire.net;

public abstract class VirtualConnection extends AbstractConnection {
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public VirtualConnection() {
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close(org.xmpp.packet.StreamError error) {
        if (closed.compareAndSet(false, true)) {
            try {
                closeVirtualConnection(error);
            } catch (Exception e) {
                // the real one logs it
            } finally {
                completeCloseFuture();
            }
        }
    }

    public abstract void closeVirtualConnection(org.xmpp.packet.StreamError error);
}
